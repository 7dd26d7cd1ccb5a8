package dev.leakdiff.diff;

/**
 * The rule that turns instance counts at iteration counts into a {@link Verdict}. Per interval j between two
 * dumps, the change d is noise while |d| is at most the band max(noiseObjects, noiseFraction x count). The
 * last interval decides whether a class grows at all: it must exceed the band and add at least minRate
 * objects per iteration. A growing class is a leak when every earlier interval matches the last interval's
 * rate within rateTolerance (relative) plus the band, except that the first interval may exceed it (a
 * one-time cost on top of the leak), and with three intervals or more is not checked at all (a drop there is what the
 * first GCs clear of the start-up); superlinear when the rate of the last interval exceeds the rate of the
 * one before by more than that tolerance; grows otherwise, and with only two dumps. Late, rather than any of
 * these, when the interval before the last did not grow beyond its band although the last one's rate predicts
 * growth beyond it there: growth that began in the last interval, a step or a late start. A class whose last
 * interval does not grow is init if an earlier interval grew, shrinks if the last interval fell beyond the
 * band, stable otherwise.
 */
public record VerdictRule(long noiseObjects, double noiseFraction, double minRate, double rateTolerance) {
  /** A change of at most this many objects between two dumps is noise, by default. */
  public static final long DEFAULT_NOISE = 5;
  /** ... or of at most this fraction of the class's count. */
  public static final double DEFAULT_NOISE_FRACTION = 0.001;
  /** A class grows only if it adds at least this many objects per iteration in the last interval. */
  public static final double DEFAULT_MIN_RATE = 0.5;
  /** How far (relative) an interval's growth may stray from the steady rate and still be a leak. */
  public static final double DEFAULT_TOLERANCE = 0.5;

  public static final VerdictRule DEFAULT = new VerdictRule(DEFAULT_NOISE, DEFAULT_NOISE_FRACTION, DEFAULT_MIN_RATE,
      DEFAULT_TOLERANCE);

  /** The verdict for counts at strictly increasing iterations (same length, at least 2). */
  public Verdict classify(long[] counts, long[] iterations) {
    int m = counts.length - 1;
    long last = counts[m] - counts[m - 1];
    long lastSpan = iterations[m] - iterations[m - 1];
    if (!(last > band(counts, m - 1) && last >= minRate * lastSpan)) {
      if (last < -band(counts, m - 1)) {
        return Verdict.SHRINKS;
      }
      for (int j = 0; j < m - 1; j++) {
        if (counts[j + 1] - counts[j] > band(counts, j)) {
          return Verdict.INIT;
        }
      }
      return Verdict.STABLE;
    }
    if (m < 2) {
      return Verdict.GROWS;
    }
    double rate = (double) last / lastSpan;
    long before = counts[m - 1] - counts[m - 2];
    if (before <= band(counts, m - 2) && rate * (iterations[m - 1] - iterations[m - 2]) > band(counts, m - 2)) {
      return Verdict.LATE;
    }
    boolean steady = true;
    // with three intervals or more the first is free: it holds the one-time costs, and what the first GCs clear
    for (int j = m >= 3 ? 1 : 0; j < m - 1; j++) {
      double expected = rate * (iterations[j + 1] - iterations[j]);
      double slack = rateTolerance * expected + band(counts, j);
      long d = counts[j + 1] - counts[j];
      if (d < expected - slack || (j > 0 && d > expected + slack)) {
        steady = false;
      }
    }
    if (steady) {
      return Verdict.LEAK;
    }
    double previousRate = (double) before / (iterations[m - 1] - iterations[m - 2]);
    if (before >= -band(counts, m - 2) && last > (1 + rateTolerance) * previousRate * lastSpan + band(counts, m - 1)) {
      return Verdict.SUPERLINEAR;
    }
    return Verdict.GROWS;
  }

  private double band(long[] counts, int j) {
    return Math.max(noiseObjects, noiseFraction * Math.max(counts[j], counts[j + 1]));
  }
}
