package dev.leakdiff.hunt.analysis;

import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.SetRetained;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.findings.Held;
import dev.leakdiff.hunt.findings.Leak;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What fixing each leak frees ({@link Leak.Cost}), from the last two dumps alone: in each, the leak's growing instances
 * (its class's and the classes' it holds, on the routes that grew: routes are matched by their hops, for ids change
 * between dumps) are taken away as one set, and what no strong chain reaches then is what the leak keeps alive; shared
 * between leaks by {@link SetRetained}'s rule.
 */
final class LeakCost {
  private LeakCost() {}

  /** A dump's graph and chains, and the names of its threads (routes from threads name them). */
  record Dump(HeapGraph graph, ShortestPaths paths, Supplier<Map<Integer, String>> threadNames) {}

  /**
   * The leaks with what fixing each frees, and with where what each keeps was created when sites (the last dump's
   * allocation samples) is not null.
   */
  static List<Leak> of(List<Leak> leaks, List<SuspectHolders.Holder> holders, Dump before, Dump now, PathGroups.Options routes,
      double span, SiteFinder sites) {
    if (leaks.isEmpty() || before.graph() == null || now.graph() == null || span <= 0) {
      return leaks;
    }
    Map<String, SuspectHolders.Holder> holder = new HashMap<>();
    holders.forEach(h -> holder.put(h.className(), h));
    Map<String, Integer> setOfName = new HashMap<>();
    List<Set<List<Hop>>> keys = new ArrayList<>();
    for (int i = 0; i < leaks.size(); i++) {
      Set<List<Hop>> ks = new HashSet<>();
      List<String> names = new ArrayList<>();
      names.add(leaks.get(i).className());
      leaks.get(i).holds().forEach((Held h) -> names.add(h.name()));
      for (String n : names) {
        SuspectHolders.Holder h = holder.get(n);
        if (h == null || setOfName.putIfAbsent(n, i) != null) {
          continue;
        }
        boolean grew = false;
        for (SuspectHolders.Growth g : h.routes()) {
          if (g.growth() > 0) {
            ks.add(g.group().key());
            grew = true;
          }
        }
        if (!grew) {
          h.routes().forEach(g -> ks.add(g.group().key()));
        }
      }
      keys.add(ks);
    }
    int[][] members = members(now, setOfName, keys, routes);
    int[] firsts = new int[members.length]; // each leak's own instances first: what they hold is theirs
    for (int i = 0; i < members.length; i++) {
      firsts[i] = ownFirst(now.graph(), members[i], leaks.get(i).className());
    }
    SetRetained.Result last = SetRetained.of(now.graph(), now.paths(), members, sites == null ? null : sites.objects, firsts);
    SetRetained.Result earlier = SetRetained.of(before.graph(), before.paths(), members(before, setOfName, keys, routes));
    List<Leak> out = new ArrayList<>();
    for (int i = 0; i < leaks.size(); i++) {
      long bytes = Math.round(last.bytes()[i]);
      Leak l = leaks.get(i).withCost(new Leak.Cost(bytes, (last.bytes()[i] - earlier.bytes()[i]) / span,
          Math.max(0, bytes - last.alone()[i])));
      out.add(sites == null ? l : l.withSites(sites.sites(l.className(), members[i], last.owners()[i])));
    }
    return out;
  }

  /** Puts the set's objects of the class first, in place; returns how many there are. */
  private static int ownFirst(HeapGraph g, int[] set, String className) {
    int n = 0;
    for (int m = 0; m < set.length; m++) {
      if (g.className(set[m]).equals(className)) {
        int t = set[n];
        set[n++] = set[m];
        set[m] = t;
      }
    }
    return n;
  }

  private static int[][] members(Dump d, Map<String, Integer> setOfName, List<Set<List<Hop>>> keys, PathGroups.Options routes) {
    HeapGraph g = d.graph();
    int[] setOfClass = new int[g.classes().size()];
    for (int c = 0; c < setOfClass.length; c++) {
      setOfClass[c] = setOfName.getOrDefault(g.classes().get(c).name(), -1);
    }
    return PathGroups.members(g, d.paths(), setOfClass, keys, routes, d.threadNames());
  }
}
