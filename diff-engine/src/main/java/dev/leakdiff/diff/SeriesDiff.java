package dev.leakdiff.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Matches classes across histograms by name and computes their growth and verdicts. */
public final class SeriesDiff {
  private SeriesDiff() {}

  /**
   * Compares histograms taken in this order.
   *
   * @param iterations iterations run before each dump, strictly increasing; null for no verdicts
   */
  public static Comparison compare(List<String> labels, List<ClassHistogram> dumps, long[] iterations, VerdictRule rule) {
    int n = dumps.size();
    if (n < 2) {
      throw new IllegalArgumentException("a comparison needs at least two dumps");
    }
    if (iterations != null) {
      if (iterations.length != n) {
        throw new IllegalArgumentException(iterations.length + " iteration counts for " + n + " dumps");
      }
      for (int i = 1; i < n; i++) {
        if (iterations[i] <= iterations[i - 1]) {
          throw new IllegalArgumentException("the iteration counts must increase from one dump to the next");
        }
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (ClassHistogram h : dumps) {
      for (ClassStat c : h.classes()) {
        names.add(c.name());
      }
    }
    List<java.util.Map<String, ClassStat>> index = new ArrayList<>();
    for (ClassHistogram h : dumps) {
      java.util.Map<String, ClassStat> m = new java.util.HashMap<>();
      h.classes().forEach(c -> m.put(c.name(), c));
      index.add(m);
    }
    List<ClassSeries> rows = new ArrayList<>();
    for (String name : names) {
      long[] inst = new long[n];
      long[] bytes = new long[n];
      int[] loaded = new int[n];
      for (int i = 0; i < n; i++) {
        ClassStat c = index.get(i).get(name);
        if (c != null) {
          inst[i] = c.instances();
          bytes[i] = c.bytes();
          loaded[i] = c.classCount();
        }
      }
      Verdict verdict = iterations == null ? null : rule.classify(inst, iterations);
      double perIteration = 0;
      double bytesPerIteration = 0;
      if (iterations != null) {
        int from = n > 2 ? 1 : 0; // after the first interval, which may hold one-time costs
        long span = iterations[n - 1] - iterations[from];
        perIteration = (double) (inst[n - 1] - inst[from]) / span;
        bytesPerIteration = (double) (bytes[n - 1] - bytes[from]) / span;
      }
      rows.add(new ClassSeries(name, inst, bytes, loaded, verdict, perIteration, bytesPerIteration));
    }
    rows.sort(Comparator.comparingLong(ClassSeries::byteGrowth).reversed()
        .thenComparing(Comparator.comparingLong(ClassSeries::instanceGrowth).reversed())
        .thenComparing(ClassSeries::name));
    long[] objects = new long[n];
    long[] totalBytes = new long[n];
    for (int i = 0; i < n; i++) {
      objects[i] = dumps.get(i).totalObjects();
      totalBytes[i] = dumps.get(i).totalBytes();
    }
    return new Comparison(List.copyOf(labels), iterations, List.copyOf(rows), objects, totalBytes, rule);
  }
}
