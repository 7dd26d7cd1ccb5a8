package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.Route;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.graph.ValueRequest;
import dev.leakdiff.hunt.findings.BoundedCache;
import dev.leakdiff.hunt.findings.Leak;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Caches, not leaks: growth that slows in the last interval gets a stage more ({@link Stages}), and a count that then
 * stops is a plateau; a leak whose route goes through a cache with a bound on entries in the heap (Caffeine's maximum
 * size: {@link #CAFFEINE}) is that cache, filling, unless it holds more than its bound or the bound, full, would not
 * fit in the heap. A bound on weight is no bound on entries: such a cache stays a leak by its count.
 */
final class Bounds {
  /** Caffeine's caches with a bound: their generated classes have a long {@code maximum}, their weigher says of what. */
  static final String CAFFEINE = "com.github.benmanes.caffeine.cache.BoundedLocalCache";
  /** The weigher of a Caffeine cache bounded on entries (maximumSize): every entry weighs one. */
  static final String ENTRIES = "com.github.benmanes.caffeine.cache.SingletonWeigher";
  /** Growth slows when the last interval's rate is under this share of the rate of the interval before. */
  static final double SLOWS = 0.75;

  private Bounds() {}

  /**
   * The suspects whose rate in the last interval fell under {@link #SLOWS} of the one before: a bound, perhaps; but only
   * when they are most of the growth (half the suspects' bytes in the last interval or more). One class that slowed
   * among many that did not (a list the JDK also uses elsewhere) is noise in a leak, not a cache filling up.
   */
  static List<ClassSeries> slowing(Comparison c) {
    long[] its = c.iterations();
    if (its == null || its.length < 3) {
      return List.of();
    }
    int m = its.length - 1;
    List<ClassSeries> out = new ArrayList<>();
    long slowed = 0;
    long all = 0;
    for (ClassSeries s : c.suspects()) {
      double before = (s.instances()[m - 1] - s.instances()[m - 2]) / (double) (its[m - 1] - its[m - 2]);
      double last = (s.instances()[m] - s.instances()[m - 1]) / (double) (its[m] - its[m - 1]);
      long bytes = Math.max(0, s.bytes()[m] - s.bytes()[m - 1]);
      all += bytes;
      if (before > 0 && last < SLOWS * before) {
        out.add(s);
        slowed += bytes;
      }
    }
    return 2 * slowed >= all ? out : List.of();
  }

  /**
   * The plateaus: the classes that slowed in the planned stages and did not grow in the stage added. Those that another
   * of them holds (a route of theirs goes through it: a map's entry holds its key and value, a value its fields) are
   * one finding with it, named by the one no other holds; its route is its biggest in the last dump, and its entries are
   * its instances held from that route's root.
   */
  static List<BoundedCache> plateaus(Comparison planned, Comparison all, Map<String, PathGroups.Result> chains, long maxHeap) {
    List<String> names = plateauNames(planned, all);
    Map<String, List<String>> held = new LinkedHashMap<>();
    for (String n : names) {
      if (holderOf(n, names, chains) == null) {
        held.put(n, new ArrayList<>());
      }
    }
    if (held.isEmpty() && !names.isEmpty()) {
      held.put(names.stream().max(Comparator.comparingLong(n -> chains.get(n) == null ? 0 : chains.get(n).bytes())).orElseThrow(),
          new ArrayList<>());
    }
    for (String n : names) {
      if (!held.containsKey(n)) {
        String by = holderOf(n, List.copyOf(held.keySet()), chains);
        held.get(by != null ? by : held.keySet().iterator().next()).add(n);
      }
    }
    List<BoundedCache> out = new ArrayList<>();
    held.forEach((lead, others) -> {
      PathGroups.Result r = chains.get(lead);
      // the largest group not held by the Flight Recorder's own tables (leakdiff's allocation recording has some)
      PathGroups.Group g = r == null ? null : r.groups().stream().filter(x -> !recorders(x.route())).findFirst()
          .orElse(r.groups().isEmpty() ? null : r.groups().get(0));
      out.add(new BoundedCache(lead, others, g == null ? null : g.route(), g == null ? 0 : entries(r, g.route()), -1, null, true,
          0, maxHeap, null));
    });
    return out;
  }

  /** Whether the route starts at a static field of the Flight Recorder's own classes. */
  private static boolean recorders(Route route) {
    String owner = route.size() == 0 ? null : route.hop(0).reference().owner();
    return owner != null && owner.startsWith("jdk.jfr.");
  }

  /** The first of the classes a route of this one goes through (before its own hop), or null. */
  private static String holderOf(String name, List<String> among, Map<String, PathGroups.Result> chains) {
    PathGroups.Result r = chains.get(name);
    if (r == null) {
      return null;
    }
    for (PathGroups.Group g : r.groups()) {
      for (int i = 0; i < g.route().size() - 1; i++) {
        String c = g.route().hop(i).className();
        if (!c.equals(name) && among.contains(c)) {
          return c;
        }
      }
    }
    return null;
  }

  /** The instances on the routes that start where this one does (a cache's entries, however each is reached in it). */
  static long entries(PathGroups.Result r, Route route) {
    Hop root = route.key().get(0);
    return r.groups().stream().filter(g -> g.key().get(0).equals(root)).mapToLong(PathGroups.Group::count).sum();
  }

  /** The classes that slowed in the planned stages and whose count stopped in the stage added. */
  static List<String> plateauNames(Comparison planned, Comparison all) {
    if (planned == null || all.iterations().length <= planned.iterations().length) {
      return List.of();
    }
    Set<String> suspectsNow = new java.util.HashSet<>();
    all.suspects().forEach(s -> suspectsNow.add(s.name()));
    List<String> out = new ArrayList<>();
    for (ClassSeries s : slowing(planned)) {
      if (!suspectsNow.contains(s.name()) && all.classes().stream().anyMatch(c -> c.name().equals(s.name())
          && c.instances()[c.instances().length - 1] - c.instances()[c.instances().length - 2] <= 0)) {
        out.add(s.name());
      }
    }
    return out;
  }

  /** Where a leak's route goes through a cache bounded on entries in the heap: the cache object, to read its bound. */
  record Cached(Leak leak, int cache, String cacheClass, long entries) {}

  /**
   * The leaks whose route goes through a Caffeine cache bounded by entries, each with that cache's object in the last
   * graph (found on the chain of one of the leak's instances on its route).
   */
  static List<Cached> cached(List<Leak> leaks, List<SuspectHolders.Holder> holders, HeapGraph g, ShortestPaths paths,
      PathGroups.Options routes, Supplier<Map<Integer, String>> threadNames) {
    List<Cached> out = new ArrayList<>();
    for (Leak l : leaks) {
      Route r = l.route();
      if (r == null) {
        continue;
      }
      int cacheClass = -1;
      for (int i = 0; i < r.size() && cacheClass < 0; i++) {
        int c = g.classes().indexOfName(r.hop(i).className());
        if (c >= 0 && g.classes().isA(c, CAFFEINE)) {
          cacheClass = c;
        }
      }
      if (cacheClass < 0) {
        continue;
      }
      int[] setOfClass = new int[g.classes().size()];
      java.util.Arrays.fill(setOfClass, -1);
      for (int c = 0; c < setOfClass.length; c++) {
        if (g.classes().get(c).name().equals(l.className())) {
          setOfClass[c] = 0;
        }
      }
      int[] members = PathGroups.members(g, paths, setOfClass, List.of(Set.of(r.key())), routes, threadNames)[0];
      if (members.length == 0) {
        continue;
      }
      for (int o : paths.chainTo(g, members[0]).objects()) {
        if (!g.isClassObject(o) && g.classIndex(o) == cacheClass) {
          int weigher = g.slotTarget(o, "weigher");
          if (weigher >= 0 && !g.className(weigher).equals(ENTRIES)) {
            break; // bounded by weight: no bound on entries
          }
          long entries = holders.stream().filter(h -> h.className().equals(l.className())).findFirst()
              .map(h -> entries(h.paths(), r)).orElse((long) members.length);
          out.add(new Cached(l, o, g.classes().get(cacheClass).name(), entries));
          break;
        }
      }
    }
    return out;
  }

  /** The leaks, with those in a cache whose bound was read taken out, and the caches they are. */
  record Split(List<Leak> leaks, List<BoundedCache> caches) {}

  static Split split(List<Leak> leaks, List<Cached> cached, Function<ValueRequest, ValueRequest.Answers> read, long maxHeap) {
    if (cached.isEmpty()) {
      return new Split(leaks, List.of());
    }
    ValueRequest request = new ValueRequest();
    cached.forEach(c -> request.intField(c.cache(), "maximum"));
    ValueRequest.Answers answers = read.apply(request);
    List<Leak> rest = new ArrayList<>(leaks);
    List<BoundedCache> caches = new ArrayList<>();
    for (Cached c : cached) {
      long bound = answers.intField(c.cache());
      if (bound == ValueRequest.NO_VALUE || bound < 0) {
        continue;
      }
      Leak l = c.leak();
      double entryBytes = l.cost() != null && c.entries() > 0 ? (double) l.cost().retainedBytes() / c.entries() : 0;
      List<String> others = l.holds().stream().map(h -> h.name()).toList();
      caches.add(new BoundedCache(l.className(), others, l.route(), c.entries(), bound, c.cacheClass(), false, entryBytes, maxHeap, l));
      rest.remove(l);
    }
    return new Split(rest, caches);
  }
}
