package dev.leakdiff.hunt.watch;

import dev.leakdiff.diff.Trend;
import dev.leakdiff.diff.TrendRule;
import dev.leakdiff.diff.VerdictRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trends after a sample, over the window of the last samples: of each class whose count changed in the window
 * (a class that did not change is stable, and left out), and of each process fact the samples have.
 *
 * @param sample the sample just taken
 * @param classes per class whose count changed in the window: its trend, fastest-growing first
 * @param facts per process fact known in every sample of the window: its trend
 */
public record Judgement(Sample sample, Map<String, Trend> classes, Map<Fact, Trend> facts) {
  /** The classes whose trend makes them leak suspects (leak, superlinear), fastest first. */
  public List<String> suspects() {
    return classes.entrySet().stream().filter(e -> e.getValue().suspect()).map(Map.Entry::getKey).toList();
  }

  /** The average size of an instance of the class at the sample, in bytes; 0 when it has none. */
  public double averageBytes(String className) {
    Sample.Counts c = sample.classes().get(className);
    return c == null || c.instances() == 0 ? 0 : (double) c.bytes() / c.instances();
  }

  /** The trends over the window that ends with the last of samples. */
  static Judgement of(List<Sample> samples, int window, TrendRule rule) {
    List<Sample> w = samples.subList(Math.max(0, samples.size() - window), samples.size());
    double[] work = w.stream().mapToDouble(Sample::work).toArray();
    Set<String> names = new HashSet<>();
    w.forEach(s -> names.addAll(s.classes().keySet()));
    Map<String, Trend> classes = new LinkedHashMap<>();
    List<Map.Entry<String, Trend>> judged = new ArrayList<>();
    for (String name : names) {
      double[] values = new double[w.size()];
      boolean changed = false;
      for (int i = 0; i < values.length; i++) {
        values[i] = w.get(i).instances(name);
        changed |= values[i] != values[0];
      }
      if (changed) {
        judged.add(Map.entry(name, rule.judge(work, values)));
      }
    }
    judged.sort(Comparator.comparingInt((Map.Entry<String, Trend> e) -> rank(e.getValue()))
        .thenComparingDouble(e -> Double.isNaN(e.getValue().rate()) ? 0 : -e.getValue().rate()).thenComparing(Map.Entry::getKey));
    judged.forEach(e -> classes.put(e.getKey(), e.getValue()));
    Map<Fact, Trend> facts = new EnumMap<>(Fact.class);
    for (Fact f : Fact.values()) {
      double[] values = new double[w.size()];
      boolean known = true;
      for (int i = 0; i < values.length && known; i++) {
        Double v = f.of(w.get(i));
        known = v != null;
        values[i] = known ? v : 0;
      }
      if (known) {
        VerdictRule t = f.thresholds(rule.thresholds());
        facts.put(f, new TrendRule(t, rule.minSamples()).judge(work, values));
      }
    }
    return new Judgement(samples.get(samples.size() - 1), classes, facts);
  }

  /** Suspects first, then growing classes, then the others (each by falling rate). */
  private static int rank(Trend t) {
    return t.suspect() ? 0 : t.growing() ? 1 : 2;
  }
}
