package dev.leakdiff.diff;

/**
 * What {@link TrendRule} says of one series sampled against the work done: its verdict, and its robust rates of growth
 * per unit of work over the window and over each half of it.
 *
 * @param verdict null while the window holds fewer samples than the rule needs, or when no work was done in it
 * @param rate the Theil-Sen slope over the window: the median of the rates between every two samples
 * @param earlyRate the same over the first half of the window (to its middle sample)
 * @param lateRate the same over the second half (from its middle sample)
 * @param samples the samples in the window
 * @param first the value at the window's first sample
 * @param last the value at its last
 */
public record Trend(Verdict verdict, double rate, double earlyRate, double lateRate, int samples, double first, double last) {
  /** Whether the verdict makes it a leak suspect. */
  public boolean suspect() {
    return verdict != null && verdict.suspect;
  }

  /** Whether it grows now: a suspect, or growth not yet steady ({@link Verdict#GROWS}, {@link Verdict#LATE}). */
  public boolean growing() {
    return verdict == Verdict.LEAK || verdict == Verdict.SUPERLINEAR || verdict == Verdict.GROWS || verdict == Verdict.LATE;
  }
}
