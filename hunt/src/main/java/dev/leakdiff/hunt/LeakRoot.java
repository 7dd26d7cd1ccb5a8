package dev.leakdiff.hunt;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.SuspectHolders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A leak suspect that no other suspect holds, with the suspects held through it: where to read first. */
public record LeakRoot(SuspectHolders.Holder holder, ClassSeries series, List<ClassSeries> holds) {
  /** Its bytes per iteration with those of the suspects it holds. */
  public double bytesPerIteration() {
    return series.bytesPerIteration() + holds.stream().mapToDouble(ClassSeries::bytesPerIteration).sum();
  }

  /** Its fastest-growing route on one line, root first, or null when no strong chain holds it. */
  public String route() {
    return holder.routes().isEmpty() ? null : route(holder.routes().get(0).group());
  }

  /** A chain on one line: the references root first, the loader of a static's class left out. */
  public static String route(PathGroups.Group g) {
    List<String> refs = new ArrayList<>();
    for (PathGroups.Hop h : g.hops()) {
      refs.add(h.reference().replaceFirst(" \\(class loaded by [^)]*\\)$", ""));
    }
    return String.join(" -> ", refs);
  }

  /** The suspects held through no other suspect, each with those it holds (through any depth), most bytes first. */
  public static List<LeakRoot> of(List<ClassSeries> suspects, List<SuspectHolders.Holder> holders) {
    Map<String, ClassSeries> series = new HashMap<>();
    suspects.forEach(s -> series.put(s.name(), s));
    Map<String, String> through = new HashMap<>();
    holders.forEach(h -> through.put(h.className(), h.heldThrough()));
    Map<String, List<ClassSeries>> held = new LinkedHashMap<>();
    for (SuspectHolders.Holder h : holders) {
      String top = h.className();
      Set<String> seen = new HashSet<>();
      while (through.get(top) != null && seen.add(top)) {
        top = through.get(top);
      }
      held.computeIfAbsent(top, k -> new ArrayList<>());
      if (!top.equals(h.className())) {
        held.get(top).add(series.get(h.className()));
      }
    }
    List<LeakRoot> roots = new ArrayList<>();
    for (SuspectHolders.Holder h : holders) {
      if (held.containsKey(h.className())) {
        List<ClassSeries> holds = new ArrayList<>(held.get(h.className()));
        holds.sort(Comparator.comparingDouble(ClassSeries::bytesPerIteration).reversed());
        roots.add(new LeakRoot(h, series.get(h.className()), holds));
      }
    }
    roots.sort(Comparator.comparingDouble(LeakRoot::bytesPerIteration).reversed());
    return roots;
  }
}
