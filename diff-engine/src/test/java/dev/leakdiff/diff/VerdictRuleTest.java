package dev.leakdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verdict rule on count series whose shape is known by construction. */
class VerdictRuleTest {
  private static long[] parse(String s) {
    String[] p = s.trim().split("\\s+");
    long[] v = new long[p.length];
    for (int i = 0; i < p.length; i++) {
      v[i] = Long.parseLong(p[i]);
    }
    return v;
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource({
      // the method's two examples
      "100 1000 10000,        1 10 100,     LEAK",
      "100 100 100,           1 10 100,     STABLE",
      "100 200 200,           1 10 100,     INIT",
      "0 100 100 100,         0 1 10 100,   INIT",
      "0 100 1000 10000,      0 1 10 100,   LEAK",
      // a one-time cost on top of a leak is still a leak
      "5000 5310 6210 15210,  0 1 10 100,   LEAK",
      // the first of three intervals or more is free: start-up objects the first GCs clear (seen: 2646 2641 2648 2738)
      "2646 2641 2648 2738,   0 1 10 100,   LEAK",
      "100 90 99 189,         0 1 10 100,   LEAK",
      // one object per iteration is enough to see
      "50 51 60 150,          0 1 10 100,   LEAK",
      // JDK internals that wobble by a few objects
      "17950 17953 17951 17955, 0 1 10 100, STABLE",
      "2000 2003 2004 2009,   0 1 10 100,   STABLE",
      "849 898 902 902,       0 1 10 100,   INIT",
      // a large class wobbling within 0.1%
      "1000000 1000400 999700 1000600, 0 1 10 100, STABLE",
      // the rate grows
      "0 10 100 10000,        0 1 10 100,   SUPERLINEAR",
      "0 9 900,               1 10 100,     SUPERLINEAR",
      // grows in the last interval alone (where its rate would have shown before): late, no suspect
      "100 100 100 600,       0 1 10 100,   LATE",
      "0 0 0 94,              0 1 10 100,   LATE",
      "0 0 0 248,             0 1 10 100,   LATE",
      // ...and another stage tells: a step stays flat, a late leak goes on
      "0 0 0 94 94,           0 1 10 100 200, INIT",
      "0 0 0 94 198,          0 1 10 100 200, LEAK",
      // a slow leak the interval before the last cannot show (0.5 per iteration, 4.5 within the band of 5)
      "0 0 5 50,              0 1 10 100,   LEAK",
      "0 1 6 60 120,          0 1 10 100 200, LEAK",
      "100 600 650 700,       0 1 10 100,   GROWS",
      // only two dumps: growth, but no shape to judge
      "100 1000,              1 10,         GROWS",
      "1000 100,              1 10,         SHRINKS",
      "100 1000 900,          1 10 100,     SHRINKS",
      // leak with irregular iteration counts
      "0 20 40 1040,          0 2 4 104,    LEAK",
  })
  void verdicts(String counts, String iterations, Verdict expected) {
    assertEquals(expected, VerdictRule.DEFAULT.classify(parse(counts), parse(iterations)));
  }

  @ParameterizedTest(name = "noise {0}")
  @CsvSource({"5, LEAK", "50, STABLE"})
  void theNoiseBandIsASetting(long noise, Verdict expected) {
    VerdictRule rule = new VerdictRule(noise, 0.001, 0.05, 0.5);
    assertEquals(expected, rule.classify(parse("10 11 12 20"), parse("0 1 10 100")));
  }
}
