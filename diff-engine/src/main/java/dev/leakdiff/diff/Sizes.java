package dev.leakdiff.diff;

import java.util.Locale;

/** Human-readable numbers for reports: 1,234,567 and 12.3 MiB. */
public final class Sizes {
  private Sizes() {}

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  public static String bytes(long n) {
    long abs = Math.abs(n);
    if (abs < 1024) {
      return n + " B";
    }
    double v = abs;
    int u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return (n < 0 ? "-" : "") + Numbers.oneDecimal(v) + " " + UNITS[u];
  }

  public static String signedBytes(long n) {
    return n > 0 ? "+" + bytes(n) : n == 0 ? "0" : bytes(n);
  }

  public static String count(long n) {
    return Numbers.grouped(n);
  }

  public static String signedCount(long n) {
    return n > 0 ? "+" + count(n) : count(n);
  }

  public static String rate(double perIteration) {
    if (Math.abs(perIteration) >= 100 || perIteration == Math.rint(perIteration)) {
      return String.format(Locale.ROOT, "%,.0f", perIteration);
    }
    return String.format(Locale.ROOT, "%.2f", perIteration);
  }
}
