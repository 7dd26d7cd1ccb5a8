package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;

/**
 * The objects no GC root reaches through strong references, against NetBeans' heap library (VisualVM's
 * engine): an instance with no nearest GC root that is not itself a root. leakdiff follows references NetBeans does not (an instance's class,
 * a class's loader, super class, signers and protection domain, as the JVM's GC does): every object it calls
 * unreachable NetBeans calls unreachable too, and every object NetBeans alone calls unreachable is reached by
 * leakdiff through one of those references. In a live dump what remains is held by the JVM itself, outside
 * what a dump records (class mirrors' own fields, archived heap objects).
 */
class UnreachableOracleTest {
  private static void compare(Path dump) throws Exception {
    HeapGraph g = dev.leakdiff.source.Dumps.graph(dump, DumpSelection.last(), classes -> c -> false, new Progress());
    ShortestPaths paths = ShortestPaths.compute(g, false);
    Set<Long> ours = new HashSet<>();
    for (int o = 0; o < g.objectCount(); o++) {
      if (!g.isClassObject(o) && (!paths.reached(o) || paths.weakOnly.get(o))) { // NetBeans follows no referent
        ours.add(g.idOf(o));
      }
    }
    Heap heap = HeapFactory.createHeap(dump.toFile());
    Set<Long> theirs = new HashSet<>();
    for (Object c : heap.getAllClasses()) {
      for (Object o : ((JavaClass) c).getInstances()) {
        Instance i = (Instance) o;
        if (!i.isGCRoot() && i.getNearestGCRootPointer() == null) {
          theirs.add(i.getInstanceId());
        }
      }
    }
    Set<Long> oursAlone = new HashSet<>(ours);
    oursAlone.removeAll(theirs);
    assertEquals(Set.of(), oursAlone, "unreachable for leakdiff, reachable for NetBeans");
    int explained = 0;
    List<String> unexplained = new ArrayList<>();
    for (long id : theirs) {
      if (ours.contains(id)) {
        continue;
      }
      int[] chain = paths.chain(g, g.objectOf(id));
      if (implicitHop(g, paths, chain)) {
        explained++;
      } else if (unexplained.size() < 5) {
        unexplained.add(String.format("0x%x", id));
      }
    }
    assertEquals(List.of(), unexplained, "reached by leakdiff with no implicit reference on the chain");
    System.out.printf("%s: %,d objects of %,d not strongly reachable for leakdiff, %,d for NetBeans; %,d reached through a"
        + " class's implicit references%n", dump.getFileName(), ours.size(), g.objectCount(), theirs.size(), explained);
    assertEquals(theirs.size(), ours.size() + explained);
  }

  /** Whether a chain passes an instance's class, or a class's super class, loader, signers or protection domain. */
  private static boolean implicitHop(HeapGraph g, ShortestPaths paths, int[] chain) {
    for (int i = 1; i < chain.length; i++) {
      int slot = paths.slot(g, chain[i]);
      if (slot < 0 || g.isClassObject(chain[i - 1])
          && slot >= g.classes().get(g.classIndex(chain[i - 1])).staticRefNames().length) {
        return true;
      }
    }
    return false;
  }

  @Test
  void holdersNotLive() throws Exception {
    compare(ScenarioDumps.holders());
  }

  @Test
  void plantedLeakLiveJdk17() throws Exception {
    compare(ScenarioDumps.planted().resolve("iter-100.hprof"));
  }

  @Test
  void oldJdk8Dump() throws Exception {
    compare(SharedDumps.require("oracle_jdk8_05_x64.hprof")); // skipped where ../shared is not beside the checkout
  }
}
