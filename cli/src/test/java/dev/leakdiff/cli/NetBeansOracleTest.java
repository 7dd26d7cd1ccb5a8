package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassStat;
import dev.leakdiff.diff.Histograms;
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

  @ParameterizedTest(name = "iter-{0}")
  @ValueSource(strings = {"0", "100"})
  void everyClassCountMatches(String iter) throws Exception {
    Path dump = ScenarioDumps.planted().resolve("iter-" + iter + ".hprof");
    Heap heap = HeapFactory.createHeap(dump.toFile());
    Map<String, Long> theirs = new TreeMap<>();
    for (Object o : heap.getAllClasses()) {
      JavaClass c = (JavaClass) o;
      // NetBeans counts only the few java.lang.Class INSTANCE_DUMPs (primitive type mirrors); leakdiff adds a mirror per class
      if (c.getInstancesCount() > 0 && !c.getName().equals("java.lang.Class")) {
        theirs.merge(c.getName(), (long) c.getInstancesCount(), Long::sum);
      }
    }
    ClassHistogram ours = Histograms.last(dump);
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
