package dev.leakdiff.graph;

import java.util.Arrays;

/**
 * The dominator tree of a dump's strong graph and the retained size of every object: what the GC would free if that
 * object went, with all it alone keeps alive. An object dominates another when every chain of strong references from
 * the GC roots to the other passes through it. The edges are the GC's: fields, array elements, statics, an instance's
 * class, a class's super class, loader, signers and protection domain; the referent of a weak, soft, phantom or
 * finalizer reference dominates nothing. A virtual root holds every GC root and, unless raw, the classes of the loaders
 * that live as long as the JVM (as {@link ShortestPaths} takes them).
 *
 * <p>Computed by Semi-NCA (Georgiadis and Tarjan): a depth-first numbering, the semidominators in reverse preorder with
 * path compression, and each immediate dominator as the nearest common ancestor of its parent and semidominator.
 * Iterative throughout (no recursion, whatever the depth of a linked list) and in primitive arrays of about 16 bytes
 * an object while it runs, plus the referrers of the objects that have more than one (an object with one has its
 * depth-first parent for semidominator, and needs no list): which object each number is, is not kept through the
 * semidominators but found again by a second depth-first walk, which numbers them the same. What stays is 8 bytes an
 * object (12 for a heap whose retained sizes do not fit 32 bits in 8-byte units, 16 GiB).
 */
public final class Dominators {
  /** The immediate dominator of an object that no strong chain reaches, or of the virtual root. */
  public static final int NONE = -1;
  /** The immediate dominator of an object that a GC root holds itself: the virtual root. */
  public static final int ROOT = -2;

  private final int[] idom;
  /** Retained sizes in 8-byte units, or null when they are in wide. */
  private final int[] units;
  private final long[] wide;
  private final int reached;

  private Dominators(int[] idom, int[] units, long[] wide, int reached) {
    this.idom = idom;
    this.units = units;
    this.wide = wide;
    this.reached = reached;
  }

  /** The object's immediate dominator: another object, {@link #ROOT}, or {@link #NONE} when no strong chain reaches it. */
  public int idom(int object) {
    return idom[object];
  }

  /** The bytes the object keeps alive, its own included (0 when no strong chain reaches it). */
  public long retained(int object) {
    return units != null ? (units[object] & 0xFFFFFFFFL) << 3 : wide[object];
  }

  /** The objects strong chains reach. */
  public int reached() {
    return reached;
  }

  /** Whether a dominates b (an object dominates itself). */
  public boolean dominates(int a, int b) {
    for (int x = b; x >= 0; x = idom[x]) {
      if (x == a) {
        return true;
      }
    }
    return false;
  }

  /** Which objects the virtual root holds, and which references count. */
  public enum View {
    /** The GC's references; the dump's GC roots and the classes of the JVM's own loaders (as chains start). */
    SYSTEM_CLASSES,
    /** The GC's references; the dump's GC roots alone (a class is held by its loader's list of classes). */
    GC_ROOTS,
    /**
     * Objects alone, as tools that show no class objects see a heap (NetBeans' heap library): the dump's GC roots and
     * what every class's static fields hold are roots; an instance's class, and a class's super class, loader, signers
     * and protection domain are not followed.
     */
    STATICS_AS_ROOTS
  }

  /** The dominators of a graph, system classes taken as roots. */
  public static Dominators compute(HeapGraph g) {
    return compute(g, View.SYSTEM_CLASSES);
  }

  /** The dominators of a graph; with classesAsRoots, the classes of the JVM's own loaders are held by the virtual root. */
  public static Dominators compute(HeapGraph g, boolean classesAsRoots) {
    return compute(g, classesAsRoots ? View.SYSTEM_CLASSES : View.GC_ROOTS);
  }

  /** The dominators of a graph as a view takes it. */
  public static Dominators compute(HeapGraph g, View view) {
    return new Builder(g, roots(g, view), view == View.STATICS_AS_ROOTS).build();
  }

  /** The GC roots' objects, each once, and the system classes. */
  private static int[] roots(HeapGraph g, View view) {
    boolean[] seen = new boolean[g.objectCount()];
    int[] out = new int[16];
    int k = 0;
    boolean classesAsRoots = view != View.GC_ROOTS;
    boolean[] system = view == View.SYSTEM_CLASSES ? SystemLoaders.classes(g) : null;
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < (pass == 0 ? g.rootObject.length : classesAsRoots ? g.objectCount() : 0); i++) {
        int o = pass == 0 ? g.rootObject[i] : i;
        if (o < 0 || seen[o] || (pass == 1 && !(g.isClassObject(o) && (system == null || system[g.classIndex(o)])))) {
          continue;
        }
        seen[o] = true;
        out = k == out.length ? Arrays.copyOf(out, k * 2) : out;
        out[k++] = o;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * One computation. Vertices are numbered in depth-first preorder from the virtual root (0); the arrays by vertex have
   * count entries. Each phase drops what it no longer needs before the next allocates.
   */
  private static final class Builder {
    private final HeapGraph g;
    private final int n;
    private final int[] rootList;
    private final int[] classObject;
    /** Objects alone: no instance's class, no class's implicit references. */
    private final boolean objectsOnly;
    private int count;

    Builder(HeapGraph g, int[] rootList, boolean objectsOnly) {
      this.g = g;
      this.n = g.objectCount();
      this.rootList = rootList;
      this.objectsOnly = objectsOnly;
      classObject = new int[g.classes.size()];
      Arrays.fill(classObject, HeapGraph.NONE);
      for (int o = 0; o < n; o++) {
        if (g.isClassObject(o)) {
          classObject[g.classIndex(o)] = o;
        }
      }
    }

    /** The number of strong successors of object v: its slots (weak ones and nulls come out NONE), then its class. */
    private int degree(int v) {
      if (objectsOnly) {
        return g.isClassObject(v) ? Math.min(g.classes.get(g.classIndex(v)).staticRefNames().length,
            g.edgeStart[v + 1] - g.edgeStart[v]) : g.edgeStart[v + 1] - g.edgeStart[v];
      }
      return g.edgeStart[v + 1] - g.edgeStart[v] + 1;
    }

    private int successor(int v, int i) {
      int slots = g.edgeStart[v + 1] - g.edgeStart[v];
      if (i < slots) {
        int t = g.edges[g.edgeStart[v] + i];
        return t >= 0 ? t : HeapGraph.NONE;
      }
      return g.isClassObject(v) ? HeapGraph.NONE : classObject[g.classOf[v]];
    }

    Dominators build() {
      int[] pre = new int[n];
      int[] parent = new int[n + 1];
      depthFirst(pre, null, parent);
      long[] rootBits = new long[(count + 63) >>> 6];
      for (int r : rootList) {
        set(rootBits, pre[r]);
      }
      int[] semi = new int[n + 1];
      long[] multi = new long[(count + 63) >>> 6];
      int[] list = referrers(pre, semi, rootBits, multi);
      pre = null; // the referrers are by preorder number now: the numbering is made again when it is needed
      semidominators(parent, semi, list, rootBits, multi);
      list = null;
      // the immediate dominators (by preorder, in parent's place): the nearest common ancestor of parent and semidominator
      for (int w = 1; w < count; w++) {
        int d = parent[w];
        while (d > semi[w]) {
          d = parent[d];
        }
        parent[w] = d;
      }
      semi = null;
      // the same walk again gives the same numbering: which object each number is
      pre = new int[n];
      int[] vertex = new int[n + 1];
      depthFirst(pre, vertex, null);
      pre = null;
      return finish(vertex, parent);
    }

    /** Retained sizes bottom-up (each vertex after all it dominates: reverse preorder), and the tree by object. */
    private Dominators finish(int[] vertex, int[] idomPre) {
      long total = 0;
      boolean aligned = true;
      for (int w = 1; w < count; w++) {
        long s = g.shallowSize(vertex[w]);
        total += s;
        aligned &= (s & 7) == 0;
      }
      int[] units = null;
      long[] wide = null;
      if (aligned && (total >>> 3) <= 0xFFFFFFFFL) {
        units = new int[n];
        for (int w = count - 1; w >= 1; w--) {
          int v = vertex[w];
          units[v] += (int) (g.shallowSize(v) >>> 3);
          int d = idomPre[w];
          if (d > 0) {
            units[vertex[d]] += units[v];
          }
        }
      } else {
        wide = new long[n];
        for (int w = count - 1; w >= 1; w--) {
          int v = vertex[w];
          wide[v] += g.shallowSize(v);
          int d = idomPre[w];
          if (d > 0) {
            wide[vertex[d]] += wide[v];
          }
        }
      }
      int[] idom = new int[n];
      Arrays.fill(idom, NONE);
      for (int w = 1; w < count; w++) {
        idom[vertex[w]] = idomPre[w] == 0 ? ROOT : vertex[idomPre[w]];
      }
      return new Dominators(idom, units, wide, count - 1);
    }

    /**
     * Numbers the vertices in depth-first preorder from the virtual root, iteratively: pre by object, and (where
     * asked) vertex by number and each vertex's depth-first parent. The stack holds, per level, the object, its number
     * and the next successor to look at; it grows with the depth alone.
     */
    private void depthFirst(int[] pre, int[] vertex, int[] parent) {
      Arrays.fill(pre, -1);
      int[] stack = new int[3 * 1024];
      if (vertex != null) {
        vertex[0] = n;
      }
      if (parent != null) {
        parent[0] = 0;
      }
      count = 1;
      int top = 0;
      stack[0] = n; // the virtual root
      stack[1] = 0;
      stack[2] = 0;
      while (top >= 0) {
        int v = stack[3 * top];
        int p = stack[3 * top + 1];
        int cursor = stack[3 * top + 2];
        int next = HeapGraph.NONE;
        if (v == n) {
          while (cursor < rootList.length && next < 0) {
            int t = rootList[cursor++];
            next = pre[t] < 0 ? t : HeapGraph.NONE;
          }
        } else {
          int d = degree(v);
          while (cursor < d && next < 0) {
            int t = successor(v, cursor++);
            next = t >= 0 && pre[t] < 0 ? t : HeapGraph.NONE;
          }
        }
        stack[3 * top + 2] = cursor;
        if (next < 0) {
          top--;
          continue;
        }
        int w = count++;
        pre[next] = w;
        if (vertex != null) {
          vertex[w] = next;
        }
        if (parent != null) {
          parent[w] = p;
        }
        top++;
        if (3 * top + 3 > stack.length) {
          stack = Arrays.copyOf(stack, stack.length * 2);
        }
        stack[3 * top] = next;
        stack[3 * top + 1] = w;
        stack[3 * top + 2] = 0;
      }
    }

    /**
     * The referrers of the vertices that have more than one and are no root (multi set), by preorder number, in one
     * array: the referrers of each such vertex together, in increasing vertex order, the first of each group stored as
     * -1 - u. count is the scratch for the counting.
     */
    private int[] referrers(int[] pre, int[] tally, long[] rootBits, long[] multi) {
      for (int v = 0; v < n; v++) {
        if (pre[v] < 0) {
          continue;
        }
        for (int i = 0, d = degree(v); i < d; i++) {
          int t = successor(v, i);
          if (t >= 0) {
            tally[pre[t]]++;
          }
        }
      }
      long total = 0;
      for (int w = 1; w < count; w++) {
        if (tally[w] > 1 && !get(rootBits, w)) {
          set(multi, w);
          long c = tally[w];
          tally[w] = (int) total; // where its group starts
          total += c;
        }
      }
      if (total > Integer.MAX_VALUE - 8) {
        throw new GraphMemory.NotEnoughMemory(total * 4, "the dump holds more than 2^31 shared references, more than the"
            + " dominator tree's arrays take");
      }
      int[] list = new int[(int) total];
      for (int v = 0; v < n; v++) {
        if (pre[v] < 0) {
          continue;
        }
        for (int i = 0, d = degree(v); i < d; i++) {
          int t = successor(v, i);
          if (t >= 0 && get(multi, pre[t])) {
            list[tally[pre[t]]++] = pre[v];
          }
        }
      }
      int start = 0;
      for (int w = 1; w < count; w++) {
        if (get(multi, w)) {
          list[start] = -1 - list[start];
          start = tally[w];
        }
      }
      return list;
    }

    /** Semidominators in reverse preorder, with link-eval and iterative path compression. */
    private void semidominators(int[] parent, int[] semi, int[] list, long[] rootBits, long[] multi) {
      int[] label = new int[count];
      int[] ancestor = new int[count];
      for (int w = 0; w < count; w++) {
        semi[w] = w;
        label[w] = w;
        ancestor[w] = -1;
      }
      int[] path = new int[64];
      int c = list.length;
      for (int w = count - 1; w >= 1; w--) {
        if (get(rootBits, w)) {
          semi[w] = 0; // the virtual root holds it, whatever else does, and comes first
        } else if (!get(multi, w)) {
          semi[w] = parent[w]; // one referrer: its depth-first parent
        } else {
          boolean first;
          do {
            int u = list[--c];
            first = u < 0;
            int e = eval(first ? -1 - u : u, label, ancestor, semi, path);
            if (semi[e] < semi[w]) {
              semi[w] = semi[e];
            }
          } while (!first);
        }
        ancestor[w] = parent[w];
      }
    }

    /** The vertex of least semidominator on the path from u up to the root of its tree in the forest, compressed. */
    private static int eval(int u, int[] label, int[] ancestor, int[] semi, int[] path) {
      if (ancestor[u] < 0) {
        return u;
      }
      int k = 0;
      for (int x = u; ancestor[ancestor[x]] >= 0; x = ancestor[x]) {
        if (k == path.length) {
          path = Arrays.copyOf(path, k * 2);
        }
        path[k++] = x;
      }
      for (int i = k - 1; i >= 0; i--) {
        int x = path[i];
        int a = ancestor[x];
        if (semi[label[a]] < semi[label[x]]) {
          label[x] = label[a];
        }
        ancestor[x] = ancestor[a];
      }
      return label[u];
    }

    private static void set(long[] bits, int i) {
      bits[i >>> 6] |= 1L << i;
    }

    private static boolean get(long[] bits, int i) {
      return (bits[i >>> 6] & (1L << i)) != 0;
    }
  }
}
