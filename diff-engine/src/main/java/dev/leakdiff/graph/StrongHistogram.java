package dev.leakdiff.graph;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassStat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class histogram of the instances held through strong references alone: what a leak verdict counts. What
 * only weak, soft, phantom or finalizer references hold, what only cleared references hold (a WeakHashMap's
 * stale entries), and what nothing holds are left out, for the GC may take them at any time.
 */
public final class StrongHistogram {
  private StrongHistogram() {}

  /**
   * The strongly held part of a dump's histogram (all of it read from the same dump), by class name; the graph
   * must have been built with every class sized. Class objects count as java.lang.Class, their bytes in
   * proportion to the histogram's.
   */
  public static ClassHistogram of(HeapGraph g, ShortestPaths paths, ClassHistogram all) {
    Map<String, long[]> byName = new HashMap<>();
    long[][] byClass = new long[g.classes.size()][];
    long classObjects = 0;
    for (int o = 0; o < g.objectCount(); o++) {
      if (!paths.strong(o)) {
        continue;
      }
      if (g.isClassObject(o)) {
        classObjects++;
        continue;
      }
      int c = g.classOf[o];
      long[] a = byClass[c];
      if (a == null) {
        a = byName.computeIfAbsent(g.classes.get(c).name(), k -> new long[2]);
        byClass[c] = a;
      }
      a[0]++;
      a[1] += g.shallowSize(o);
    }
    List<ClassStat> rows = new ArrayList<>();
    long objects = 0;
    long bytes = 0;
    for (ClassStat s : all.classes()) {
      long[] a = byName.get(s.name());
      long n = a == null ? 0 : a[0];
      long b = a == null ? 0 : a[1];
      if (s.name().equals("java.lang.Class")) {
        n = classObjects + n;
        b = s.instances() == 0 ? 0 : Math.round((double) s.bytes() * n / s.instances());
      }
      rows.add(new ClassStat(s.name(), n, b, s.classCount()));
      objects += n;
      bytes += b;
    }
    rows.sort(ClassStat.BY_BYTES);
    return new ClassHistogram(all.source(), all.dumpIndex(), all.dumpCount(), all.layout(), List.copyOf(rows), objects, bytes,
        all.timestampMillis(), all.warnings(), all.truncated(), all.coverage(), all.bootClasses());
  }
}
