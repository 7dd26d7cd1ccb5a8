package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.hprof.Progress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;

/**
 * For every instance of several classes, the length of leakdiff's chain (field by field, as --raw shows it)
 * equals the depth of the nearest GC root that NetBeans' heap library computes.
 */
class NetBeansDepthOracleTest {

  private static void compare(Path dump, List<String> classNames) throws Exception {
    HeapGraph g = dev.leakdiff.source.Dumps.graph(dump, DumpSelection.last(), classes -> c -> false, new Progress());
    ShortestPaths paths = ShortestPaths.compute(g, false, false); // as --raw counts hops
    Map<Long, Integer> ours = new HashMap<>();
    Map<Long, Boolean> throughImplicit = new HashMap<>();
    for (int o = 0; o < g.objectCount(); o++) {
      if (!g.isClassObject(o) && classNames.contains(g.classes().get(g.classIndex(o)).name()) && paths.reached(o)
          && !paths.weakOnly.get(o)) {
        int[] chain = paths.chain(g, o);
        ours.put(g.idOf(o), chain.length - 1);
        throughImplicit.put(g.idOf(o), implicitHop(g, paths, chain));
      }
    }
    Heap heap = HeapFactory.createHeap(dump.toFile());
    Map<String, String> differences = new TreeMap<>();
    int compared = 0;
    int implicitShorter = 0;
    for (String name : classNames) {
      JavaClass cls = heap.getJavaClassByName(name);
      for (Object o : cls.getInstances()) {
        Instance i = (Instance) o;
        Integer mine = ours.get(i.getInstanceId());
        int depth = 0;
        Instance x = i;
        while (x != null && !x.isGCRoot() && depth < 10_000) {
          x = x.getNearestGCRootPointer();
          depth++;
        }
        if (x == null || mine == null) {
          continue; // unreachable for one of the two; reachability is tested elsewhere
        }
        compared++;
        if (mine < depth && throughImplicit.get(i.getInstanceId())) {
          // NetBeans follows no class's protection domain, signers or loader: our chain through one is shorter
          implicitShorter++;
          continue;
        }
        if (mine != depth) {
          differences.merge(name, String.format("0x%x: leakdiff %d, NetBeans %d", i.getInstanceId(), mine, depth),
              (a, b) -> a + "; " + b);
        }
      }
    }
    assertTrue(compared >= 50, "compared " + compared);
    assertTrue(implicitShorter <= compared / 10, implicitShorter + " of " + compared + " shorter through a class's implicit reference");
    assertEquals(Map.of(), differences);
  }

  /** Whether a chain passes from a class to what it holds beyond its statics (super, loader, signers, protection domain). */
  private static boolean implicitHop(HeapGraph g, ShortestPaths paths, int[] chain) {
    for (int i = 1; i < chain.length; i++) {
      if (g.isClassObject(chain[i - 1])
          && paths.slot(g, chain[i]) >= g.classes().get(g.classIndex(chain[i - 1])).staticRefNames().length) {
        return true;
      }
    }
    return false;
  }

  @Test
  void plantedLeak() throws Exception {
    compare(ScenarioDumps.planted().resolve("iter-100.hprof"), List.of(
        "PlantedLeak$LeakedItem", "PlantedLeak$Tag", "PlantedLeak$CacheEntry", "java.util.HashMap$Node"));
  }

  @Test
  void holders() throws Exception {
    compare(ScenarioDumps.holders(), List.of("Holders$HeldByStatic", "Holders$HeldByThreadLocal", "Holders$Listener",
        "Holders$Owner", "Holders$CycleB", "Holders$TwoWays", "Holders$MapKey", "Holders$MapValue", "java.lang.String"));
  }
}
