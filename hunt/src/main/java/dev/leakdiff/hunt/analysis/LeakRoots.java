package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.Reference;
import dev.leakdiff.graph.Route;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.findings.Held;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.findings.LoaderLeak;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One finding per cause: the leak suspects at the roots of the leak, each with the suspects that grow because it
 * does. A suspect is held through another when its fastest-growing route passes through an instance of the other's
 * class on a growing route ({@link SuspectHolders}). Of the suspects held through none, those kept in the same
 * collection (the same route up to it: a map's entries, its keys, its values; a list's nodes) are one cause too: the
 * collection's values (or elements) name the finding, and its entries and keys are named inside it.
 */
final class LeakRoots {
  private LeakRoots() {}

  /** The leaks of a hunt, most bytes per iteration first. */
  static List<Leak> of(List<ClassSeries> suspects, List<SuspectHolders.Holder> holders, long[] iterations,
      Map<String, SuspectFacts> facts, List<LoaderLeak> loaderLeaks) {
    Map<String, ClassSeries> series = new HashMap<>();
    suspects.forEach(s -> series.put(s.name(), s));
    Map<String, String> through = new HashMap<>();
    holders.forEach(h -> through.put(h.className(), h.heldThrough()));
    // the top of each suspect's held-through chain, and what each top holds
    Map<String, List<Held>> held = new LinkedHashMap<>();
    for (SuspectHolders.Holder h : holders) {
      String top = h.className();
      Set<String> seen = new HashSet<>();
      while (through.get(top) != null && seen.add(top)) {
        top = through.get(top);
      }
      held.computeIfAbsent(top, k -> new ArrayList<>());
      if (!top.equals(h.className())) {
        held.get(top).add(new Held(series.get(h.className()), Held.Role.HELD));
      }
    }
    Map<String, Route> routes = new HashMap<>();
    for (SuspectHolders.Holder h : holders) {
      routes.put(h.className(), h.routes().isEmpty() ? null : h.routes().get(0).group().route());
    }
    foldContainers(held, routes, series);
    List<Leak> out = new ArrayList<>();
    for (Map.Entry<String, List<Held>> e : held.entrySet()) {
      ClassSeries root = series.get(e.getKey());
      List<Held> holds = new ArrayList<>(e.getValue());
      holds.sort(Comparator.comparingDouble((Held x) -> x.series().bytesPerIteration()).reversed());
      double bytes = root.bytesPerIteration() + holds.stream().mapToDouble(x -> x.series().bytesPerIteration()).sum();
      List<String> names = new ArrayList<>();
      names.add(root.name());
      holds.forEach(x -> names.add(x.name()));
      Route route = routes.get(root.name());
      SuspectFacts own = facts.get(root.name());
      Leak.Alike alike = own != null && own.mostlyAlike()
          ? new Leak.Alike(own.alike(), own.instances(), route != null && route.keptInHash()) : null;
      List<LoaderLeak> loaders = loaderLeaks.stream()
          .filter(l -> l.loaderClass().equals(root.name()) || holds.stream().anyMatch(x -> x.name().equals(l.loaderClass())))
          .toList();
      out.add(new Leak(root, route, holds, bytes, growth(root, holds, iterations), SuspectFacts.offHeap(facts, names), alike,
          loaders, null, null));
    }
    out.sort(Comparator.comparingDouble(Leak::bytesPerIteration).reversed());
    return out;
  }

  /**
   * Joins the tops kept in the same collection into one: the values or elements lead (the most bytes among them),
   * the collection's entries and keys are held by it.
   */
  private static void foldContainers(Map<String, List<Held>> held, Map<String, Route> routes, Map<String, ClassSeries> series) {
    Map<List<Hop>, List<String>> byContainer = new LinkedHashMap<>();
    for (String top : held.keySet()) {
      List<Hop> container = container(routes.get(top));
      if (container != null) {
        byContainer.computeIfAbsent(container, k -> new ArrayList<>()).add(top);
      }
    }
    for (List<String> tops : byContainer.values()) {
      if (tops.size() < 2) {
        continue;
      }
      String lead = tops.stream().max(Comparator.comparingInt((String t) -> rank(routes.get(t)))
          .thenComparingDouble(t -> series.get(t).bytesPerIteration())).orElseThrow();
      for (String t : tops) {
        if (!t.equals(lead)) {
          held.get(lead).add(new Held(series.get(t), role(routes.get(t))));
          held.get(lead).addAll(held.remove(t));
        }
      }
    }
  }

  /** The route up to the collection that holds its object, when its last hop is a collection's; else null. */
  static List<Hop> container(Route route) {
    if (route == null || route.size() < 2) {
      return null;
    }
    Reference.Kind last = route.hop(route.size() - 1).reference().kind();
    boolean collection = last == Reference.Kind.MAP_VALUE || last == Reference.Kind.MAP_KEY || last == Reference.Kind.ELEMENT
        || last == Reference.Kind.ENTRY || last == Reference.Kind.THREAD_LOCAL_VALUE;
    if (!collection) {
      return null;
    }
    List<Hop> key = new ArrayList<>(route.prefixKey(route.size() - 1));
    key.add(new Hop(Reference.of(Reference.Kind.ELEMENT, route.hop(route.size() - 1).reference().owner()), null));
    return key;
  }

  /** Which of the suspects in one collection names the finding: its values (or elements), then its keys, then its entries. */
  static int rank(Route route) {
    return switch (route.hop(route.size() - 1).reference().kind()) {
      case ENTRY -> 0;
      case MAP_KEY -> 1;
      default -> 2;
    };
  }

  private static Held.Role role(Route route) {
    return switch (route.hop(route.size() - 1).reference().kind()) {
      case ENTRY -> Held.Role.ENTRIES;
      case MAP_KEY -> Held.Role.KEYS;
      default -> Held.Role.VALUES;
    };
  }

  /**
   * How a root grows beyond a steady rate: faster and faster (superlinear); its bytes with what it holds faster and
   * faster while its count is steady (a snapshot holding a copy of a growing history); a held suspect whose count
   * grows faster and faster. Null when steady, or with fewer than three dumps.
   */
  static Leak.Growth growth(ClassSeries s, List<Held> holds, long[] iterations) {
    int m = s.instances().length - 1;
    if (iterations == null || m < 2) {
      return null;
    }
    double spanBefore = iterations[m - 1] - iterations[m - 2];
    double span = iterations[m] - iterations[m - 1];
    boolean accelerating = s.verdict() == Verdict.SUPERLINEAR;
    double bytesBefore = 0;
    double bytesNow = 0;
    if (!accelerating) {
      for (ClassSeries c : withHeld(s, holds)) {
        bytesBefore += (c.bytes()[m - 1] - c.bytes()[m - 2]) / spanBefore;
        bytesNow += (c.bytes()[m] - c.bytes()[m - 1]) / span;
      }
      if (!(s.verdict() == Verdict.LEAK && bytesBefore > 0 && bytesNow > 2 * bytesBefore && bytesNow - bytesBefore >= 64)) {
        bytesBefore = 0;
        bytesNow = 0;
      }
    }
    Held accelerates = accelerating ? null
        : holds.stream().filter(h -> h.series().verdict() == Verdict.SUPERLINEAR).findFirst().orElse(null);
    Leak.Growth g = new Leak.Growth(accelerating, rate(s, m - 1, iterations), rate(s, m, iterations), bytesBefore, bytesNow,
        accelerates, accelerates == null ? 0 : rate(accelerates.series(), m - 1, iterations),
        accelerates == null ? 0 : rate(accelerates.series(), m, iterations));
    return g.notable() ? g : null;
  }

  /** Objects per iteration in the interval that ends at dump i. */
  private static double rate(ClassSeries s, int i, long[] iterations) {
    return (s.instances()[i] - s.instances()[i - 1]) / (double) (iterations[i] - iterations[i - 1]);
  }

  private static List<ClassSeries> withHeld(ClassSeries s, List<Held> holds) {
    List<ClassSeries> all = new ArrayList<>();
    holds.forEach(h -> all.add(h.series()));
    all.add(s);
    return all;
  }
}
