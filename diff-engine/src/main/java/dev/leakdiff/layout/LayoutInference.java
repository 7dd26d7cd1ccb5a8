package dev.leakdiff.layout;

import dev.leakdiff.diff.Numbers;

import java.util.List;

/**
 * Chooses the layout under which the sampled objects' sizes best explain the distances between their
 * addresses: most sizes equal to the distance, few larger than it (objects cannot overlap).
 */
public final class LayoutInference {
  /** Fewer exact matches than this share of the pairs counts as thin evidence. */
  private static final double MIN_SHARE = 0.2;

  /** The chosen layout, whether the dump supported it, and the evidence: pairs seen, matched, contradicted. */
  public record Result(Layout layout, boolean inferred, long pairs, long exact, long overlaps) {
    public String describe() {
      if (!inferred) {
        return layout.name() + " (assumed: too little evidence in the dump)";
      }
      return layout.name() + " (inferred: " + Numbers.grouped(exact) + " of " + Numbers.grouped(pairs) + " sampled objects fit exactly)";
    }
  }

  private LayoutInference() {}

  public static Result infer(int idSize, List<LayoutSample> samples, ClassShapes shapes) {
    LayoutSample.Pairs sampled = new LayoutSample.Pairs();
    sampled.shapes = shapes;
    for (LayoutSample s : samples) {
      s.pairs(shapes, sampled);
    }
    Result best = null;
    for (Layout layout : Layout.candidates(idSize)) {
      long exact = 0;
      long overlaps = 0;
      for (int i = 0; i < sampled.size(); i++) {
        long size = sampled.objectSize(i, layout);
        long gap = sampled.gap(i);
        if (size == gap) {
          exact++;
        } else if (size > gap) {
          overlaps++;
        }
      }
      Result r = new Result(layout, true, sampled.size(), exact, overlaps);
      if (best == null || score(r) > score(best)) {
        best = r;
      }
    }
    if (best == null || best.pairs == 0 || best.exact < MIN_SHARE * best.pairs) {
      long pairs = best == null ? 0 : best.pairs;
      return new Result(Layout.usual(idSize), false, pairs, 0, 0);
    }
    return best;
  }

  private static long score(Result r) {
    return r.exact - 4 * r.overlaps;
  }
}
