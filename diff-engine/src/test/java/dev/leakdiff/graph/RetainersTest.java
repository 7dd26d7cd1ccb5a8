package dev.leakdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain retained gives a retainer: named down from the static field that holds it, not the thread that uses it. */
class RetainersTest {
  @TempDir
  Path tmp;

  /**
   * An out-of-memory dump taken while a map was growing: the method that ran out holds the map's table in a local
   * variable, so the map does not dominate its table and the table is the retainer; its chain still starts at the
   * static field that holds the map.
   */
  @Test
  void aTableAThreadHoldsTooIsNamedFromTheStaticFieldOfItsMap() {
    TestHeap h = new TestHeap();
    TestHeap.Cls entry = h.cls("com.acme.Entry", null, "value");
    TestHeap.Cls box = h.cls("com.acme.Box", null);
    long[] entries = new long[300];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = h.instance(entry, "value", h.instance(box));
    }
    long table = h.array("com.acme.Entry[]", entries);
    long map = h.instance(h.cls("com.acme.Map", null, "table"), "table", table);
    h.cls("com.acme.Service").set("CACHE", map);
    long thread = h.instance(h.cls("java.lang.Thread", null));
    h.thread(1, thread, new TestHeap.StackFrame("com.acme.Map", "resize", "Map.java", 42));
    h.javaFrame(table, 1, 0);
    HeapGraph g = h.graph(tmp.resolve("oom.hprof"));
    Retainers.Result r = Retainers.of(g, Dominators.compute(g), ShortestPaths.compute(g, false, true), 3, Map::of);
    Retainers.Retainer top = r.retainers().get(0);
    assertEquals("com.acme.Entry[]", top.className());
    Route route = top.route();
    assertEquals(Reference.Kind.STATIC_FIELD, route.hop(0).reference().kind(), route.toString());
    assertEquals("CACHE", route.hop(0).reference().name());
    assertEquals("table", route.hop(1).reference().name(), route.toString());
    assertEquals("com.acme.Entry[]", route.hop(route.size() - 1).className());
  }
}
