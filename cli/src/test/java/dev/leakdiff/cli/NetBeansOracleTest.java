package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassStat;
import dev.leakdiff.source.Dumps;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.JavaClass;

/** Per-class instance counts equal those of an independent parser, NetBeans' heap library, on real dumps. */
class NetBeansOracleTest {
  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> u = new java.util.TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  /**
   * NetBeans names a lambda class as the JVM does (OUTER$$Lambda$COUNTER+0xADDRESS); leakdiff names it by its rank
   * among OUTER's lambdas by that counter (OUTER$$Lambda#RANK), the same in every JVM: the same classes, renamed.
   */
  private static Map<String, Long> lambdasRanked(Map<String, Long> counts) {
    java.util.regex.Pattern lambda = java.util.regex.Pattern.compile("(.+\\$\\$Lambda)\\$(\\d+)[+/.]0x[0-9a-fA-F]+");
    Map<String, TreeMap<Long, String>> byOuter = new TreeMap<>();
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((name, n) -> {
      java.util.regex.Matcher m = lambda.matcher(name);
      if (m.matches()) {
        byOuter.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Long.parseLong(m.group(2)), name);
      } else {
        out.put(name, n);
      }
    });
    byOuter.forEach((outer, byCounter) -> {
      int rank = 0;
      for (String name : byCounter.values()) {
        out.put(outer + "#" + ++rank, counts.get(name));
      }
    });
    return out;
  }

  @ParameterizedTest(name = "iter-{0}")
  @ValueSource(strings = {"0", "100"})
  void everyClassCountMatches(String iter) throws Exception {
    Path dump = ScenarioDumps.planted().resolve("iter-" + iter + ".hprof");
    Heap heap = HeapFactory.createHeap(dump.toFile());
    Map<String, Long> theirs = new TreeMap<>();
    for (Object o : heap.getAllClasses()) {
      JavaClass c = (JavaClass) o;
      // NetBeans counts only the few java.lang.Class INSTANCE_DUMPs (primitive type mirrors); leakdiff adds a mirror per class
      if (!c.getName().equals("java.lang.Class")) { // every class, so lambdas rank among all their outer class's
        theirs.merge(c.getName(), (long) c.getInstancesCount(), Long::sum);
      }
    }
    theirs = lambdasRanked(theirs);
    theirs.values().removeIf(n -> n == 0);
    ClassHistogram ours = Dumps.histogram(dump);
    Map<String, Long> mine = new TreeMap<>();
    for (ClassStat c : ours.classes()) {
      if (c.instances() > 0 && !c.name().equals("java.lang.Class")) {
        mine.put(c.name(), c.instances());
      }
    }
    assertTrue(mine.size() > 500, "a real dump has hundreds of classes: " + mine.size());
    Map<String, String> differences = new TreeMap<>();
    for (String name : union(theirs.keySet(), mine.keySet())) {
      if (!java.util.Objects.equals(theirs.get(name), mine.get(name))) {
        differences.put(name, "NetBeans " + theirs.get(name) + ", leakdiff " + mine.get(name));
      }
    }
    assertEquals(Map.of(), differences, "classes whose counts differ");
  }
}
