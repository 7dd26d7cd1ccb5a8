package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.ClassSeries;

/**
 * A class that grew in the last stage alone, even after the stage leakdiff added to tell: no suspect, but no clean
 * bill either (a one-time step, or a leak that began late).
 *
 * @param from the iterations of the dump before the last
 * @param to the iterations of the last dump
 */
public record LateGrowth(ClassSeries series, long from, long to) implements Finding {
  @Override
  public String kind() {
    return "lateGrowth";
  }

  @Override
  public boolean leak() {
    return false;
  }
}
