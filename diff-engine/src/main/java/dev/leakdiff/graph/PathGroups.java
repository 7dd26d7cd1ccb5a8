package dev.leakdiff.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The shortest chains from GC roots to every instance of the matched types, merged by route: chains that pass through
 * the same fields of the same classes are one group, counted ({@link RouteBuilder} says what makes a route).
 */
public final class PathGroups {
  /**
   * Instances held along one route: how many, their shallow bytes, the kind of root, the route, and the shortest and
   * longest field-by-field chain among them (collections' internals and linked structures vary in depth).
   */
  public record Group(Route route, long count, long bytes, RootKind root, int minDepth, int maxDepth) {
    /** The route's identity, to match it with the same route in another dump. */
    public List<Hop> key() {
      return route.key();
    }
  }

  /**
   * The groups and what could not be put in one: instances reached only weakly, only through stale references
   * (cleared ones their owner will drop), or not at all.
   */
  public record Result(List<String> matchedClasses, long instances, long bytes, long weakOnly, long staleOnly,
      long unreachable, List<Group> groups) {
    /** The instances held through strong references: what the groups count. */
    public long strong() {
      return instances - weakOnly - staleOnly - unreachable;
    }
  }

  /**
   * How the chains are made into routes.
   *
   * @param raw every field of JDK collections' internals and of linked structures shown, nothing re-rooted
   * @param rerootAt classes whose instance, held from a thread's stack, starts the routes through it (a scenario's
   *     class: its runner holds it)
   */
  public record Options(boolean raw, Set<String> rerootAt) {
    public static final Options DEFAULT = new Options(false, Set.of());

    public static Options raw(boolean raw) {
      return new Options(raw, Set.of());
    }
  }

  /**
   * What makes two chains give the same route: the root, and the class and slot of each step; and for a ThreadLocal's
   * entry on the way, the ThreadLocal (its route names the static that holds it).
   */
  private record Signature(int[] steps) {
    /** An array element's index does not show in its hop: all elements of an array are one step. */
    private static final int ANY_ELEMENT = -2;

    static Signature of(HeapGraph g, ShortestPaths p, ShortestPaths.Chain c, int threadLocalEntry) {
      int[] chain = c.objects();
      int[] s = new int[chain.length * 3 + 1];
      s[0] = p.parent[chain[0]] == ShortestPaths.CLASS_ROOT ? -g.classIndex(chain[0]) - 1 : p.parent[chain[0]];
      for (int i = 0; i < chain.length; i++) {
        int c0 = g.classOf[chain[i]];
        s[3 * i + 1] = c0;
        boolean element = i > 0 && c.slots()[i] >= 0 && !g.isClassObject(chain[i - 1])
            && g.classes.get(g.classOf[chain[i - 1]]).array();
        s[3 * i + 2] = element ? ANY_ELEMENT : c.slots()[i];
        s[3 * i + 3] = c0 == threadLocalEntry && c0 >= 0 ? referent(g, chain[i]) : 0;
      }
      return new Signature(s);
    }

    private static int referent(HeapGraph g, int entry) {
      int slot = g.classes.get(g.classOf[entry]).referentSlot();
      return slot < 0 ? 0 : g.edges[g.edgeStart[entry] + slot];
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature other && Arrays.equals(steps, other.steps);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(steps);
    }
  }

  private PathGroups() {}

  /** Groups the chains to every object whose class index is marked in targets; thread roots named by serial. */
  public static Result compute(HeapGraph g, ShortestPaths paths, boolean[] targets, Options options) {
    return compute(g, paths, targets, options, Map::of);
  }

  /**
   * Groups the chains, naming the threads of thread roots: threadNames is asked once, and only when a chain starts at a
   * thread, for the names take one more pass over the dump.
   */
  public static Result compute(HeapGraph g, ShortestPaths paths, boolean[] targets, Options options,
      Supplier<Map<Integer, String>> threadNames) {
    int[] setOfClass = new int[targets.length];
    for (int c = 0; c < targets.length; c++) {
      setOfClass[c] = targets[c] ? 0 : -1;
    }
    return compute(g, paths, setOfClass, 1, options, threadNames)[0];
  }

  /**
   * The groups of several sets of target classes in one walk over the objects: setOfClass[c] is the set class index c
   * belongs to (0 to sets - 1), or -1. Each set's result is what it would get alone.
   */
  public static Result[] compute(HeapGraph g, ShortestPaths paths, int[] setOfClass, int sets, Options options,
      Supplier<Map<Integer, String>> threadNames) {
    Keyer keyer = new Keyer(g, paths, options, threadNames);
    Tally[] tallies = new Tally[sets];
    for (int s = 0; s < sets; s++) {
      tallies[s] = new Tally();
    }
    for (int c = 0; c < setOfClass.length; c++) {
      if (setOfClass[c] >= 0) {
        tallies[setOfClass[c]].matched.add(g.classes.get(c).name());
      }
    }
    int classClass = g.classes.indexOfName("java.lang.Class"); // class objects are java.lang.Class instances, as the histogram counts them
    int classObjectsSet = classClass < 0 ? -1 : setOfClass[classClass];
    for (int o = 0; o < g.objectCount(); o++) {
      int set = g.isClassObject(o) ? classObjectsSet : setOfClass[g.classOf[o]];
      if (set < 0) {
        continue;
      }
      Tally t = tallies[set];
      t.instances++;
      long size = g.shallowSize(o);
      t.bytes += size;
      if (!paths.reached(o)) {
        t.unreachable++;
        continue;
      }
      if (paths.weakOnly.get(o)) {
        t.weakOnly++;
        continue;
      }
      if (paths.staleOnly.get(o)) {
        t.staleOnly++;
        continue;
      }
      ShortestPaths.Chain found = paths.chainTo(g, o);
      int[] chain = found.objects();
      List<Hop> key = keyer.key(found);
      long[] a = t.counts.computeIfAbsent(key, k -> new long[] {0, 0, Integer.MAX_VALUE, 0});
      a[0]++;
      a[1] += size;
      a[2] = Math.min(a[2], chain.length - 1);
      a[3] = Math.max(a[3], chain.length - 1);
    }
    Result[] out = new Result[sets];
    for (int s = 0; s < sets; s++) {
      Tally t = tallies[s];
      List<Group> groups = new ArrayList<>();
      t.counts.forEach((k, a) -> groups.add(new Group(keyer.routeByKey.get(k), a[0], a[1], keyer.rootByKey.get(k), (int) a[2],
          (int) a[3])));
      groups.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(PathGroups::order));
      out[s] = new Result(t.matched, t.instances, t.bytes, t.weakOnly, t.staleOnly, t.unreachable, groups);
    }
    return out;
  }

  /**
   * The strongly held objects of each set of target classes whose route is one of that set's: setOfClass[c] is the set
   * of class index c, or -1; routes.get(s) the routes' keys ({@link Route#key}), as compute groups them.
   */
  public static int[][] members(HeapGraph g, ShortestPaths paths, int[] setOfClass, List<Set<List<Hop>>> routes,
      Options options, Supplier<Map<Integer, String>> threadNames) {
    Keyer keyer = new Keyer(g, paths, options, threadNames);
    int classClass = g.classes.indexOfName("java.lang.Class");
    int classObjectsSet = classClass < 0 ? -1 : setOfClass[classClass];
    int[][] out = new int[routes.size()][];
    int[] size = new int[routes.size()];
    for (int s = 0; s < out.length; s++) {
      out[s] = new int[16];
    }
    for (int o = 0; o < g.objectCount(); o++) {
      int set = g.isClassObject(o) ? classObjectsSet : setOfClass[g.classOf[o]];
      if (set < 0 || !paths.strong(o) || !routes.get(set).contains(keyer.key(paths.chainTo(g, o)))) {
        continue;
      }
      if (size[set] == out[set].length) {
        out[set] = Arrays.copyOf(out[set], size[set] * 2);
      }
      out[set][size[set]++] = o;
    }
    for (int s = 0; s < out.length; s++) {
      out[s] = Arrays.copyOf(out[s], size[s]);
    }
    return out;
  }

  /** Chains with the same shape (class and slot at each step, same root) give the same route: each built once. */
  private static final class Keyer {
    private final HeapGraph g;
    private final ShortestPaths paths;
    private final RouteBuilder routes;
    private final int threadLocalEntry;
    private final Map<Signature, List<Hop>> keyBySignature = new HashMap<>();
    final Map<List<Hop>, Route> routeByKey = new HashMap<>();
    final Map<List<Hop>, RootKind> rootByKey = new HashMap<>();

    Keyer(HeapGraph g, ShortestPaths paths, Options options, Supplier<Map<Integer, String>> threadNames) {
      this.g = g;
      this.paths = paths;
      this.routes = new RouteBuilder(g, paths, new RouteBuilder.Options(options.raw(), options.rerootAt()), once(threadNames));
      this.threadLocalEntry = g.classes.indexOfName("java.lang.ThreadLocal$ThreadLocalMap$Entry");
    }

    /** The key of the route of a chain. */
    List<Hop> key(ShortestPaths.Chain found) {
      Signature sig = Signature.of(g, paths, found, threadLocalEntry);
      List<Hop> key = keyBySignature.get(sig);
      if (key == null) {
        int[] chain = found.objects();
        Route route = routes.route(chain);
        key = route.key();
        keyBySignature.put(sig, key);
        routeByKey.merge(key, route, Route::merged);
        rootByKey.putIfAbsent(key, rootKind(g, paths, chain[0]));
      }
      return key;
    }
  }

  /** A stable order between groups of one count: by their hops' classes and names. */
  private static String order(Group g) {
    StringBuilder sb = new StringBuilder();
    for (Hop h : g.key()) {
      Reference r = h.reference();
      sb.append(r.kind()).append(' ').append(r.owner()).append(' ').append(r.name()).append(' ').append(h.className()).append('\n');
    }
    return sb.toString();
  }

  /** What one set of targets has gathered during the walk. */
  private static final class Tally {
    final Map<List<Hop>, long[]> counts = new LinkedHashMap<>(); // key -> {count, bytes, min depth, max depth}
    final List<String> matched = new ArrayList<>();
    long instances;
    long bytes;
    long weakOnly;
    long staleOnly;
    long unreachable;
  }

  /** A supplier asked at most once. */
  private static <T> Supplier<T> once(Supplier<T> s) {
    return new Supplier<>() {
      private T value;
      private boolean done;

      @Override
      public T get() {
        if (!done) {
          value = s.get();
          done = true;
        }
        return value;
      }
    };
  }

  private static RootKind rootKind(HeapGraph g, ShortestPaths p, int root) {
    int v = p.parent[root];
    if (v == ShortestPaths.CLASS_ROOT) {
      return RootKind.SYSTEM_CLASS;
    }
    return v < 0 && -1 - v < g.rootKind.length ? g.rootKind[-1 - v] : RootKind.UNKNOWN;
  }
}
