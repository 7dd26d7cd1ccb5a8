package dev.leakdiff.graph;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Breadth-first search from every GC root over strong references: for each object, the reference through
 * which it is first reached, so that following them back gives a shortest chain from a root. The references
 * are those the GC follows: fields, array elements, statics, an instance's class, a class's super class,
 * loader, signers and protection domain. The classes of the boot, platform and application loaders count as
 * roots, as those loaders live as long as the JVM (chains then start at a static field); a class of any other
 * loader is held the way the heap holds it, through its loader or its instances. The referent of weak, soft,
 * phantom and finalizer references is followed only when asked; otherwise a second search tells which
 * objects only such references reach. Unless raw, two kinds of reference come after the others, as no leak goes
 * through them: a cleared reference's own fields (a WeakHashMap's stale entry), and a class's constant pool;
 * what only they hold is marked, and left out of {@link #strong}.
 */
public final class ShortestPaths {
  /** parent value of an object no root reaches. */
  public static final int UNREACHED = Integer.MIN_VALUE;
  /** parent value of a class object reached as a class root. */
  public static final int CLASS_ROOT = Integer.MIN_VALUE + 1;

  /** Order in which root kinds are searched from, which decides ties between equally short chains. */
  private static final RootKind[] ORDER = {
      RootKind.STICKY_CLASS, RootKind.THREAD_OBJECT, RootKind.JAVA_FRAME, RootKind.JNI_LOCAL, RootKind.NATIVE_STACK,
      RootKind.THREAD_BLOCK, RootKind.JNI_GLOBAL, RootKind.MONITOR_USED, RootKind.JNI_MONITOR, RootKind.VM_INTERNAL,
      RootKind.INTERNED_STRING, RootKind.DEBUGGER, RootKind.FINALIZING, RootKind.REFERENCE_CLEANUP, RootKind.UNKNOWN,
      RootKind.UNREACHABLE};

  /**
   * For each object: an edge index (reached through it), -1 - r (it is root r of the graph), CLASS_ROOT, or
   * UNREACHED.
   */
  public final int[] parent;
  /** Objects that only weak, soft, phantom or finalizer references reach (empty when they were followed). */
  public final BitSet weakOnly;
  /**
   * Objects held only through stale references: Reference objects whose referent the GC has cleared (a
   * WeakHashMap's entry of a collected key), which their owner drops at its next access, and what they hold.
   */
  public final BitSet staleOnly;
  /**
   * Objects held only through a class's constant pool ({@code <resolved_references>}): constants the JVM resolves
   * lazily as code runs for the first time (string literals, method types, call sites), never more than the code
   * has. They are chained as usual but are no growth a leak verdict counts.
   */
  public final BitSet constantOnly;

  /** parent values at or below this mark an object reached as the class of an instance: VIA_CLASS - instance. */
  private final int viaClass;

  private ShortestPaths(int[] parent, BitSet weakOnly, BitSet staleOnly, BitSet constantOnly, int viaClass) {
    this.parent = parent;
    this.weakOnly = weakOnly;
    this.staleOnly = staleOnly;
    this.constantOnly = constantOnly;
    this.viaClass = viaClass;
  }

  /** The default search: the classes of the JVM's own loaders are roots. */
  public static ShortestPaths compute(HeapGraph g, boolean followWeak) {
    return compute(g, followWeak, true);
  }

  /**
   * With classesAsRoots false, only the dump's own GC roots start the search, so that every class is reached
   * the way the heap holds it (through its loader's list of classes, or a sticky-class root).
   */
  public static ShortestPaths compute(HeapGraph g, boolean followWeak, boolean classesAsRoots) {
    int n = g.objectCount();
    int[] parent = new int[n];
    Arrays.fill(parent, UNREACHED);
    // every object is queued once at most, but a cleared reference twice: when reached, and again after the first search
    int[] queue = new int[n + (classesAsRoots ? cleared(g) : 0)];
    int tail = 0;
    for (RootKind kind : ORDER) {
      for (int r = 0; r < g.rootObject.length; r++) {
        int o = g.rootObject[r];
        if (g.rootKind[r] == kind && o >= 0 && parent[o] == UNREACHED) {
          parent[o] = g.isClassObject(o) && classesAsRoots ? CLASS_ROOT : -1 - r;
          queue[tail++] = o;
        }
      }
    }
    boolean[] system = classesAsRoots ? SystemLoaders.classes(g) : null;
    for (int o = 0; o < n && classesAsRoots; o++) {
      if (g.isClassObject(o) && parent[o] == UNREACHED && system[g.classIndex(o)]) {
        parent[o] = CLASS_ROOT;
        queue[tail++] = o;
      }
    }
    // an instance holds its class (as the JVM's GC sees it): a reference no field shows
    int[] classObject = new int[g.classes.size()];
    Arrays.fill(classObject, HeapGraph.NONE);
    for (int o = 0; o < n; o++) {
      if (g.isClassObject(o)) {
        classObject[g.classIndex(o)] = o;
      }
    }
    int viaClass = -1 - g.rootObject.length;
    IntList weakEdges = new IntList();
    // --raw shows the shortest chains as they are; otherwise what a leak never goes through comes last
    Deferred deferred = classesAsRoots ? new Deferred(references(g), constantSlots(g)) : new Deferred(null, null);
    Deferred first = classesAsRoots ? deferred : null;
    tail = search(g, parent, queue, 0, tail, followWeak, classObject, viaClass, weakEdges, first);
    // then what only stale references hold (the cleared references themselves, and what they reach), then what
    // only constant pools hold
    BitSet staleOnly = new BitSet();
    int head = tail;
    for (int i = 0; i < deferred.stale.size; i++) {
      queue[tail++] = deferred.stale.values[i];
    }
    tail = mark(staleOnly, queue, head, search(g, parent, queue, head, tail, followWeak, classObject, viaClass, weakEdges, null));
    BitSet constantOnly = new BitSet();
    head = tail;
    for (int i = 0; i < deferred.constants.size; i++) {
      int e = deferred.constants.values[i];
      if (parent[g.edges[e]] == UNREACHED) {
        parent[g.edges[e]] = e;
        queue[tail++] = g.edges[e];
      }
    }
    tail = mark(constantOnly, queue, head, search(g, parent, queue, head, tail, followWeak, classObject, viaClass, weakEdges, null));
    BitSet weakOnly = new BitSet();
    if (!followWeak) {
      // a last search, from the weak referents the others passed over
      head = tail;
      int[] weak = weakEdges.toArray();
      for (int e : weak) {
        int t = HeapGraph.WEAK_BASE - g.edges[e];
        if (parent[t] == UNREACHED) {
          parent[t] = e;
          queue[tail++] = t;
        }
      }
      int end = search(g, parent, queue, head, tail, true, classObject, viaClass, null, null);
      for (int i = head; i < end; i++) {
        weakOnly.set(queue[i]);
      }
    }
    return new ShortestPaths(parent, weakOnly, staleOnly, constantOnly, viaClass);
  }

  /** What the first search leaves for later: stale references it reached, and the edges of constant pools. */
  private record Deferred(boolean[] references, int[] constantSlot, IntList stale, IntList constants) {
    Deferred(boolean[] references, int[] constantSlot) {
      this(references, constantSlot, new IntList(), new IntList());
    }
  }

  /** Sets the bits of the objects queue[from, to); returns to. */
  private static int mark(BitSet bits, int[] queue, int from, int to) {
    for (int i = from; i < to; i++) {
      bits.set(queue[i]);
    }
    return to;
  }

  /** For each class index, the slot of its {@code <resolved_references>} static (HotSpot writes one per class), or -1. */
  private static int[] constantSlots(HeapGraph g) {
    int[] out = new int[g.classes.size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = java.util.Arrays.asList(g.classes.get(c).staticRefNames()).indexOf("<resolved_references>");
    }
    return out;
  }

  /** For each class index, whether it is a java.lang.ref.Reference (its referent slot is known). */
  private static boolean[] references(HeapGraph g) {
    boolean[] out = new boolean[g.classes.size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = g.classes.get(c).referentSlot() >= 0;
    }
    return out;
  }

  /** How many instances are References whose referent is cleared. */
  private static int cleared(HeapGraph g) {
    boolean[] references = references(g);
    int n = 0;
    for (int o = 0; o < g.objectCount(); o++) {
      if (stale(g, references, o)) {
        n++;
      }
    }
    return n;
  }

  /** Whether an instance is a Reference whose referent is cleared. */
  private static boolean stale(HeapGraph g, boolean[] references, int o) {
    int c = g.classOf[o];
    return c >= 0 && references[c] && g.edges[g.edgeStart[o] + g.classes.get(c).referentSlot()] == HeapGraph.NONE;
  }

  /** Whether an object is held through strong references, not only weakly or through stale references. */
  public boolean strong(int o) {
    return parent[o] != UNREACHED && !weakOnly.get(o) && !staleOnly.get(o) && !constantOnly.get(o);
  }

  /** A growable list of ints. */
  private static final class IntList {
    int[] values = new int[256];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /**
   * Breadth-first from queue[head, tail): returns the new tail. Weak edges passed over go to weakEdges; with
   * deferred given, a stale reference is reached but not followed, and a class's constant pool not followed:
   * they are kept in deferred for the searches after.
   */
  private static int search(HeapGraph g, int[] parent, int[] queue, int head, int tail, boolean followWeak,
      int[] classObject, int viaClass, IntList weakEdges, Deferred deferred) {
    int[] edges = g.edges;
    int[] start = g.edgeStart;
    while (head < tail) {
      int o = queue[head++];
      int constants = -1;
      if (deferred != null) {
        if (stale(g, deferred.references(), o)) {
          deferred.stale().add(o);
          continue;
        }
        if (g.isClassObject(o) && deferred.constantSlot()[g.classIndex(o)] >= 0) {
          constants = start[o] + deferred.constantSlot()[g.classIndex(o)];
          if (edges[constants] >= 0) {
            deferred.constants().add(constants);
          }
        }
      }
      if (!g.isClassObject(o)) {
        int c = classObject[g.classOf[o]];
        if (c >= 0 && parent[c] == UNREACHED) {
          parent[c] = viaClass - o;
          queue[tail++] = c;
        }
      }
      for (int e = start[o], end = start[o + 1]; e < end; e++) {
        int t = edges[e];
        if (e == constants) {
          continue;
        }
        if (t < 0) {
          if (t == HeapGraph.NONE) {
            continue;
          }
          if (!followWeak) {
            if (weakEdges != null) {
              weakEdges.add(e);
            }
            continue;
          }
          t = HeapGraph.WEAK_BASE - t;
        }
        if (parent[t] == UNREACHED) {
          parent[t] = e;
          queue[tail++] = t;
        }
      }
    }
    return tail;
  }

  /** Whether an object is reached, strongly or (when followed) through weak references. */
  public boolean reached(int o) {
    return parent[o] != UNREACHED;
  }

  /** The object before o on its chain, or -1 when o is a root. */
  public int source(HeapGraph g, int o) {
    int v = parent[o];
    if (v >= 0) {
      return g.sourceOf(v);
    }
    return v <= viaClass && v != UNREACHED && v != CLASS_ROOT ? viaClass - v : -1;
  }

  /** The slot of o's source through which o was reached, or -1 when o is the class of its source instance. */
  public int slot(HeapGraph g, int o) {
    int v = parent[o];
    return v >= 0 ? v - g.edgeStart[g.sourceOf(v)] : -1;
  }

  /** A chain from a root to an object: the objects root first, and the slot each was reached through (-1 for the class of an instance, and for the root). */
  public record Chain(int[] objects, int[] slots) {
    public int length() {
      return objects.length;
    }
  }

  /** The chain from its root to o, walking the parents once. */
  public Chain chainTo(HeapGraph g, int o) {
    int[] objects = new int[16];
    int[] slots = new int[16];
    int n = 0;
    int x = o;
    while (true) {
      if (n == objects.length) {
        objects = Arrays.copyOf(objects, n * 2);
        slots = Arrays.copyOf(slots, n * 2);
      }
      objects[n] = x;
      int v = parent[x];
      if (v >= 0) {
        int s = g.sourceOf(v);
        slots[n++] = v - g.edgeStart[s];
        x = s;
      } else if (v <= viaClass && v != UNREACHED && v != CLASS_ROOT) {
        slots[n++] = -1;
        x = viaClass - v;
      } else {
        slots[n++] = -1;
        break;
      }
    }
    int[] os = new int[n];
    int[] ss = new int[n];
    for (int i = 0; i < n; i++) {
      os[i] = objects[n - 1 - i];
      ss[i] = slots[n - 1 - i];
    }
    return new Chain(os, ss);
  }

  /** The objects of a chain from its root to o, root first. */
  public int[] chain(HeapGraph g, int o) {
    return chainTo(g, o).objects();
  }
}
