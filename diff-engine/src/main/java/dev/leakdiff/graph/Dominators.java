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
 * Iterative throughout (no recursion, whatever the depth of a linked list) and in primitive arrays: about 29 bytes per
 * object while it runs, and the predecessors of the objects that have more than one referrer (an object with one has
 * its depth-first parent for semidominator, and needs no list).
 */
public final class Dominators {
  /** The immediate dominator of an object that no strong chain reaches, or of the virtual root. */
  public static final int NONE = -1;
  /** The immediate dominator of an object that a GC root holds itself: the virtual root. */
  public static final int ROOT = -2;

  private final int[] idom;
  private final long[] retained;
  private final int reached;

  private Dominators(int[] idom, long[] retained, int reached) {
    this.idom = idom;
    this.retained = retained;
    this.reached = reached;
  }

  /** The object's immediate dominator: another object, {@link #ROOT}, or {@link #NONE} when no strong chain reaches it. */
  public int idom(int object) {
    return idom[object];
  }

  /** The bytes the object keeps alive, its own included (0 when no strong chain reaches it). */
  public long retained(int object) {
    return retained[object];
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

  /** The dominators of a graph, system classes taken as roots. */
  public static Dominators compute(HeapGraph g) {
    return compute(g, true);
  }

  /** The dominators of a graph; with classesAsRoots, the classes of the JVM's own loaders are held by the virtual root. */
  public static Dominators compute(HeapGraph g, boolean classesAsRoots) {
    return new Builder(g, classesAsRoots).build();
  }

  /** The arrays of one computation, by preorder number; the virtual root is number 0. */
  private static final class Builder {
    private final HeapGraph g;
    private final int n;
    private final int[] rootList;
    /** Whether each object is in rootList: the virtual root holds it. */
    private final long[] rootBits;
    private final int[] classObject;
    /** Object to preorder number, or -1; the virtual root is 0. */
    private final int[] pre;
    /** Preorder number to object (n for the virtual root). */
    private int[] vertex;
    private int[] parent;
    private int[] semi;
    private int[] label;
    private int[] ancestor;
    private int count;

    Builder(HeapGraph g, boolean classesAsRoots) {
      this.g = g;
      this.n = g.objectCount();
      this.rootList = roots(g, classesAsRoots);
      rootBits = new long[(n + 63) >>> 6];
      for (int r : rootList) {
        rootBits[r >>> 6] |= 1L << r;
      }
      classObject = new int[g.classes.size()];
      Arrays.fill(classObject, HeapGraph.NONE);
      for (int o = 0; o < n; o++) {
        if (g.isClassObject(o)) {
          classObject[g.classIndex(o)] = o;
        }
      }
      pre = new int[n];
      Arrays.fill(pre, -1);
    }

    private boolean isRoot(int v) {
      return (rootBits[v >>> 6] & (1L << v)) != 0;
    }

    /** The GC roots' objects, each once, and the system classes. */
    private static int[] roots(HeapGraph g, boolean classesAsRoots) {
      boolean[] seen = new boolean[g.objectCount()];
      int[] out = new int[16];
      int k = 0;
      for (int o : g.rootObject) {
        if (o >= 0 && !seen[o]) {
          seen[o] = true;
          out = k == out.length ? Arrays.copyOf(out, k * 2) : out;
          out[k++] = o;
        }
      }
      if (classesAsRoots) {
        boolean[] system = SystemLoaders.classes(g);
        for (int o = 0; o < g.objectCount(); o++) {
          if (g.isClassObject(o) && system[g.classIndex(o)] && !seen[o]) {
            seen[o] = true;
            out = k == out.length ? Arrays.copyOf(out, k * 2) : out;
            out[k++] = o;
          }
        }
      }
      return Arrays.copyOf(out, k);
    }

    /** The strong successors of object v: its slots (weak ones and nulls left out), then its class for an instance. */
    private int degree(int v) {
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
      vertex = new int[n + 1];
      parent = new int[n + 1];
      semi = new int[n + 1];
      label = new int[n + 1];
      ancestor = new int[n + 1];
      depthFirst();
      Predecessors preds = new Predecessors(g, this);
      semidominators(preds);
      label = null;
      ancestor = null;
      // the immediate dominators (by preorder, in parent's place): the nearest common ancestor of parent and semidominator
      int[] idomPre = parent;
      for (int w = 1; w < count; w++) {
        int d = idomPre[w];
        while (d > semi[w]) {
          d = idomPre[d];
        }
        idomPre[w] = d;
      }
      semi = null;
      long[] retained = new long[n];
      for (int w = count - 1; w >= 1; w--) {
        int v = vertex[w];
        retained[v] += g.shallowSize(v);
        int d = idomPre[w];
        if (d > 0) {
          retained[vertex[d]] += retained[v];
        }
      }
      int[] idom = new int[n];
      Arrays.fill(idom, NONE);
      for (int w = 1; w < count; w++) {
        idom[vertex[w]] = idomPre[w] == 0 ? ROOT : vertex[idomPre[w]];
      }
      return new Dominators(idom, retained, count - 1);
    }

    /** Numbers the vertices in depth-first preorder from the virtual root, iteratively (label holds each one's cursor). */
    private void depthFirst() {
      int[] stack = ancestor; // free until the semidominators
      int[] cursor = label;
      vertex[0] = n;
      parent[0] = 0;
      count = 1;
      int top = 0;
      stack[0] = 0; // preorder numbers on the stack
      cursor[0] = 0;
      while (top >= 0) {
        int p = stack[top];
        int v = vertex[p];
        int next = HeapGraph.NONE;
        if (v == n) {
          while (cursor[p] < rootList.length && next < 0) {
            int t = rootList[cursor[p]++];
            next = pre[t] < 0 ? t : HeapGraph.NONE;
          }
        } else {
          int d = degree(v);
          while (cursor[p] < d && next < 0) {
            int t = successor(v, cursor[p]++);
            next = t >= 0 && pre[t] < 0 ? t : HeapGraph.NONE;
          }
        }
        if (next < 0) {
          top--;
          continue;
        }
        int w = count++;
        pre[next] = w;
        vertex[w] = next;
        parent[w] = p;
        cursor[w] = 0;
        stack[++top] = w;
      }
    }

    /** Semidominators in reverse preorder, with link-eval and iterative path compression. */
    private void semidominators(Predecessors preds) {
      for (int w = 0; w < count; w++) {
        semi[w] = w;
        label[w] = w;
        ancestor[w] = -1;
      }
      int[] path = new int[64];
      for (int w = count - 1; w >= 1; w--) {
        int v = vertex[w];
        if (isRoot(v)) {
          semi[w] = 0; // the virtual root holds it, whatever else does, and comes first
        } else if (!preds.many(v)) {
          semi[w] = parent[w]; // one referrer's: its depth-first parent
        } else {
          for (int i = preds.start(v), end = preds.end(v); i < end; i++) {
            int u = pre[preds.at(i)];
            if (u < 0) {
              continue; // a referrer no strong chain reaches
            }
            int e = eval(u, path);
            if (semi[e] < semi[w]) {
              semi[w] = semi[e];
            }
          }
        }
        ancestor[w] = parent[w];
      }
    }

    /** The vertex of least semidominator on the path from u up to the root of its tree in the forest, compressed. */
    private int eval(int u, int[] path) {
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
  }

  /**
   * The strong referrers of the objects that have more than one (for the others the depth-first parent is all the
   * semidominators need), as one array of slices: a count per object, saturating at two, then the lists.
   */
  private static final class Predecessors {
    private final int[] start;
    private final int[] list;

    Predecessors(HeapGraph g, Builder b) {
      int n = g.objectCount();
      byte[] referrers = new byte[n];
      forEachEdge(g, b, (from, to) -> {
        if (referrers[to] < 2) {
          referrers[to]++;
        }
      });
      start = new int[n + 1];
      forEachEdge(g, b, (from, to) -> {
        if (referrers[to] == 2) {
          start[to + 1]++;
        }
      });
      for (int o = 0; o < n; o++) {
        start[o + 1] += start[o];
      }
      list = new int[start[n]];
      forEachEdge(g, b, (from, to) -> { // start[to] moves to the end of to's list: shifted back after
        if (referrers[to] == 2) {
          list[start[to]++] = from;
        }
      });
      System.arraycopy(start, 0, start, 1, n);
      start[0] = 0;
    }

    boolean many(int v) {
      return start[v + 1] > start[v];
    }

    int start(int v) {
      return start[v];
    }

    int end(int v) {
      return start[v + 1];
    }

    int at(int i) {
      return list[i];
    }

    /** Each strong edge between objects strong chains reach. */
    private static void forEachEdge(HeapGraph g, Builder b, EdgeVisitor visit) {
      for (int v = 0; v < g.objectCount(); v++) {
        if (b.pre[v] < 0) {
          continue;
        }
        for (int i = 0, d = b.degree(v); i < d; i++) {
          int t = b.successor(v, i);
          if (t >= 0) {
            visit.edge(v, t);
          }
        }
      }
    }
  }

  @FunctionalInterface
  private interface EdgeVisitor {
    void edge(int from, int to);
  }
}
