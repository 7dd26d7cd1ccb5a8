package dev.leakdiff.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What holds most of one dump, from its dominator tree: the biggest retainers, each with its chain from a GC root, the
 * place below it where the bytes pile up, and what it is made of. A retainer is the first object under the classes and
 * class loaders of the dominator tree's top: a class dominates its statics and a loader every class it loaded, so they
 * are looked through, and the answer is the object a static field (or a thread, or a JNI reference) holds.
 *
 * <p>The pile is where a retainer's bytes spread out (Eclipse MAT's accumulation point): from the retainer, down the
 * child that keeps most of it as long as that child keeps at least {@link #PILE_RATIO} of its parent; a map's table,
 * a list's array. What lies directly under it is grouped by class: 100,000 entries of one map are one line.
 */
public final class Retainers {
  /** A child that keeps at least this share of its parent's retained bytes is followed down to the pile. */
  public static final double PILE_RATIO = 0.7;
  /** The classes shown of what a retainer is made of, and of what lies directly under its pile. */
  public static final int PARTS = 5;

  /** Objects of one class: how many, and their bytes (shallow in madeOf, retained under a pile). */
  public record Part(String className, long count, long bytes) {}

  /**
   * Where a retainer's bytes pile up.
   *
   * @param route the chain from a GC root to the pile (through the retainer)
   * @param retained what the pile keeps alive alone
   * @param children how many objects it alone holds directly (its children in the dominator tree)
   * @param byClass those children by class, the most retained first (up to {@link #PARTS})
   */
  public record Pile(long id, String className, Route route, long retained, long children, List<Part> byClass) {}

  /**
   * One of the biggest retainers.
   *
   * @param id its object id in the dump (its address on HotSpot)
   * @param route the chain from a GC root to it
   * @param retained what it keeps alive alone, itself included
   * @param objects how many objects that is
   * @param pile where the bytes pile up below it (itself when none of its children keeps most of it)
   * @param madeOf the classes of what it keeps alive, by shallow bytes (up to {@link #PARTS})
   */
  public record Retainer(long id, String className, Route route, long retained, long objects, Pile pile,
      List<Part> madeOf) {}

  /**
   * The answer for one dump.
   *
   * @param objects the objects of the dump
   * @param bytes their shallow bytes
   * @param strongBytes the bytes strong references keep alive (what the retainers' shares are of)
   * @param retainers the biggest retainers, the most retained first
   */
  public record Result(long objects, long bytes, long strongBytes, List<Retainer> retainers) {}

  private Retainers() {}

  /** The top biggest retainers of a graph. */
  public static Result of(HeapGraph g, Dominators d, ShortestPaths paths, int top, Supplier<Map<Integer, String>> threadNames) {
    int n = g.objectCount();
    long bytes = 0;
    long strong = 0;
    for (int o = 0; o < n; o++) {
      long s = g.shallowSize(o);
      bytes += s;
      strong += d.idom(o) != Dominators.NONE ? s : 0;
    }
    int[] picked = biggest(g, d, top);
    RouteBuilder routes = new RouteBuilder(g, paths, RouteBuilder.Options.DEFAULT, memo(threadNames));
    int[] piles = piles(g, d, picked);
    int[] statics = staticHolders(g, picked);
    Subtrees subtrees = subtrees(g, d, picked, piles);
    List<Retainer> out = new ArrayList<>();
    for (int i = 0; i < picked.length; i++) {
      int r = picked[i];
      int p = piles[i];
      int[] chain = chain(g, paths, r, statics[i]);
      Route route = chain == null ? null : routes.route(chain);
      Route pileRoute = chain == null ? null : routes.route(concat(chain, paths.chain(g, p), r));
      Pile pile = new Pile(g.idOf(p), g.className(p), pileRoute, d.retained(p), subtrees.children[i],
          subtrees.under.get(i));
      out.add(new Retainer(g.idOf(r), g.className(r), route, d.retained(r), subtrees.objects[i], pile,
          subtrees.madeOf.get(i)));
    }
    return new Result(n, bytes, strong, out);
  }

  /**
   * The retainers: objects that are no class and no class loader, whose dominators up to the virtual root all are
   * (or that a GC root holds alone); the top ones by retained size, the biggest first.
   */
  static int[] biggest(HeapGraph g, Dominators d, int top) {
    int n = g.objectCount();
    byte[] flags = lookedThrough(g, d);
    // the top-most objects that are not looked through: those whose dominator is the root or looked through
    long[] best = new long[0];
    int[] bestObject = new int[0];
    int k = 0;
    for (int o = 0; o < n; o++) {
      int dom = d.idom(o);
      if (dom == Dominators.NONE || (flags[o] & THROUGH) != 0 || (dom != Dominators.ROOT && (flags[dom] & THROUGH) == 0)) {
        continue;
      }
      if (k < top) {
        best = Arrays.copyOf(best, k + 1);
        bestObject = Arrays.copyOf(bestObject, k + 1);
        k++;
      } else if (d.retained(o) <= best[k - 1]) {
        continue;
      }
      int i = k - 1;
      while (i > 0 && best[i - 1] < d.retained(o)) {
        best[i] = best[i - 1];
        bestObject[i] = bestObject[i - 1];
        i--;
      }
      best[i] = d.retained(o);
      bestObject[i] = o;
    }
    return Arrays.copyOf(bestObject, k);
  }

  private static final byte LOADER = 1;
  private static final byte TOWARD_CLASS = 2;
  private static final byte THROUGH = 4;
  private static final byte NOT_THROUGH = 8;

  /**
   * The objects looked through (THROUGH set): classes, class loaders, and what lies between a loader and its classes in
   * the dominator tree (its list of classes and that list's array), at the top of the tree (under the root, or under
   * something looked through).
   */
  private static byte[] lookedThrough(HeapGraph g, Dominators d) {
    int n = g.objectCount();
    byte[] flags = new byte[n];
    for (int c = 0; c < g.classes.size(); c++) {
      long id = g.classes.get(c).loaderId();
      int l = id == 0 ? -1 : g.ids.indexOf(id);
      if (l >= 0) {
        flags[l] |= LOADER;
      }
    }
    // on the way from a class up to its first loader (or the root): a loader's list of classes
    for (int o = 0; o < n; o++) {
      if (!g.isClassObject(o)) {
        continue;
      }
      for (int x = d.idom(o); x >= 0 && (flags[x] & (LOADER | TOWARD_CLASS)) == 0 && !g.isClassObject(x); x = d.idom(x)) {
        flags[x] |= TOWARD_CLASS;
      }
    }
    // at the top: each object decided after its dominator (a memoised walk up)
    int[] path = new int[64];
    for (int o = 0; o < n; o++) {
      int k = 0;
      int x = o;
      while (x >= 0 && (flags[x] & (THROUGH | NOT_THROUGH)) == 0) {
        if (k == path.length) {
          path = Arrays.copyOf(path, k * 2);
        }
        path[k++] = x;
        x = d.idom(x);
      }
      boolean above = x == Dominators.ROOT || (x >= 0 && (flags[x] & THROUGH) != 0);
      for (int i = k - 1; i >= 0; i--) {
        int y = path[i];
        boolean through = above && (g.isClassObject(y) || (flags[y] & (LOADER | TOWARD_CLASS)) != 0);
        flags[y] |= through ? THROUGH : NOT_THROUGH;
        above = through;
      }
    }
    return flags;
  }

  /**
   * For each retainer, its pile: down the child that keeps most, while it keeps at least PILE_RATIO of its parent and is
   * not of its parent's class (a linked list's nodes each keep the rest of the list: its first node is the pile).
   */
  static int[] piles(HeapGraph g, Dominators d, int[] retainers) {
    int n = g.objectCount();
    int[] biggestChild = new int[n];
    Arrays.fill(biggestChild, -1);
    for (int o = 0; o < n; o++) {
      int p = d.idom(o);
      if (p >= 0 && (biggestChild[p] < 0 || d.retained(o) > d.retained(biggestChild[p]))) {
        biggestChild[p] = o;
      }
    }
    int[] out = new int[retainers.length];
    for (int i = 0; i < retainers.length; i++) {
      int x = retainers[i];
      while (true) {
        int child = biggestChild[x];
        if (child < 0 || d.retained(child) < PILE_RATIO * d.retained(x) || g.classOf[child] == g.classOf[x]) {
          break;
        }
        x = child;
      }
      out[i] = x;
    }
    return out;
  }

  /**
   * For each retainer, the class object one of whose static fields holds it, or -1. A thread's stack often holds the
   * object too (the method that was using it when the dump was taken, the allocating one in an out-of-memory dump),
   * and a root comes before any static field in the shortest chains: the static field is what names the holder.
   */
  private static int[] staticHolders(HeapGraph g, int[] retainers) {
    int[] out = new int[retainers.length];
    Arrays.fill(out, -1);
    for (int o = 0; o < g.objectCount(); o++) {
      if (!g.isClassObject(o)) {
        continue;
      }
      int statics = g.classes.get(g.classIndex(o)).staticRefNames().length;
      for (int e = g.edgeStart[o]; e < g.edgeStart[o] + statics && e < g.edgeStart[o + 1]; e++) {
        for (int i = 0; i < retainers.length; i++) {
          if (g.edges[e] == retainers[i] && out[i] < 0) {
            out[i] = o;
          }
        }
      }
    }
    return out;
  }

  /** The chain to a retainer: from the static field that holds it where one does and its shortest chain starts at a thread. */
  private static int[] chain(HeapGraph g, ShortestPaths paths, int retainer, int staticHolder) {
    if (!paths.reached(retainer)) {
      return null;
    }
    int[] shortest = paths.chain(g, retainer);
    int root = paths.parent[shortest[0]];
    boolean thread = root < 0 && root != ShortestPaths.CLASS_ROOT && root != ShortestPaths.UNREACHED
        && -1 - root < g.rootKind.length && g.rootKind[-1 - root].thread;
    return thread && staticHolder >= 0 ? new int[] {staticHolder, retainer} : shortest;
  }

  /** The chain to a pile: the retainer's chain, then the shortest chain's part from the retainer on. */
  private static int[] concat(int[] toRetainer, int[] toPile, int retainer) {
    int from = 0;
    while (from < toPile.length && toPile[from] != retainer) {
      from++;
    }
    if (from == toPile.length) {
      return toPile;
    }
    int[] out = Arrays.copyOf(toRetainer, toRetainer.length + toPile.length - from - 1);
    System.arraycopy(toPile, from + 1, out, toRetainer.length, toPile.length - from - 1);
    return out;
  }

  /** For each retainer: its objects, what it is made of, and its pile's children by class. */
  private record Subtrees(long[] objects, List<List<Part>> madeOf, long[] children, List<List<Part>> under) {}

  private static Subtrees subtrees(HeapGraph g, Dominators d, int[] retainers, int[] piles) {
    int n = g.objectCount();
    // owner[o]: the index of the retainer whose subtree holds o, or -1 (memoised walk up the dominators)
    int[] owner = new int[n];
    Arrays.fill(owner, -2);
    for (int i = 0; i < retainers.length; i++) {
      owner[retainers[i]] = i;
    }
    int[] path = new int[64];
    for (int o = 0; o < n; o++) {
      int k = 0;
      int x = o;
      while (x >= 0 && owner[x] == -2) {
        if (k == path.length) {
          path = Arrays.copyOf(path, k * 2);
        }
        path[k++] = x;
        x = d.idom(x);
      }
      int found = x >= 0 ? owner[x] : -1;
      for (int i = 0; i < k; i++) {
        owner[path[i]] = found;
      }
    }
    int kinds = g.classes.size() + 1; // the classes, then java.lang.Class for class objects
    long[] objects = new long[retainers.length];
    long[] children = new long[retainers.length];
    long[][] made = new long[retainers.length][2 * kinds];
    long[][] under = new long[retainers.length][2 * kinds];
    for (int o = 0; o < n; o++) {
      int i = owner[o];
      if (i < 0) {
        continue;
      }
      int kind = g.isClassObject(o) ? kinds - 1 : g.classOf[o];
      objects[i]++;
      made[i][2 * kind]++;
      made[i][2 * kind + 1] += g.shallowSize(o);
      if (d.idom(o) == piles[i]) {
        children[i]++;
        under[i][2 * kind]++;
        under[i][2 * kind + 1] += d.retained(o);
      }
    }
    List<List<Part>> madeOf = new ArrayList<>();
    List<List<Part>> pileParts = new ArrayList<>();
    for (int i = 0; i < retainers.length; i++) {
      madeOf.add(parts(g, made[i]));
      pileParts.add(parts(g, under[i]));
    }
    return new Subtrees(objects, madeOf, children, pileParts);
  }

  /** The classes of most bytes of a tally by class (count and bytes at 2k and 2k + 1; the last k: class objects). */
  private static List<Part> parts(HeapGraph g, long[] tally) {
    Map<String, long[]> byName = new LinkedHashMap<>(); // classes of one name from several loaders are one part
    for (int k = 0; 2 * k < tally.length; k++) {
      if (tally[2 * k] > 0) {
        String name = 2 * k + 2 == tally.length ? "java.lang.Class" : g.classes.get(k).name();
        long[] a = byName.computeIfAbsent(name, x -> new long[2]);
        a[0] += tally[2 * k];
        a[1] += tally[2 * k + 1];
      }
    }
    return byName.entrySet().stream().map(e -> new Part(e.getKey(), e.getValue()[0], e.getValue()[1])).sorted(Comparator.comparingLong(Part::bytes).reversed().thenComparing(Part::className))
        .limit(PARTS).toList();
  }

  private static <T> Supplier<T> memo(Supplier<T> s) {
    Object[] value = new Object[1];
    return () -> {
      if (value[0] == null) {
        value[0] = s.get();
      }
      @SuppressWarnings("unchecked")
      T t = (T) value[0];
      return t;
    };
  }
}
