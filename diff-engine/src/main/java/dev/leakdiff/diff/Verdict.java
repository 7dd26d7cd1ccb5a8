package dev.leakdiff.diff;

/** What a class's growth across the dumps says, given the iterations run before each dump. */
public enum Verdict {
  /** Grows on every interval at a steady rate per iteration: a leak suspect. */
  LEAK(true),
  /** The rate per iteration itself grows: a leak suspect. */
  SUPERLINEAR(true),
  /** Grew in the last interval, but not in proportion to the iterations (or too few dumps to tell). */
  GROWS(false),
  /**
   * Grew in the last interval alone, where its rate says the interval before would have shown growth too: a
   * one-time step (code run for the first time) or a leak that began late. Another, longer stage tells.
   */
  LATE(false),
  /** Grew, then stayed flat: a one-time cost. */
  INIT(false),
  STABLE(false),
  SHRINKS(false);

  public final boolean suspect;

  Verdict(boolean suspect) {
    this.suspect = suspect;
  }

  /** The lower-case word used in reports. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
