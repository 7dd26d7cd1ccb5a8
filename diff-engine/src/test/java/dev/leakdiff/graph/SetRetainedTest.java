package dev.leakdiff.graph;

import static dev.leakdiff.graph.TestHeap.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.source.Dumps;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What sets of objects keep alive: one object's set keeps what the dominator tree says it dominates (on a real JVM's
 * dump, every object); two leaks that keep an object only together split it in halves.
 */
class SetRetainedTest {
  @TempDir
  Path tmp;

  @Test
  void twoLeaksShareWhatTheyKeepOnlyTogetherInHalves() {
    TestHeap h = new TestHeap();
    TestHeap.Cls node = h.cls("com.acme.Node", null, "a", "b");
    long shared = h.instance(node);
    long ownA = h.instance(node);
    long a = h.instance(node, "a", shared, "b", ownA);
    long b = h.instance(node, "a", shared);
    long kept = h.instance(node);
    long c = h.instance(node, "a", kept);
    h.cls("com.acme.Holder").set("A", a).set("B", b).set("C", c).set("KEPT", kept);
    HeapGraph g = h.graph(tmp.resolve("share.hprof"));
    ShortestPaths p = ShortestPaths.compute(g, false);
    long size = g.shallowSize(at(g, a));
    SetRetained.Result r = SetRetained.of(g, p, new int[][] {{at(g, a)}, {at(g, b)}, {at(g, c)}});
    assertEquals(2 * size + size / 2.0, r.bytes()[0], "a, what only it keeps, half of what it keeps with b");
    assertEquals(size + size / 2.0, r.bytes()[1]);
    assertEquals(size, r.bytes()[2], "c alone: what a static holds too is not freed");
    assertArrayEquals(new long[] {2 * size, size, size}, r.alone());
    assertEquals(5 * size, r.totalBytes());
    assertEquals(5, r.totalObjects());
  }

  @Test
  void oneObjectKeepsWhatItDominatesOnARealJvmsDump() throws Exception {
    HeapGraph g = Dumps.graph(DominatorsTest.realDump(tmp, Path.of(System.getProperty("java.home"), "bin", "java")),
        DumpSelection.last(), classes -> c -> true, new Progress());
    ShortestPaths p = ShortestPaths.compute(g, false);
    Dominators d = Dominators.compute(g);
    Random r = new Random(3);
    int checked = 0;
    for (int k = 0; k < 300; k++) {
      int o = r.nextInt(g.objectCount());
      if (!p.strong(o)) {
        continue;
      }
      long expected = 0;
      for (int x = 0; x < g.objectCount(); x++) {
        if (p.strong(x) && d.dominates(o, x)) {
          expected += g.shallowSize(x);
        }
      }
      SetRetained.Result got = SetRetained.of(g, p, new int[][] {{o}});
      int object = o;
      assertEquals(expected, got.totalBytes(), () -> g.className(object));
      assertEquals(expected, got.alone()[0], () -> g.className(object));
      assertEquals(expected, got.bytes()[0], 0.0, () -> g.className(object));
      checked++;
    }
    assertEquals(true, checked > 100, "checked " + checked);
  }
}
