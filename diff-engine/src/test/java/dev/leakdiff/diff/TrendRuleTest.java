package dev.leakdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Watch's rule on sampled series whose shape is known by construction, noise and outliers included. */
class TrendRuleTest {
  private static final TrendRule RULE = new TrendRule(VerdictRule.DEFAULT, TrendRule.DEFAULT_MIN_SAMPLES);

  /** Work 0, 10, 20, ... (ten requests between two samples). */
  private static double[] work(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 10 * i;
    }
    return w;
  }

  private static double[] values(int n, IntToDoubleFunction f) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = f.applyAsDouble(i);
    }
    return v;
  }

  private static double[] parse(String s) {
    String[] p = s.trim().split("\\s+");
    double[] v = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      v[i] = Double.parseDouble(p[i]);
    }
    return v;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // three objects per request, from the start
      "1000 1030 1060 1090 1120 1150 1180 1210,               LEAK",
      // the same with an outlier (a request in flight at one sample) and wobble
      "1000 1031 1058 1090 1300 1150 1181 1210,               LEAK",
      // a cache that filled within the first samples, then held its size
      "1000 1100 1150 1150 1150 1150 1150 1150,               INIT",
      // a cache that fills over the first half, then holds
      "1000 1030 1060 1090 1120 1120 1120 1120,               INIT",
      // a few objects come and go
      "1000 1003 998 1002 1004 999 1001 1003,                  STABLE",
      // growth that began inside the window
      "1000 1000 1000 1000 1000 1030 1060 1090,               LATE",
      // faster and faster
      "1000 1030 1060 1090 1120 1210 1300 1390,               SUPERLINEAR",
      // slowing down
      "1000 1100 1190 1260 1300 1320 1335 1345,               GROWS",
      // released
      "1210 1180 1150 1120 1090 1060 1030 1000,               SHRINKS",
      // a large class wobbling within 0.1%
      "1000000 1000400 999700 1000300 1000200 999600 1000100 1000400, STABLE"
  })
  void shapes(String counts, Verdict expected) {
    double[] v = parse(counts);
    assertEquals(expected, RULE.judge(work(v.length), v).verdict());
  }

  @Test
  void tooFewSamplesNoVerdict() {
    double[] v = parse("1000 1030 1060 1090 1120 1150 1180");
    Trend t = RULE.judge(work(v.length), v);
    assertNull(t.verdict());
    assertEquals(3.0, t.rate(), 1e-9);
  }

  @Test
  void noWorkDoneNoVerdict() {
    double[] v = parse("1000 1030 1060 1090 1120 1150 1180 1210");
    assertNull(RULE.judge(new double[v.length], v).verdict());
  }

  /** Below the floor (0.5 objects per unit of work), steady growth is no leak. */
  @Test
  void theFloor() {
    double[] v = values(20, i -> 1000 + 4 * i);
    assertEquals(Verdict.STABLE, RULE.judge(work(20), v).verdict(), "0.4 per unit");
    assertEquals(Verdict.LEAK, RULE.judge(work(20), values(20, i -> 1000 + 6 * i)).verdict(), "0.6 per unit");
  }

  /**
   * A leak in noise: 3 objects per request at 10 requests a sample, each sample's count off by up to 20 objects (what
   * requests in flight hold when the histogram's GC runs) and one sample in ten off by 200, in 1,000 random series. The
   * share of them called a leak, and the rate's error, as the samples grow from 8 to 20 (docs/method.md quotes them).
   */
  @Test
  void aLeakInNoise() {
    Random random = new Random(42);
    int[] leaks = new int[21];
    int[] within20 = new int[21];
    for (int run = 0; run < 1000; run++) {
      double[] v = values(20, i -> 5000 + 30 * i + random.nextInt(41) - 20 + (random.nextInt(10) == 0 ? 200 : 0));
      for (int n = 8; n <= 20; n++) {
        Trend t = RULE.judge(java.util.Arrays.copyOf(work(20), n), java.util.Arrays.copyOf(v, n));
        leaks[n] += t.verdict() == Verdict.LEAK ? 1 : 0;
        within20[n] += Math.abs(t.rate() - 3) <= 0.6 ? 1 : 0;
      }
    }
    assertTrue(leaks[8] >= 550 && leaks[12] >= 900 && leaks[15] >= 970 && leaks[20] >= 990, java.util.Arrays.toString(leaks));
    assertTrue(within20[8] >= 850 && within20[15] >= 990 && within20[20] == 1000, java.util.Arrays.toString(within20));
  }

  /** The same without noise: a leak from the 8th sample, its rate exact. */
  @Test
  void aSteadyLeakIsSeenAtTheEighthSample() {
    double[] v = values(8, i -> 5000 + 30 * i);
    Trend t = RULE.judge(work(8), v);
    assertEquals(Verdict.LEAK, t.verdict());
    assertEquals(3.0, t.rate(), 1e-9);
  }

  /** Noise alone, as large as that above, is almost never a suspect (at most 3 series in 10,000). */
  @Test
  void noiseAloneIsSeldomASuspect() {
    Random random = new Random(7);
    int suspects = 0;
    for (int run = 0; run < 10000; run++) {
      double[] v = values(20, i -> 5000 + random.nextInt(41) - 20 + (random.nextInt(10) == 0 ? 200 : 0));
      suspects += RULE.judge(work(20), v).suspect() ? 1 : 0;
    }
    assertTrue(suspects <= 3, suspects + " of 10,000");
  }
}
