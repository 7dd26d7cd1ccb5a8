package dev.leakdiff.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who holds each leak suspect, judged by the chains that grew between two dumps, and which suspects hold the
 * others. A leaking table drags its columns and their arrays along: they grow too, but the cause is whatever
 * holds the table. A suspect is held through another when its fastest-growing route passes through an
 * instance of the other's class that is itself on a growing route of that class; the suspects held through
 * none are the roots of the leak, the ones to read first.
 *
 * <p>Objects move between dumps (ids are addresses), so routes are matched by their hops, not by object ids.
 */
public final class SuspectHolders {
  /** A route (merged chain) of a suspect in the later dump, with its count in the earlier one. */
  public record Growth(PathGroups.Group group, long before) {
    public long growth() {
      return group.count() - before;
    }
  }

  /**
   * One suspect class: its chains in the later dump, its routes fastest-growing first, and the suspect class it
   * is held through (null when none: it is held directly, a root of the leak).
   */
  public record Holder(String className, PathGroups.Result paths, List<Growth> routes, String heldThrough) {}

  private SuspectHolders() {}

  /**
   * The merged chains of every suspect class in one dump (by name: every class of that name, whatever its
   * loader), all gathered in one walk over the objects.
   */
  public static Map<String, PathGroups.Result> chains(HeapGraph g, ShortestPaths paths, Collection<String> suspects,
      PathGroups.Options options, Supplier<Map<Integer, String>> threadNames) {
    List<String> names = List.copyOf(new LinkedHashSet<>(suspects));
    Map<String, Integer> set = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      set.put(names.get(i), i);
    }
    int[] setOfClass = new int[g.classes.size()];
    for (int c = 0; c < setOfClass.length; c++) {
      setOfClass[c] = set.getOrDefault(g.classes.get(c).name(), -1);
    }
    PathGroups.Result[] results = PathGroups.compute(g, paths, setOfClass, names.size(), options, threadNames);
    Map<String, PathGroups.Result> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), results[i]);
    }
    return out;
  }

  /** The holders of each suspect, from its chains in an earlier and a later dump. */
  public static List<Holder> compare(Map<String, PathGroups.Result> before, Map<String, PathGroups.Result> now) {
    Map<String, Map<List<Hop>, Long>> growthByRoute = new HashMap<>();
    Map<String, List<Growth>> routes = new LinkedHashMap<>();
    for (Map.Entry<String, PathGroups.Result> e : now.entrySet()) {
      Map<List<Hop>, Long> old = new HashMap<>();
      PathGroups.Result earlier = before.get(e.getKey());
      if (earlier != null) {
        earlier.groups().forEach(g -> old.merge(g.key(), g.count(), Long::sum));
      }
      List<Growth> rs = new ArrayList<>();
      Map<List<Hop>, Long> growth = new HashMap<>();
      for (PathGroups.Group g : e.getValue().groups()) {
        Growth r = new Growth(g, old.getOrDefault(g.key(), 0L));
        rs.add(r);
        growth.put(g.key(), r.growth());
      }
      rs.sort(Comparator.comparingLong(Growth::growth).reversed().thenComparing(r -> -r.group().count()));
      routes.put(e.getKey(), rs);
      growthByRoute.put(e.getKey(), growth);
    }
    List<Holder> out = new ArrayList<>();
    for (Map.Entry<String, List<Growth>> e : routes.entrySet()) {
      String self = e.getKey();
      List<Growth> rs = e.getValue();
      String through = rs.isEmpty() ? null : heldThrough(self, rs.get(0).group().route(), growthByRoute);
      out.add(new Holder(self, now.get(self), rs, through));
    }
    return out;
  }

  /** The first hop, root first and the target aside, that is another suspect on one of its own growing routes. */
  static String heldThrough(String self, Route route, Map<String, Map<List<Hop>, Long>> growthByRoute) {
    for (int i = 0; i < route.size() - 1; i++) {
      String c = route.hop(i).className();
      Map<List<Hop>, Long> growth = growthByRoute.get(c);
      if (!c.equals(self) && growth != null && growth.getOrDefault(route.prefixKey(i + 1), 0L) > 0) {
        return c;
      }
    }
    return null;
  }
}
