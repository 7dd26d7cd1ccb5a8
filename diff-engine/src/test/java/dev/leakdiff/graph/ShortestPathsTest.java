package dev.leakdiff.graph;

import static dev.leakdiff.graph.TestHeap.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The breadth-first search from the GC roots, on dumps whose shortest chains are known by construction. */
class ShortestPathsTest {
  @TempDir
  Path tmp;

  /** The ids of the objects of a chain, root first. */
  private static long[] ids(HeapGraph g, int[] chain) {
    long[] out = new long[chain.length];
    for (int i = 0; i < chain.length; i++) {
      out[i] = g.idOf(chain[i]);
    }
    return out;
  }

  @Test
  void theShortestChainWinsWhateverTheRootKind() {
    TestHeap h = new TestHeap();
    TestHeap.Cls box = h.cls("com.acme.Box", null, "a", "b");
    TestHeap.Cls leaf = h.cls("com.acme.Leaf", null);
    long y = h.instance(leaf);
    // a thread's object (searched first) reaches y in three steps; a JNI global (searched late) in one
    long b = h.instance(box, "b", y);
    long a = h.instance(box, "a", b);
    long t = h.instance(box, "a", a);
    long global = h.instance(box, "b", y);
    h.jniGlobal(global);
    h.thread(1, t);
    HeapGraph g = h.graph(tmp.resolve("depth.hprof"));
    ShortestPaths p = ShortestPaths.compute(g, false);

    ShortestPaths.Chain c = p.chainTo(g, at(g, y));
    assertArrayEquals(new long[] {global, y}, ids(g, c.objects()));
    assertArrayEquals(new int[] {-1, 1}, c.slots(), "the root has no slot; y is in Box's second reference field, b");
    assertEquals(at(g, global), p.source(g, at(g, y)));
    assertEquals(1, p.slot(g, at(g, y)));
    // the longer chain's objects keep theirs: depth 0, 1, 2 from the thread
    assertArrayEquals(new long[] {t, a, b}, ids(g, p.chain(g, at(g, b))));
    assertEquals(-1, p.source(g, at(g, t)), "a root has no source");
    assertTrue(p.strong(at(g, y)));
  }

  /**
   * Chains of one length from roots of several kinds: the kind searched first wins (sticky class, thread object, java
   * frame, ..., JNI global), whatever the order of the roots in the dump.
   */
  @Test
  void equallyShortChainsGoToTheRootKindSearchedFirst() {
    TestHeap h = new TestHeap();
    TestHeap.Cls box = h.cls("com.acme.Box", null, "a", "b");
    TestHeap.Cls leaf = h.cls("com.acme.Leaf", null);
    TestHeap.Cls sticky = h.cls("com.acme.Sticky", null);
    long x1 = h.instance(leaf);
    long x2 = h.instance(leaf);
    long x3 = h.instance(leaf);
    // x1: a JNI global, a local of a frame and a thread object hold it
    long global = h.instance(box, "a", x1, "b", x2);
    long local = h.instance(box, "a", x1);
    long thread = h.instance(box, "a", x1, "b", x3);
    // x2: a JNI global and a local; x3: a thread object and a sticky class's static
    long local2 = h.instance(box, "a", x2);
    sticky.set("HELD", x3);
    h.jniGlobal(global);
    h.javaFrame(local, 1, 0);
    h.javaFrame(local2, 1, 0);
    h.root(0x05, sticky.id);
    h.thread(1, thread);
    HeapGraph g = h.graph(tmp.resolve("ties.hprof"));
    ShortestPaths p = ShortestPaths.compute(g, false);

    assertArrayEquals(new long[] {thread, x1}, ids(g, p.chain(g, at(g, x1))), "thread object before java frame before JNI global");
    assertArrayEquals(new long[] {local2, x2}, ids(g, p.chain(g, at(g, x2))), "java frame before JNI global");
    assertArrayEquals(new long[] {sticky.id, x3}, ids(g, p.chain(g, at(g, x3))), "sticky class before thread object");
    assertEquals(ShortestPaths.CLASS_ROOT, p.parent[at(g, sticky.id)], "a class root, not the dump's root index");
    // the roots themselves: -1 - their index among the dump's roots
    assertTrue(p.parent[at(g, global)] < 0 && p.parent[at(g, global)] != ShortestPaths.UNREACHED);
  }

  /** What only a weak reference reaches is weakOnly: reached, not strong, and so is what it holds. */
  @Test
  void aWeakReferentIsNotStrong() {
    TestHeap h = new TestHeap();
    TestHeap.Cls reference = h.cls("java.lang.ref.Reference", null, "referent", "queue");
    TestHeap.Cls weak = h.cls("java.lang.ref.WeakReference", reference);
    TestHeap.Cls box = h.cls("com.acme.Box", null, "a", "b");
    TestHeap.Cls holder = h.cls("com.acme.Holder");
    long inner = h.instance(box);
    long referent = h.instance(box, "a", inner);
    long ref = h.instance(weak, "referent", referent);
    // a second referent, also held strongly by a longer chain: strong, through that chain
    long deep = h.instance(box);
    long ref2 = h.instance(weak, "referent", deep);
    long c = h.instance(box, "a", deep);
    long b = h.instance(box, "a", c);
    holder.set("WEAK", ref).set("WEAK2", ref2).set("LONG", b);
    HeapGraph g = h.graph(tmp.resolve("weak.hprof"));

    ShortestPaths p = ShortestPaths.compute(g, false);
    assertTrue(p.reached(at(g, referent)));
    assertTrue(p.weakOnly.get(at(g, referent)) && p.weakOnly.get(at(g, inner)), "the referent and what it holds");
    assertFalse(p.strong(at(g, referent)));
    assertFalse(p.strong(at(g, inner)));
    assertTrue(p.strong(at(g, ref)), "the reference object itself is held strongly");
    assertFalse(p.weakOnly.get(at(g, deep)));
    assertTrue(p.strong(at(g, deep)));
    assertArrayEquals(new long[] {holder.id, b, c, deep}, ids(g, p.chain(g, at(g, deep))), "the strong chain, though longer");
    assertArrayEquals(new long[] {holder.id, ref, referent, inner}, ids(g, p.chain(g, at(g, inner))), "chained through the referent");

    ShortestPaths followed = ShortestPaths.compute(g, true);
    assertEquals(0, followed.weakOnly.cardinality(), "weak references followed: nothing is only weak");
    assertTrue(followed.strong(at(g, referent)));
    assertArrayEquals(new long[] {holder.id, ref2, deep}, ids(g, followed.chain(g, at(g, deep))), "the referent is a step like any");
  }

  /**
   * A cleared Reference (referent null) that still holds fields of its own (a WeakHashMap's stale entry): the
   * Reference and what only it holds are staleOnly; what it holds that a strong chain also reaches is strong.
   */
  @Test
  void aClearedReferencesFieldsAreOnlyStale() {
    TestHeap h = new TestHeap();
    TestHeap.Cls reference = h.cls("java.lang.ref.Reference", null, "referent", "queue");
    TestHeap.Cls entry = h.cls("java.util.WeakHashMap$Entry", h.cls("java.lang.ref.WeakReference", reference), "value", "next");
    TestHeap.Cls box = h.cls("com.acme.Box", null, "a", "b");
    TestHeap.Cls holder = h.cls("com.acme.Holder");
    long valueOfValue = h.instance(box);
    long value = h.instance(box, "a", valueOfValue);
    long shared = h.instance(box);
    long stale = h.instance(entry, "value", value, "next", shared);
    long live = h.instance(box);
    long liveEntry = h.instance(entry, "referent", live, "value", h.instance(box));
    long far = h.instance(box, "a", h.instance(box, "a", shared));
    holder.set("STALE", stale).set("LIVE", liveEntry).set("KEY", live).set("FAR", far);
    h.instance(box); // garbage: room in the search's queue (see everyObjectReachableAndAClearedReference)
    HeapGraph g = h.graph(tmp.resolve("stale.hprof"));

    ShortestPaths p = ShortestPaths.compute(g, false);
    assertTrue(p.staleOnly.get(at(g, stale)), "the cleared reference");
    assertTrue(p.staleOnly.get(at(g, value)) && p.staleOnly.get(at(g, valueOfValue)), "what only it holds");
    assertTrue(p.reached(at(g, value)) && !p.strong(at(g, value)));
    assertFalse(p.staleOnly.get(at(g, shared)), "a strong chain reaches it too, though longer");
    assertTrue(p.strong(at(g, shared)));
    assertEquals(4, p.chain(g, at(g, shared)).length, "Holder.FAR -> far -> box -> shared, not through the stale entry");
    assertFalse(p.staleOnly.get(at(g, liveEntry)), "a reference whose referent is set is no stale one");
    assertTrue(p.strong(at(g, liveEntry)));
    assertArrayEquals(new long[] {holder.id, stale, value}, ids(g, p.chain(g, at(g, value))), "chained as usual");

    ShortestPaths raw = ShortestPaths.compute(g, false, false);
    assertEquals(0, raw.staleOnly.cardinality());
  }

  /**
   * A dump whose every object is reachable (as a live dump's may be) and that holds a cleared Reference: the search
   * queues the cleared reference once when it reaches it, and once more to search from it for what only it holds.
   */
  @Test
  void everyObjectReachableAndAClearedReference() {
    TestHeap h = new TestHeap();
    TestHeap.Cls reference = h.cls("java.lang.ref.Reference", null, "referent");
    TestHeap.Cls weak = h.cls("java.lang.ref.WeakReference", reference);
    long stale = h.instance(weak);
    h.cls("com.acme.Holder").set("STALE", stale);
    HeapGraph g = h.graph(tmp.resolve("all-reachable.hprof"));
    ShortestPaths p = ShortestPaths.compute(g, false);
    assertTrue(p.staleOnly.get(at(g, stale)));
    assertFalse(p.strong(at(g, stale)));
  }

  /** What only a class's constant pool ({@code <resolved_references>}) holds is constantOnly. */
  @Test
  void whatOnlyAConstantPoolHoldsIsConstantOnly() {
    TestHeap h = new TestHeap();
    TestHeap.Cls box = h.cls("com.acme.Box", null, "a");
    TestHeap.Cls holder = h.cls("com.acme.Holder");
    long literal = h.instance(box);
    long alsoStatic = h.instance(box);
    long pool = h.array("java.lang.Object[]", literal, alsoStatic);
    holder.set("<resolved_references>", pool).set("FIELD", alsoStatic);
    HeapGraph g = h.graph(tmp.resolve("constants.hprof"));

    ShortestPaths p = ShortestPaths.compute(g, false);
    assertTrue(p.constantOnly.get(at(g, pool)) && p.constantOnly.get(at(g, literal)));
    assertTrue(p.reached(at(g, literal)) && !p.strong(at(g, literal)));
    assertArrayEquals(new long[] {holder.id, pool, literal}, ids(g, p.chain(g, at(g, literal))));
    assertFalse(p.constantOnly.get(at(g, alsoStatic)), "a static holds it too");
    assertTrue(p.strong(at(g, alsoStatic)));
    assertArrayEquals(new long[] {holder.id, alsoStatic}, ids(g, p.chain(g, at(g, alsoStatic))));
  }

  /** strong(o): reached, and neither only weakly, only through stale references, only by a constant pool. */
  @Test
  void unreachedIsNotStrong() {
    TestHeap h = new TestHeap();
    TestHeap.Cls box = h.cls("com.acme.Box", null, "a");
    long garbage = h.instance(box, "a", h.instance(box));
    long held = h.instance(box);
    h.cls("com.acme.Holder").set("HELD", held);
    HeapGraph g = h.graph(tmp.resolve("garbage.hprof"));
    ShortestPaths p = ShortestPaths.compute(g, false);
    assertFalse(p.reached(at(g, garbage)));
    assertEquals(ShortestPaths.UNREACHED, p.parent[at(g, garbage)]);
    assertFalse(p.strong(at(g, garbage)));
    assertTrue(p.strong(at(g, held)));
  }
}
