package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.ClassSeries;

/** A class name loaded by more and more class loaders across the dumps (their count per dump in the series). */
public record LoaderGrowth(ClassSeries series) implements Finding {
  @Override
  public String kind() {
    return "loaderGrowth";
  }

  @Override
  public boolean leak() {
    return false;
  }
}
