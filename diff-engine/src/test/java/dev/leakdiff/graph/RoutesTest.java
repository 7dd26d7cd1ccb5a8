package dev.leakdiff.graph;

import static dev.leakdiff.graph.TestHeap.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.graph.Reference.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chains made into routes ({@link RouteBuilder}) and grouped ({@link PathGroups}): JDK collections' internals as one
 * hop, a linked structure's run of self-references as one repeated hop, re-rooting at a scenario object, threads of one
 * kind as one route; on dumps written by hand whose routes are known by construction.
 */
class RoutesTest {
  @TempDir
  Path tmp;

  private static final String REGISTRY = "com.acme.Registry";
  private static final String KEY = "com.acme.Key";
  private static final String VALUE = "com.acme.Value";

  private static Hop hop(Reference r, String className) {
    return new Hop(r, className);
  }

  private static Hop staticField(String owner, String field, String className) {
    return hop(Reference.staticField(owner, field, null), className);
  }

  private static Hop field(String owner, String field, String className) {
    return hop(Reference.field(owner, field), className);
  }

  private static Hop of(Kind kind, String owner, String className) {
    return hop(Reference.of(kind, owner), className);
  }

  private static PathGroups.Result groups(HeapGraph g, PathGroups.Options options, String... classes) {
    return PathGroups.compute(g, ShortestPaths.compute(g, false), targets(g, classes), options);
  }

  private static Supplier<Map<Integer, String>> names(HeapGraph g) {
    return () -> {
      try {
        return ThreadNames.read(g);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /**
   * A static HashMap: 7 entries in buckets of depth 1 to 3, and a bin of TreeNodes (left and right), with keys and
   * values of one class each.
   */
  private HeapGraph staticHashMap(String file) {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls key = h.cls(KEY, null, "id:I");
    TestHeap.Cls value = h.cls(VALUE, null, "n:J");
    long[] k = new long[7];
    long[] v = new long[7];
    for (int i = 0; i < 7; i++) {
      k[i] = h.instance(key, "id", i);
      v[i] = h.instance(value, "n", i);
    }
    long n3 = jdk.node(k[2], v[2], 0);
    long n2 = jdk.node(k[1], v[1], n3);
    long n1 = jdk.node(k[0], v[0], n2);
    long n4 = jdk.node(k[3], v[3], 0);
    // a treeified bin: root t1, t2 to its left, t3 to its right, as well linked by next
    TestHeap.Obj t1 = h.obj(jdk.treeNode);
    TestHeap.Obj t2 = h.obj(jdk.treeNode);
    TestHeap.Obj t3 = h.obj(jdk.treeNode);
    t1.set("key", k[4]).set("value", v[4]).set("left", t2.id).set("right", t3.id).set("next", t2.id);
    t2.set("key", k[5]).set("value", v[5]).set("parent", t1.id).set("next", t3.id).set("prev", t1.id);
    t3.set("key", k[6]).set("value", v[6]).set("parent", t1.id).set("prev", t2.id);
    h.cls(REGISTRY).set("MAP", jdk.hashMap(n1, 0, n4, t1.id));
    return h.graph(tmp.resolve(file));
  }

  @Test
  void hashMapValuesAreOneRouteWhateverTheBucketDepth() {
    HeapGraph g = staticHashMap("map.hprof");
    PathGroups.Result r = groups(g, PathGroups.Options.DEFAULT, VALUE);
    assertEquals(7, r.instances());
    assertEquals(1, r.groups().size(), r.groups().toString());
    PathGroups.Group group = r.groups().get(0);
    assertEquals(7, group.count());
    assertEquals(List.of(staticField(REGISTRY, "MAP", "java.util.HashMap"), of(Kind.MAP_VALUE, "java.util.HashMap", VALUE)),
        group.route().hops());
    assertEquals(RootKind.SYSTEM_CLASS, group.root());
    // Registry, HashMap, Node[], Node, Value; to Registry, HashMap, Node[], n1, n2, n3, Value
    assertEquals(4, group.minDepth());
    assertEquals(6, group.maxDepth());
  }

  @Test
  void hashMapKeysAreMapKeysAndItsNodesEntries() {
    HeapGraph g = staticHashMap("map-keys.hprof");
    PathGroups.Result keys = groups(g, PathGroups.Options.DEFAULT, KEY);
    assertEquals(1, keys.groups().size(), keys.groups().toString());
    assertEquals(7, keys.groups().get(0).count());
    assertEquals(List.of(staticField(REGISTRY, "MAP", "java.util.HashMap"), of(Kind.MAP_KEY, "java.util.HashMap", KEY)),
        keys.groups().get(0).route().hops());
    assertTrue(keys.groups().get(0).route().keptInHash());

    PathGroups.Result nodes = groups(g, PathGroups.Options.DEFAULT, "java.util.HashMap$Node", "java.util.HashMap$TreeNode");
    assertEquals(2, nodes.groups().size(), nodes.groups().toString());
    assertEquals(List.of(staticField(REGISTRY, "MAP", "java.util.HashMap"), of(Kind.ENTRY, "java.util.HashMap", "java.util.HashMap$Node")),
        nodes.groups().get(0).route().hops());
    assertEquals(4, nodes.groups().get(0).count());
    assertEquals(List.of(staticField(REGISTRY, "MAP", "java.util.HashMap"),
        of(Kind.ENTRY, "java.util.HashMap", "java.util.HashMap$TreeNode")), nodes.groups().get(1).route().hops());
    assertEquals(3, nodes.groups().get(1).count());
  }

  /** --raw: every field of the map's internals shows, one hop each; buckets of different depths are routes of their own. */
  @Test
  void rawShowsEveryField() {
    HeapGraph g = staticHashMap("map-raw.hprof");
    PathGroups.Result r = groups(g, PathGroups.Options.raw(true), VALUE);
    assertEquals(7, r.strong());
    assertEquals(6, r.groups().size(), "nodes at depth 1, 2, 3 of a bucket; a TreeNode bin's root, its left and its right");
    PathGroups.Group deepest = r.groups().stream().filter(gr -> gr.route().size() == 6).findFirst().orElseThrow();
    assertEquals(List.of(staticField(REGISTRY, "MAP", "java.util.HashMap"),
        field("java.util.HashMap", "table", "java.util.HashMap$Node[]"),
        of(Kind.ARRAY_ELEMENT, "java.util.HashMap$Node[]", "java.util.HashMap$Node"),
        field("java.util.HashMap$Node", "next", "java.util.HashMap$Node"),
        field("java.util.HashMap$Node", "next", "java.util.HashMap$Node"),
        field("java.util.HashMap$Node", "value", VALUE)), deepest.route().hops());
    assertEquals(1, deepest.count());
    assertTrue(r.groups().stream().allMatch(gr -> gr.route().hops().stream().noneMatch(h -> h.reference().repeated())));
  }

  @Test
  void arrayListElements() {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls value = h.cls(VALUE, null, "n:J");
    h.cls(REGISTRY).set("LIST", jdk.arrayList(h.instance(value), h.instance(value), h.instance(value)));
    HeapGraph g = h.graph(tmp.resolve("list.hprof"));
    PathGroups.Result r = groups(g, PathGroups.Options.DEFAULT, VALUE);
    assertEquals(1, r.groups().size());
    assertEquals(3, r.groups().get(0).count());
    assertEquals(List.of(staticField(REGISTRY, "LIST", "java.util.ArrayList"), of(Kind.ELEMENT, "java.util.ArrayList", VALUE)),
        r.groups().get(0).route().hops());
    assertEquals(3, r.groups().get(0).minDepth()); // Registry, ArrayList, Object[], Value
    assertEquals(3, r.groups().get(0).maxDepth());
    assertFalse(r.groups().get(0).route().keptInHash());

    PathGroups.Result raw = groups(g, PathGroups.Options.raw(true), VALUE);
    assertEquals(List.of(staticField(REGISTRY, "LIST", "java.util.ArrayList"),
        field("java.util.ArrayList", "elementData", "java.lang.Object[]"),
        of(Kind.ARRAY_ELEMENT, "java.lang.Object[]", VALUE)), raw.groups().get(0).route().hops());
  }

  /**
   * A list of Object[] rows (what a query returns): each row is an element of the list, not its internals, and what a
   * row holds is an element of the row, not of the list.
   */
  @Test
  void aListOfArrays() {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls value = h.cls(VALUE, null, "n:J");
    long row1 = h.array("java.lang.Object[]", h.instance(value));
    long row2 = h.array("java.lang.Object[]", h.instance(value));
    h.cls(REGISTRY).set("ROWS", jdk.arrayList(row1, row2));
    HeapGraph g = h.graph(tmp.resolve("rows.hprof"));
    PathGroups.Result values = groups(g, PathGroups.Options.DEFAULT, VALUE);
    assertEquals(List.of(staticField(REGISTRY, "ROWS", "java.util.ArrayList"),
        of(Kind.ELEMENT, "java.util.ArrayList", "java.lang.Object[]"),
        of(Kind.ARRAY_ELEMENT, "java.lang.Object[]", VALUE)), values.groups().get(0).route().hops());
    PathGroups.Result rows = groups(g, PathGroups.Options.DEFAULT, "java.lang.Object[]");
    PathGroups.Group two = rows.groups().get(0);
    assertEquals(2, two.count());
    assertEquals(List.of(staticField(REGISTRY, "ROWS", "java.util.ArrayList"),
        of(Kind.ELEMENT, "java.util.ArrayList", "java.lang.Object[]")), two.route().hops());
  }

  /**
   * A linked list written by hand, static HEAD -> Node.next -> ... each node's payload: the payloads past the head are
   * one route through one repeated hop, whatever their depth; the head's payload, reached without a next, another.
   */
  @Test
  void aLinkedListIsOneRouteThroughARepeatedHop() {
    TestHeap h = new TestHeap();
    TestHeap.Cls node = h.cls("com.acme.Node", null, "next", "payload");
    TestHeap.Cls payload = h.cls("com.acme.Payload", null, "n:I");
    int n = 6;
    long next = 0;
    for (int i = n - 1; i >= 0; i--) {
      next = h.instance(node, "next", next, "payload", h.instance(payload, "n", i));
    }
    h.cls(REGISTRY).set("HEAD", next);
    HeapGraph g = h.graph(tmp.resolve("linked.hprof"));

    PathGroups.Result r = groups(g, PathGroups.Options.DEFAULT, "com.acme.Payload");
    assertEquals(2, r.groups().size(), r.groups().toString());
    PathGroups.Group deep = r.groups().get(0);
    assertEquals(n - 1, deep.count());
    Route route = deep.route();
    assertEquals(3, route.size());
    assertEquals(staticField(REGISTRY, "HEAD", "com.acme.Node"), route.hop(0));
    Reference repeated = route.hop(1).reference();
    assertTrue(repeated.repeated());
    assertEquals(new Reference(Kind.FIELD, "com.acme.Node", "next", null, null, null, true), repeated);
    assertEquals("com.acme.Node", route.hop(1).className());
    assertEquals(field("com.acme.Node", "payload", "com.acme.Payload"), route.hop(2));
    assertEquals(3, deep.minDepth()); // Registry, node 0, node 1, payload 1
    assertEquals(n + 1, deep.maxDepth()); // Registry, node 0 .. node n-1, payload n-1
    PathGroups.Group head = r.groups().get(1);
    assertEquals(1, head.count());
    assertEquals(List.of(staticField(REGISTRY, "HEAD", "com.acme.Node"), field("com.acme.Node", "payload", "com.acme.Payload")),
        head.route().hops());

    // the nodes themselves: the head, and the others through the repeated next
    PathGroups.Result nodes = groups(g, PathGroups.Options.DEFAULT, "com.acme.Node");
    assertEquals(List.of(n - 1L, 1L), nodes.groups().stream().map(PathGroups.Group::count).toList());

    // raw: each depth its own route, no hop repeated
    PathGroups.Result raw = groups(g, PathGroups.Options.raw(true), "com.acme.Payload");
    assertEquals(n, raw.groups().size());
    assertTrue(raw.groups().stream().allMatch(gr -> gr.count() == 1
        && gr.route().hops().stream().noneMatch(x -> x.reference().repeated())));
  }

  /** A tree of one class (left, right): one route, its repeated hop naming both fields the chains went through. */
  @Test
  void aTreesLeftAndRightAreOneRepeatedHop() {
    TestHeap h = new TestHeap();
    TestHeap.Cls tree = h.cls("com.acme.Tree", null, "left", "right", "payload");
    TestHeap.Cls payload = h.cls("com.acme.Payload");
    long ll = h.instance(tree, "payload", h.instance(payload));
    long lr = h.instance(tree, "payload", h.instance(payload));
    long rr = h.instance(tree, "payload", h.instance(payload));
    long l = h.instance(tree, "left", ll, "right", lr);
    long r = h.instance(tree, "right", rr);
    h.cls(REGISTRY).set("ROOT", h.instance(tree, "left", l, "right", r));
    HeapGraph g = h.graph(tmp.resolve("tree.hprof"));
    PathGroups.Result result = groups(g, PathGroups.Options.DEFAULT, "com.acme.Payload");
    assertEquals(1, result.groups().size(), result.groups().toString());
    PathGroups.Group group = result.groups().get(0);
    assertEquals(3, group.count());
    assertEquals(new Reference(Kind.FIELD, "com.acme.Tree", "left|right", null, null, null, true), group.route().hop(1).reference());
    assertEquals(4, group.minDepth());
    assertEquals(4, group.maxDepth());
  }

  @Test
  void treeMapValuesAreOneRoute() {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls value = h.cls(VALUE);
    TestHeap.Obj root = h.obj(jdk.treeEntry);
    TestHeap.Obj left = h.obj(jdk.treeEntry);
    TestHeap.Obj right = h.obj(jdk.treeEntry);
    TestHeap.Obj leftLeft = h.obj(jdk.treeEntry);
    root.set("value", h.instance(value)).set("left", left.id).set("right", right.id);
    left.set("value", h.instance(value)).set("parent", root.id).set("left", leftLeft.id);
    right.set("value", h.instance(value)).set("parent", root.id);
    leftLeft.set("value", h.instance(value)).set("parent", left.id);
    h.cls(REGISTRY).set("SORTED", h.instance(jdk.treeMap, "root", root.id, "size", 4));
    HeapGraph g = h.graph(tmp.resolve("treemap.hprof"));
    PathGroups.Result r = groups(g, PathGroups.Options.DEFAULT, VALUE);
    assertEquals(1, r.groups().size(), r.groups().toString());
    assertEquals(4, r.groups().get(0).count());
    assertEquals(List.of(staticField(REGISTRY, "SORTED", "java.util.TreeMap"), of(Kind.MAP_VALUE, "java.util.TreeMap", VALUE)),
        r.groups().get(0).route().hops());
    assertEquals(3, r.groups().get(0).minDepth());
    assertEquals(5, r.groups().get(0).maxDepth());
  }

  /** A ConcurrentLinkedQueue: a dummy head node, items reached from the head or the tail, one route of elements. */
  @Test
  void concurrentLinkedQueueItemsAreOneRoute() {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls value = h.cls(VALUE);
    long n3 = h.instance(jdk.queueNode, "item", h.instance(value));
    long n2 = h.instance(jdk.queueNode, "item", h.instance(value), "next", n3);
    long n1 = h.instance(jdk.queueNode, "item", h.instance(value), "next", n2);
    long dummy = h.instance(jdk.queueNode, "next", n1);
    h.cls(REGISTRY).set("QUEUE", h.instance(jdk.queue, "head", dummy, "tail", n3));
    HeapGraph g = h.graph(tmp.resolve("queue.hprof"));
    PathGroups.Result r = groups(g, PathGroups.Options.DEFAULT, VALUE);
    assertEquals(1, r.groups().size(), r.groups().toString());
    assertEquals(3, r.groups().get(0).count());
    assertEquals(List.of(staticField(REGISTRY, "QUEUE", "java.util.concurrent.ConcurrentLinkedQueue"),
        of(Kind.ELEMENT, "java.util.concurrent.ConcurrentLinkedQueue", VALUE)), r.groups().get(0).route().hops());
    assertEquals(3, r.groups().get(0).minDepth()); // through the tail
    assertEquals(5, r.groups().get(0).maxDepth()); // through head, dummy, n1, n2
  }

  /**
   * A scenario object held by a local variable of its runner's thread, Scenario.requests -> ArrayList -> items: re-rooted
   * at the scenario, the route starts at its field; not re-rooted (or raw), at the thread's local variable.
   */
  @Test
  void aChainFromAThreadsStackIsReRootedAtTheScenario() {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls scenario = h.cls("com.acme.Scenario", null, "requests");
    TestHeap.Cls item = h.cls("com.acme.Item");
    long s = h.instance(scenario, "requests", jdk.arrayList(h.instance(item), h.instance(item), h.instance(item)));
    h.thread(1, jdk.thread("main"), new TestHeap.StackFrame("com.acme.Runner", "runScenario", "Runner.java", 42),
        new TestHeap.StackFrame("com.acme.Runner", "main", "Runner.java", 7));
    h.javaFrame(s, 1, 0);
    HeapGraph g = h.graph(tmp.resolve("scenario.hprof"));
    ShortestPaths p = ShortestPaths.compute(g, false);
    boolean[] items = targets(g, "com.acme.Item");

    PathGroups.Result rerooted = PathGroups.compute(g, p, items, new PathGroups.Options(false, Set.of("com.acme.Scenario")));
    assertEquals(1, rerooted.groups().size());
    assertEquals(List.of(hop(Reference.named(Kind.SCENARIO_FIELD, "com.acme.Scenario", "requests"), "java.util.ArrayList"),
        of(Kind.ELEMENT, "java.util.ArrayList", "com.acme.Item")), rerooted.groups().get(0).route().hops());
    assertEquals(RootKind.JAVA_FRAME, rerooted.groups().get(0).root());
    assertEquals(3, rerooted.groups().get(0).count());

    PathGroups.Result asIs = PathGroups.compute(g, p, items, PathGroups.Options.DEFAULT, names(g));
    Frame frame = new Frame("com.acme.Runner", "runScenario", "Runner.java", 42);
    assertEquals(List.of(hop(Reference.thread(Kind.LOCAL, new Reference.ThreadRoot(1, "main", frame)), "com.acme.Scenario"),
        field("com.acme.Scenario", "requests", "java.util.ArrayList"), of(Kind.ELEMENT, "java.util.ArrayList", "com.acme.Item")),
        asIs.groups().get(0).route().hops());

    PathGroups.Result raw = PathGroups.compute(g, p, items, new PathGroups.Options(true, Set.of("com.acme.Scenario")));
    assertEquals(Kind.LOCAL, raw.groups().get(0).route().root().kind(), "raw: nothing re-rooted");

    // the scenario object itself: its own route, the field left out
    PathGroups.Result self = PathGroups.compute(g, p, targets(g, "com.acme.Scenario"),
        new PathGroups.Options(false, Set.of("com.acme.Scenario")));
    assertEquals(List.of(hop(Reference.named(Kind.SCENARIO_FIELD, "com.acme.Scenario", null), "com.acme.Scenario")),
        self.groups().get(0).route().hops());
  }

  /** Re-rooting is for chains from a thread's stack: a static's chain through a scenario class stays as it is. */
  @Test
  void aStaticChainIsNotReRooted() {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls scenario = h.cls("com.acme.Scenario", null, "requests");
    TestHeap.Cls item = h.cls("com.acme.Item");
    h.cls(REGISTRY).set("SCENARIO", h.instance(scenario, "requests", jdk.arrayList(h.instance(item))));
    HeapGraph g = h.graph(tmp.resolve("static-scenario.hprof"));
    PathGroups.Result r = groups(g, new PathGroups.Options(false, Set.of("com.acme.Scenario")), "com.acme.Item");
    assertEquals(Kind.STATIC_FIELD, r.groups().get(0).route().root().kind());
  }

  /** A thread pool's threads' locals: a local of each thread holds a Job, in one method at different lines. */
  private HeapGraph poolThreads(String file, String... threadNames) {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls job = h.cls("com.acme.Job");
    for (int i = 0; i < threadNames.length; i++) {
      int serial = i + 1;
      h.thread(serial, jdk.thread(threadNames[i]), new TestHeap.StackFrame("com.acme.Worker", "work", "Worker.java", 10 + i));
      h.javaFrame(h.instance(job), serial, 0);
    }
    return h.graph(tmp.resolve(file));
  }

  @Test
  void threadsOfOnePoolAreOneRoute() {
    HeapGraph g = poolThreads("pools.hprof", "pool-1-thread-1", "pool-2-thread-1");
    PathGroups.Result r = PathGroups.compute(g, ShortestPaths.compute(g, false), targets(g, "com.acme.Job"),
        PathGroups.Options.DEFAULT, names(g));
    assertEquals(1, r.groups().size(), r.groups().toString());
    PathGroups.Group group = r.groups().get(0);
    assertEquals(2, group.count());
    assertEquals(RootKind.JAVA_FRAME, group.root());
    Reference root = group.route().root();
    assertEquals(Kind.LOCAL, root.kind());
    assertEquals("pool-N-thread-1", root.thread().name());
    assertEquals("pool-N-thread-N", group.key().get(0).reference().thread().name(), "the key folds every number");
    assertEquals(new Frame("com.acme.Worker", "work", "Worker.java", Frame.UNKNOWN), group.key().get(0).reference().thread().frame(),
        "the key leaves the line out");
    assertEquals("com.acme.Job", group.route().target());
  }

  /** Threads of other names are other routes. */
  @Test
  void threadsOfOtherNamesAreOtherRoutes() {
    HeapGraph g = poolThreads("other-threads.hprof", "pool-1-thread-1", "scheduler-1");
    PathGroups.Result r = PathGroups.compute(g, ShortestPaths.compute(g, false), targets(g, "com.acme.Job"),
        PathGroups.Options.DEFAULT, names(g));
    assertEquals(2, r.groups().size(), r.groups().toString());
  }

  /** Two pools of two threads: the merged name folds both numbers, whichever threads were merged first. */
  @Test
  void threadsOfTwoPoolsOfTwoThreads() {
    HeapGraph g = poolThreads("two-pools.hprof", "pool-1-thread-1", "pool-1-thread-2", "pool-2-thread-1", "pool-2-thread-2");
    PathGroups.Result r = PathGroups.compute(g, ShortestPaths.compute(g, false), targets(g, "com.acme.Job"),
        PathGroups.Options.DEFAULT, names(g));
    assertEquals(1, r.groups().size(), r.groups().toString());
    assertEquals(4, r.groups().get(0).count());
    assertEquals("pool-N-thread-N", r.groups().get(0).route().root().thread().name());
  }

  /**
   * A thread's ThreadLocalMap holding values of one class for two ThreadLocals, each in a static of its own: the route
   * of a value names the static that holds its ThreadLocal, so two routes of one value each.
   */
  @Test
  void theValuesOfTwoThreadLocalsAreTwoRoutes() {
    HeapGraph g = threadLocals("thread-locals.hprof", true);
    PathGroups.Result r = PathGroups.compute(g, ShortestPaths.compute(g, false), targets(g, "com.acme.Format"),
        PathGroups.Options.DEFAULT, names(g));
    assertEquals(2, r.groups().size(), r.groups().toString());
    List<String> via = new ArrayList<>();
    for (PathGroups.Group group : r.groups()) {
      assertEquals(1, group.count());
      via.add(group.route().hop(2).reference().via().owner());
    }
    assertEquals(List.of("com.acme.A", "com.acme.B"), via.stream().sorted().toList());
  }

  /** One ThreadLocal's value in a thread's map: one hop, naming the static that holds the ThreadLocal. */
  @Test
  void aThreadLocalsValueNamesItsStatic() {
    HeapGraph g = threadLocals("thread-local.hprof", false);
    PathGroups.Result r = PathGroups.compute(g, ShortestPaths.compute(g, false), targets(g, "com.acme.Format"),
        PathGroups.Options.DEFAULT, names(g));
    Route route = r.groups().get(0).route();
    assertEquals(List.of(hop(Reference.thread(Kind.THREAD, new Reference.ThreadRoot(1, "worker", null)), "java.lang.Thread"),
        field("java.lang.Thread", "threadLocals", "java.lang.ThreadLocal$ThreadLocalMap"),
        hop(new Reference(Kind.THREAD_LOCAL_VALUE, "java.lang.ThreadLocal$ThreadLocalMap", null, null, null,
            Reference.staticField("com.acme.A", "FORMAT", null), false), "com.acme.Format")), route.hops());
    assertEquals(RootKind.THREAD_OBJECT, r.groups().get(0).root());
  }

  /** A thread named worker whose ThreadLocalMap holds a Format for A.FORMAT, and with both, one for B.FORMAT. */
  private HeapGraph threadLocals(String file, boolean both) {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls format = h.cls("com.acme.Format");
    long tl1 = h.instance(jdk.threadLocal);
    long tl2 = h.instance(jdk.threadLocal);
    h.cls("com.acme.A").set("FORMAT", tl1);
    h.cls("com.acme.B").set("FORMAT", tl2);
    long e1 = h.instance(jdk.threadLocalEntry, "referent", tl1, "value", h.instance(format));
    long e2 = both ? h.instance(jdk.threadLocalEntry, "referent", tl2, "value", h.instance(format)) : 0;
    long map = h.instance(jdk.threadLocalMap, "size", 2, "table", h.array("java.lang.ThreadLocal$ThreadLocalMap$Entry[]", 0, e1, 0, e2));
    long thread = jdk.thread("worker");
    h.get(thread).set("threadLocals", map);
    h.thread(1, thread);
    return h.graph(tmp.resolve(file));
  }
}
