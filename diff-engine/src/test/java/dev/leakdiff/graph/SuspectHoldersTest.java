package dev.leakdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.leakdiff.graph.Reference.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes of suspects matched across two dumps by their hops, their growth, the fastest-growing first, and which suspect
 * holds which: a static map of tables, each table's rows in a list, and more rows in a list of their own.
 */
class SuspectHoldersTest {
  @TempDir
  Path tmp;

  private static final String TABLE = "com.acme.Table";
  private static final String ROW = "com.acme.Row";
  private static final List<String> SUSPECTS = List.of(TABLE, ROW);

  /** Cache.TABLES: a HashMap of tables of rowsPerTable rows each; Other.ROWS: an ArrayList of otherRows rows. */
  private Map<String, PathGroups.Result> chains(String file, int tables, int rowsPerTable, int otherRows) {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls table = h.cls(TABLE, null, "rows");
    TestHeap.Cls row = h.cls(ROW, null, "n:I");
    TestHeap.Cls key = h.cls("com.acme.Key", null, "id:I");
    long[] nodes = new long[tables];
    for (int t = 0; t < tables; t++) {
      long[] rows = new long[rowsPerTable];
      for (int r = 0; r < rowsPerTable; r++) {
        rows[r] = h.instance(row, "n", r);
      }
      nodes[t] = jdk.node(h.instance(key, "id", t), h.instance(table, "rows", jdk.arrayList(rows)), 0);
    }
    h.cls("com.acme.Cache").set("TABLES", jdk.hashMap(nodes));
    long[] others = new long[otherRows];
    for (int r = 0; r < otherRows; r++) {
      others[r] = h.instance(row, "n", -r);
    }
    h.cls("com.acme.Other").set("ROWS", jdk.arrayList(others));
    HeapGraph g = h.graph(tmp.resolve(file));
    return SuspectHolders.chains(g, ShortestPaths.compute(g, false), SUSPECTS, PathGroups.Options.DEFAULT, Map::of);
  }

  private static final List<Hop> TABLES = List.of(
      new Hop(Reference.staticField("com.acme.Cache", "TABLES", null), "java.util.HashMap"),
      new Hop(Reference.of(Kind.MAP_VALUE, "java.util.HashMap"), TABLE));
  private static final List<Hop> ROWS_OF_TABLES = List.of(TABLES.get(0), TABLES.get(1),
      new Hop(Reference.field(TABLE, "rows"), "java.util.ArrayList"),
      new Hop(Reference.of(Kind.ELEMENT, "java.util.ArrayList"), ROW));
  private static final List<Hop> OTHER_ROWS = List.of(
      new Hop(Reference.staticField("com.acme.Other", "ROWS", null), "java.util.ArrayList"),
      new Hop(Reference.of(Kind.ELEMENT, "java.util.ArrayList"), ROW));

  /** More tables of two rows each: rows grow fastest through the tables (though fewer than the others), held through Table. */
  @Test
  void aSuspectOnTheGrowingRouteOfAnotherIsHeldThroughIt() {
    Map<String, PathGroups.Result> before = chains("before.hprof", 1, 2, 9);
    Map<String, PathGroups.Result> now = chains("now.hprof", 3, 2, 10);
    List<SuspectHolders.Holder> holders = SuspectHolders.compare(before, now);
    assertEquals(SUSPECTS, holders.stream().map(SuspectHolders.Holder::className).toList());

    SuspectHolders.Holder tables = holders.get(0);
    assertEquals(1, tables.routes().size());
    assertEquals(TABLES, tables.routes().get(0).group().key());
    assertEquals(3, tables.routes().get(0).group().count());
    assertEquals(1, tables.routes().get(0).before());
    assertEquals(2, tables.routes().get(0).growth());
    assertNull(tables.heldThrough(), "a HashMap holds it: no suspect");
    assertEquals(now.get(TABLE), tables.paths());

    SuspectHolders.Holder rows = holders.get(1);
    assertEquals(2, rows.routes().size());
    SuspectHolders.Growth first = rows.routes().get(0);
    assertEquals(ROWS_OF_TABLES, first.group().key(), "the fastest-growing route first, though it holds fewer rows");
    assertEquals(6, first.group().count());
    assertEquals(2, first.before());
    assertEquals(4, first.growth());
    SuspectHolders.Growth second = rows.routes().get(1);
    assertEquals(OTHER_ROWS, second.group().key());
    assertEquals(List.of(10L, 9L, 1L), List.of(second.group().count(), second.before(), second.growth()));
    assertEquals(TABLE, rows.heldThrough());
  }

  /** As many tables as before, each with more rows: the rows grow, the tables do not, so no table holds the leak. */
  @Test
  void aSuspectThatDoesNotGrowOnTheRouteHoldsNothing() {
    List<SuspectHolders.Holder> holders = SuspectHolders.compare(chains("before.hprof", 3, 1, 9), chains("now.hprof", 3, 3, 9));
    SuspectHolders.Holder rows = holders.get(1);
    assertEquals(ROWS_OF_TABLES, rows.routes().get(0).group().key());
    assertEquals(6, rows.routes().get(0).growth());
    assertEquals(0, holders.get(0).routes().get(0).growth());
    assertNull(rows.heldThrough());
  }

  /** Routes of equal growth: the one holding more first. A suspect missing from the earlier dump grows from 0. */
  @Test
  void equalGrowthRanksTheLargerFirst() {
    List<SuspectHolders.Holder> holders = SuspectHolders.compare(chains("before.hprof", 1, 1, 9), chains("now.hprof", 1, 2, 10));
    SuspectHolders.Holder rows = holders.get(1);
    assertEquals(List.of(OTHER_ROWS, ROWS_OF_TABLES), rows.routes().stream().map(r -> r.group().key()).toList());
    assertEquals(List.of(1L, 1L), rows.routes().stream().map(SuspectHolders.Growth::growth).toList());

    List<SuspectHolders.Holder> fresh = SuspectHolders.compare(Map.of(), chains("now2.hprof", 2, 1, 0));
    assertEquals(List.of(2L, 2L), fresh.stream().map(x -> x.routes().get(0).growth()).toList());
    assertEquals(TABLE, fresh.get(1).heldThrough());
  }

  /** Chains of several suspect classes gathered in one walk: each class's result is what it gets alone. */
  @Test
  void chainsOfSeveralClassesInOneWalkEqualEachAlone() {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls row = h.cls(ROW, null, "n:I");
    TestHeap.Cls table = h.cls(TABLE, null, "rows");
    TestHeap.Cls job = h.cls("com.acme.Job", null, "row");
    h.cls("com.acme.Other").set("ROWS", jdk.arrayList(h.instance(row), h.instance(row)))
        .set("TABLE", h.instance(table, "rows", jdk.arrayList(h.instance(row))));
    h.thread(1, jdk.thread("pool-1-thread-1"), new TestHeap.StackFrame("com.acme.Worker", "work", "Worker.java", 3));
    h.javaFrame(h.instance(job, "row", h.instance(row)), 1, 0);
    h.instance(row); // garbage
    HeapGraph g = h.graph(tmp.resolve("several.hprof"));
    ShortestPaths paths = ShortestPaths.compute(g, false);
    List<String> names = List.of(ROW, TABLE, "com.acme.Job", "java.util.ArrayList", "java.lang.String");
    int[] asked = {0};
    Map<String, PathGroups.Result> together = SuspectHolders.chains(g, paths, names, PathGroups.Options.DEFAULT, () -> {
      asked[0]++;
      return Map.of(1, "pool-1-thread-1");
    });
    assertEquals(1, asked[0], "thread names asked once for all classes");
    assertEquals(names, List.copyOf(together.keySet()));
    for (String n : names) {
      int[] askedAlone = {0};
      PathGroups.Result alone = PathGroups.compute(g, paths, TestHeap.targets(g, n), PathGroups.Options.DEFAULT, () -> {
        askedAlone[0]++;
        return Map.of(1, "pool-1-thread-1");
      });
      assertEquals(alone, together.get(n), n);
      boolean fromThread = alone.groups().stream().anyMatch(gr -> gr.root().thread);
      assertEquals(fromThread ? 1 : 0, askedAlone[0], n + ": thread names asked only for chains from a thread");
    }
    assertEquals(List.of(2L, 1L, 1L), together.get(ROW).groups().stream().map(PathGroups.Group::count).toList());
    assertEquals(1, together.get(ROW).unreachable());
    assertEquals("pool-1-thread-1", together.get("com.acme.Job").groups().get(0).route().root().thread().name());
  }
}
