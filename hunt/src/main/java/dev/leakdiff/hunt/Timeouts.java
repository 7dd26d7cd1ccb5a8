package dev.leakdiff.hunt;

import java.math.BigDecimal;
import java.time.Duration;

/** A timeout as the user gave it: in seconds, with no trailing zeros ("600", "0.5"). */
final class Timeouts {
  private Timeouts() {}

  static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
  }
}
