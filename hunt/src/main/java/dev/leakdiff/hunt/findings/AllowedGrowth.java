package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.ClassSeries;

/**
 * Growth a leak test allows: a suspect (or the root of a leak with the suspects it holds) whose class an allowance
 * names, with the allowance and its reason. No leak.
 *
 * @param series the allowed class across the dumps
 * @param heldSuspects the suspects a root of a leak holds, allowed with it (0 for a lone suspect)
 * @param pattern the allowance as given: a class name, a simple name or a glob
 * @param reason why the growth is expected, or "" when none was given
 */
public record AllowedGrowth(ClassSeries series, int heldSuspects, String pattern, String reason) implements Finding {
  @Override
  public String kind() {
    return "allowedGrowth";
  }

  @Override
  public boolean leak() {
    return false;
  }
}
