package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.findings.BytesGrowth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Leaks in bytes with no growth in objects: a builder's array, a stream's buffer, that grows with every call while the
 * class's count stays put. First the classes whose bytes grow as a leak's count does (the iterations rule on bytes, with
 * a band of {@link #NOISE_BYTES} and at least {@link #MIN_BYTES_PER_ITERATION} a call); then, in the last two dumps, the
 * route whose objects' bytes grew by that much while their count stayed within the count rule's band. A route that is
 * the inside of a leaking collection (an ArrayList's array, a HashMap's table, on a leak's own route) is that leak's,
 * not a finding of its own.
 */
final class BytesGrowths {
  /** Bytes that come and go between two dumps without meaning: a few small buffers. */
  static final long NOISE_BYTES = 8192;
  /** Less than this a call is not worth a finding (a line of text a call is). */
  static final double MIN_BYTES_PER_ITERATION = 512;
  /** The iterations rule on bytes: arrays grow by doubling, so an interval may stray twice as far as counts do. */
  static final VerdictRule BYTES = new VerdictRule(NOISE_BYTES, 0.001, MIN_BYTES_PER_ITERATION, 1.0);
  /** The most classes whose routes are looked at. */
  static final int CANDIDATES = 5;

  private BytesGrowths() {}

  /** The classes, not suspects by count, whose bytes grow as a leak's count does, most bytes per iteration first. */
  static List<ClassSeries> candidates(Comparison c) {
    long[] its = c.iterations();
    if (its == null || its.length < 3) {
      return List.of();
    }
    List<ClassSeries> out = new ArrayList<>();
    for (ClassSeries s : c.classes()) {
      if (s.verdict() == null || s.verdict().suspect || s.verdict() == Verdict.LATE) {
        continue;
      }
      Verdict v = BYTES.classify(s.bytes(), its);
      if (v == Verdict.LEAK || v == Verdict.SUPERLINEAR) {
        out.add(s);
      }
    }
    int m = its.length - 1;
    out.sort(Comparator.comparingLong((ClassSeries s) -> s.bytes()[m] - s.bytes()[m - 1]).reversed());
    return out.subList(0, Math.min(CANDIDATES, out.size()));
  }

  /** The findings: per candidate, the route that grew most in bytes with a steady count, unless a leak's collection. */
  static List<BytesGrowth> of(List<ClassSeries> candidates, Map<String, PathGroups.Result> before,
      Map<String, PathGroups.Result> now, double span, List<SuspectHolders.Holder> leaking, VerdictRule counts) {
    List<List<Hop>> leakRoutes = new ArrayList<>();
    for (SuspectHolders.Holder h : leaking) {
      h.routes().stream().filter(g -> g.growth() > 0).forEach(g -> leakRoutes.add(g.group().key()));
    }
    List<BytesGrowth> out = new ArrayList<>();
    Set<List<Hop>> named = new HashSet<>();
    for (ClassSeries s : candidates) {
      PathGroups.Result a = before.get(s.name());
      PathGroups.Result b = now.get(s.name());
      if (a == null || b == null) {
        continue;
      }
      Map<List<Hop>, PathGroups.Group> earlier = new HashMap<>();
      a.groups().forEach(g -> earlier.put(g.key(), g));
      PathGroups.Group best = null;
      long bestGrowth = 0;
      for (PathGroups.Group g : b.groups()) {
        PathGroups.Group e = earlier.get(g.key());
        long count = e == null ? 0 : e.count();
        long bytes = e == null ? 0 : e.bytes();
        double band = Math.max(counts.noiseObjects(), counts.noiseFraction() * Math.max(count, g.count()));
        long growth = g.bytes() - bytes;
        if (e != null && Math.abs(g.count() - count) <= band && growth / span >= MIN_BYTES_PER_ITERATION && growth > bestGrowth
            && !inside(g.key(), leakRoutes) && !named.contains(g.key())) {
          best = g;
          bestGrowth = growth;
        }
      }
      if (best != null) {
        named.add(best.key());
        PathGroups.Group e = earlier.get(best.key());
        out.add(new BytesGrowth(s, best.route(), best.count(), e.bytes(), best.bytes(), bestGrowth / span));
      }
    }
    return out;
  }

  /** Whether a route is the inside of a collection on a leak's route: all its hops but the last are the leak's first. */
  static boolean inside(List<Hop> route, List<List<Hop>> leakRoutes) {
    if (route.size() < 2) {
      return false;
    }
    List<Hop> holder = route.subList(0, route.size() - 1);
    for (List<Hop> r : leakRoutes) {
      if (r.size() >= holder.size() && r.subList(0, holder.size()).equals(holder)) {
        return true;
      }
    }
    return false;
  }
}
