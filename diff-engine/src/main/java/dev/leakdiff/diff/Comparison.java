package dev.leakdiff.diff;

import java.util.List;

/** The comparison of a series of class histograms: per class rows, largest growth first, and per-dump totals. */
public record Comparison(
    List<String> labels,
    long[] iterations,
    List<ClassSeries> classes,
    long[] totalObjects,
    long[] totalBytes,
    VerdictRule rule) {

  /** Rows whose verdict makes them leak suspects. */
  public List<ClassSeries> suspects() {
    return classes.stream().filter(c -> c.verdict() != null && c.verdict().suspect).toList();
  }

  /** Rows of names loaded by several class loaders whose number of classes grew. */
  public List<ClassSeries> loaderGrowth() {
    return classes.stream().filter(ClassSeries::loaderGrowth).toList();
  }
}
