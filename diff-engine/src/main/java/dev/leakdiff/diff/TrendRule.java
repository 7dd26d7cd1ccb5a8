package dev.leakdiff.diff;

import java.util.Arrays;

/**
 * The rule for a series sampled from a running process against the work it did (elapsed time, or a counter of
 * requests), where {@link VerdictRule}'s intervals of 1, 10 and 100 iterations do not exist: each interval is alike and
 * noisy, so no one interval may decide. Over a window of samples it takes robust rates, Siegel's repeated medians (for
 * each sample the median of its rates to the others, and the median of those: half the samples may be outliers before
 * it moves), over the whole window and over each half (the halves share the middle sample). A rise counts when it
 * exceeds the noise: the band of {@code thresholds} at the window's larger end, max(noiseObjects, noiseFraction x value),
 * or three times the scatter of the samples around each half's line (1.4826 times the median absolute residual), if
 * larger. Then:
 * <ul>
 *   <li>a series <b>grows</b> when its second half rises by more than the noise at a rate of at least {@code minRate} per
 *       unit of work (the floor). Growing, it is <b>late</b> when the first half did not rise so (growth that began inside
 *       the window, judged once the window has moved on); else a <b>leak</b> when the halves' rates agree within
 *       {@code rateTolerance} (relative, plus the noise over the half) and the rise is significant over the whole window
 *       (the lower end of the Theil-Sen slope's 95% confidence interval, from Kendall's statistic, is above 0);
 *       <b>superlinear</b> when the second half's rate exceeds the first's by more; <b>grows</b> otherwise (slowing down);
 *   <li>not growing, it <b>shrinks</b> when the second half falls by more than the noise; is <b>init</b> when the first
 *       half rose by more than it (it grew, then stopped: a cache that filled); <b>stable</b> otherwise.
 * </ul>
 * No verdict with fewer than {@code minSamples} samples, or with no work done across the window.
 */
public record TrendRule(VerdictRule thresholds, int minSamples) {
  /** Samples needed for a verdict, by default. */
  public static final int DEFAULT_MIN_SAMPLES = 8;
  /** The normal quantile of a two-sided 95% interval. */
  private static final double Z = 1.96;

  public TrendRule {
    if (minSamples < 4) {
      throw new IllegalArgumentException("a trend needs at least 4 samples, not " + minSamples);
    }
  }

  /** The trend of values at the work done before each sample (the window, in the order the samples were taken). */
  public Trend judge(double[] work, double[] values) {
    int n = values.length;
    if (n == 0) {
      return new Trend(null, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
    }
    double first = values[0];
    double last = values[n - 1];
    int h = n / 2;
    double rate = repeatedMedian(work, values, 0, n);
    double early = repeatedMedian(work, values, 0, h + 1);
    double late = repeatedMedian(work, values, h, n);
    if (n < minSamples || Double.isNaN(rate) || Double.isNaN(early) || Double.isNaN(late)) {
      return new Trend(null, rate, early, late, n, first, last);
    }
    double earlySpan = work[h] - work[0];
    double lateSpan = work[n - 1] - work[h];
    double noise = Math.max(thresholds.noiseObjects(), thresholds.noiseFraction() * Math.max(Math.abs(first), Math.abs(last)));
    noise = Math.max(noise, 3 * scatter(work, values, h, early, late));
    double earlyRise = early * earlySpan;
    double lateRise = late * lateSpan;
    double tolerance = thresholds.rateTolerance();
    boolean earlyUp = earlyRise > noise && early >= thresholds.minRate();
    Verdict v;
    if (lateRise > noise && late >= thresholds.minRate()) {
      if (!earlyUp) {
        v = Verdict.LATE;
      } else if (late > (1 + tolerance) * early + noise / lateSpan) {
        v = Verdict.SUPERLINEAR;
      } else if (early <= (1 + tolerance) * late + noise / earlySpan && confidentlyAbove(slopes(work, values), n)) {
        v = Verdict.LEAK;
      } else {
        v = Verdict.GROWS;
      }
    } else if (lateRise < -noise) {
      v = Verdict.SHRINKS;
    } else if (earlyUp) {
      v = Verdict.INIT;
    } else {
      v = Verdict.STABLE;
    }
    return new Trend(v, rate, early, late, n, first, last);
  }

  /**
   * Siegel's repeated median slope of the samples from..to-1: for each, the median of its rates to the others (those at
   * other work), then the median of those; NaN when the work did not change.
   */
  static double repeatedMedian(double[] x, double[] y, int from, int to) {
    double[] each = new double[to - from];
    double[] mine = new double[to - from];
    int k = 0;
    for (int i = from; i < to; i++) {
      int m = 0;
      for (int j = from; j < to; j++) {
        if (x[j] != x[i]) {
          mine[m++] = (y[j] - y[i]) / (x[j] - x[i]);
        }
      }
      if (m > 0) {
        double[] sorted = Arrays.copyOf(mine, m);
        Arrays.sort(sorted);
        each[k++] = median(sorted);
      }
    }
    double[] sorted = Arrays.copyOf(each, k);
    Arrays.sort(sorted);
    return median(sorted);
  }

  /**
   * The scatter of the samples around the lines of the two halves (each through the median of its samples' intercepts):
   * 1.4826 times the median absolute residual, which estimates a standard deviation that outliers do not inflate.
   */
  private static double scatter(double[] x, double[] y, int h, double early, double late) {
    int n = y.length;
    double[] residuals = new double[n + 1];
    int k = residuals(x, y, 0, h + 1, early, residuals, 0);
    k = residuals(x, y, h, n, late, residuals, k);
    double[] sorted = Arrays.copyOf(residuals, k);
    Arrays.sort(sorted);
    return 1.4826 * median(sorted);
  }

  /** The absolute residuals of samples from..to-1 around the line of that slope, put in out from k; returns the new k. */
  private static int residuals(double[] x, double[] y, int from, int to, double slope, double[] out, int k) {
    double[] intercepts = new double[to - from];
    for (int i = from; i < to; i++) {
      intercepts[i - from] = y[i] - slope * x[i];
    }
    double[] sorted = intercepts.clone();
    Arrays.sort(sorted);
    double a = median(sorted);
    for (double c : intercepts) {
      out[k++] = Math.abs(c - a);
    }
    return k;
  }

  /** The rates between every two samples whose work differs, sorted. */
  static double[] slopes(double[] x, double[] y) {
    int n = y.length;
    double[] out = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (x[j] != x[i]) {
          out[k++] = (y[j] - y[i]) / (x[j] - x[i]);
        }
      }
    }
    double[] s = Arrays.copyOf(out, k);
    Arrays.sort(s);
    return s;
  }

  /** The median of sorted values; NaN for none. */
  static double median(double[] sorted) {
    int k = sorted.length;
    if (k == 0) {
      return Double.NaN;
    }
    return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
  }

  /**
   * Whether the lower end of the Theil-Sen slope's 95% confidence interval (Sen, 1968: the slope ranked (N - C) / 2 from
   * the bottom of the N sorted slopes, C = 1.96 sqrt(n (n - 1) (2n + 5) / 18) for n samples) is above 0.
   */
  static boolean confidentlyAbove(double[] sorted, int n) {
    double c = Z * Math.sqrt(n * (n - 1.0) * (2.0 * n + 5) / 18);
    int rank = (int) Math.floor((sorted.length - c) / 2);
    return rank >= 1 && sorted[rank - 1] > 0;
  }
}
