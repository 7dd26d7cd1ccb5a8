package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.ClassSeries;

/**
 * A class whose instances grow in proportion to the iterations, counted in histograms alone (compare): a leak suspect,
 * whose holder only the chains of a dump tell.
 */
public record Suspect(ClassSeries series) implements Finding {
  @Override
  public String kind() {
    return "suspect";
  }

  @Override
  public boolean leak() {
    return true;
  }
}
