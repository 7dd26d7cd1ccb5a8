package dev.leakdiff.hunt.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written number formats against java.util.Formatter, which they stand in for. */
class NumbersTest {
  @Test
  void groupsLikeTheFormatter() {
    long[] edges = {0, 7, -7, 999, 1000, -1000, 999_999, 1_000_000, -1_234_567, 12_345_678_901L, Long.MAX_VALUE, Long.MIN_VALUE};
    for (long n : edges) {
      assertEquals(String.format(Locale.ROOT, "%,d", n), Numbers.grouped(n), "n=" + n);
    }
    Random r = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      long n = r.nextLong() >> r.nextInt(64);
      assertEquals(String.format(Locale.ROOT, "%,d", n), Numbers.grouped(n), "n=" + n);
    }
  }

  @Test
  void oneDecimalLikeTheFormatter() {
    double[] edges = {0, 1, 1.04, 1.05, 1.15, 9.95, 12.34, 1023.96, 1023.94, 512.5};
    for (double v : edges) {
      assertEquals(String.format(Locale.ROOT, "%.1f", v), Numbers.oneDecimal(v), "v=" + v);
    }
    Random r = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      // what Sizes gives it: a byte count divided by powers of 1024, between 1 and 1024
      long bytes = 1024 + (long) (r.nextDouble() * (1L << 40));
      double v = bytes;
      while (v >= 1024) {
        v /= 1024;
      }
      assertEquals(String.format(Locale.ROOT, "%.1f", v), Numbers.oneDecimal(v), "v=" + v);
    }
  }
}
