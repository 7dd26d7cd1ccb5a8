package dev.leakdiff.diff;

import dev.leakdiff.hprof.HeapGraph;
import dev.leakdiff.hprof.RootKind;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Breadth-first search from every GC root over strong references: for each object, the reference through
 * which it is first reached, so that following them back gives a shortest chain from a root. Class objects
 * count as roots (a class is held by its loader). The referent of weak, soft, phantom and finalizer
 * references is followed only when asked; otherwise a second search tells which objects only such
 * references reach.
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

  private ShortestPaths(int[] parent, BitSet weakOnly) {
    this.parent = parent;
    this.weakOnly = weakOnly;
  }

  public static ShortestPaths compute(HeapGraph g, boolean followWeak) {
    int n = g.objectCount();
    int[] parent = new int[n];
    Arrays.fill(parent, UNREACHED);
    int[] queue = new int[n];
    int tail = 0;
    for (RootKind kind : ORDER) {
      for (int r = 0; r < g.rootObject.length; r++) {
        int o = g.rootObject[r];
        if (g.rootKind[r] == kind && o >= 0 && parent[o] == UNREACHED) {
          parent[o] = g.isClassObject(o) ? CLASS_ROOT : -1 - r;
          queue[tail++] = o;
        }
      }
    }
    for (int o = 0; o < n; o++) {
      if (g.isClassObject(o) && parent[o] == UNREACHED) {
        parent[o] = CLASS_ROOT;
        queue[tail++] = o;
      }
    }
    tail = search(g, parent, queue, 0, tail, followWeak);
    BitSet weakOnly = new BitSet();
    if (!followWeak) {
      // a second search, from the weak referents of what is strongly reached
      int head = tail;
      for (int i = 0; i < head; i++) {
        int o = queue[i];
        for (int e = g.edgeStart[o]; e < g.edgeStart[o + 1]; e++) {
          int t = g.edges[e];
          if (t <= HeapGraph.WEAK_BASE) {
            t = HeapGraph.WEAK_BASE - t;
            if (parent[t] == UNREACHED) {
              parent[t] = e;
              queue[tail++] = t;
            }
          }
        }
      }
      int end = search(g, parent, queue, head, tail, true);
      for (int i = head; i < end; i++) {
        weakOnly.set(queue[i]);
      }
    }
    return new ShortestPaths(parent, weakOnly);
  }

  private static int search(HeapGraph g, int[] parent, int[] queue, int head, int tail, boolean followWeak) {
    int[] edges = g.edges;
    int[] start = g.edgeStart;
    while (head < tail) {
      int o = queue[head++];
      for (int e = start[o], end = start[o + 1]; e < end; e++) {
        int t = edges[e];
        if (t < 0) {
          if (t == HeapGraph.NONE || !followWeak) {
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

  /** The objects of a chain from its root to o, root first. */
  public int[] chain(HeapGraph g, int o) {
    int depth = 0;
    for (int x = o; parent[x] >= 0; x = g.sourceOf(parent[x])) {
      depth++;
    }
    int[] c = new int[depth + 1];
    int x = o;
    for (int i = depth; i >= 0; i--) {
      c[i] = x;
      if (i > 0) {
        x = g.sourceOf(parent[x]);
      }
    }
    return c;
  }
}
