package dev.leakdiff.source.hprof;

import dev.leakdiff.layout.InferredLayout;
import dev.leakdiff.layout.Layout;
import java.util.List;

/**
 * Chooses the layout under which the sampled objects' sizes best explain the distances between their
 * addresses: most sizes equal to the distance, few larger than it (objects cannot overlap).
 */
final class LayoutInference {
  /** Fewer exact matches than this share of the pairs counts as thin evidence. */
  private static final double MIN_SHARE = 0.2;

  private LayoutInference() {}

  static InferredLayout infer(int idSize, List<LayoutSample> samples, ClassShapes shapes) {
    LayoutSample.Pairs sampled = new LayoutSample.Pairs();
    sampled.shapes = shapes;
    for (LayoutSample s : samples) {
      s.pairs(shapes, sampled);
    }
    InferredLayout best = null;
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
      InferredLayout r = new InferredLayout(layout, true, sampled.size(), exact, overlaps);
      if (best == null || score(r) > score(best)) {
        best = r;
      }
    }
    if (best == null || best.pairs() == 0 || best.exact() < MIN_SHARE * best.pairs()) {
      long pairs = best == null ? 0 : best.pairs();
      return new InferredLayout(Layout.usual(idSize), false, pairs, 0, 0);
    }
    return best;
  }

  private static long score(InferredLayout r) {
    return r.exact() - 4 * r.overlaps();
  }
}
