package dev.leakdiff.layout;

/**
 * The object layout a dump's sizes use, and the evidence for it: inferred from the distances between the addresses
 * of sampled objects, or assumed (too little evidence) or stated by the user.
 *
 * @param inferred whether the dump supported it (false: assumed, or stated)
 * @param pairs the sampled pairs of objects one after the other in memory
 * @param exact those whose distance the layout's size of the first explains exactly
 * @param overlaps those the layout would make overlap
 */
public record InferredLayout(Layout layout, boolean inferred, long pairs, long exact, long overlaps) {
  /** A layout the user stated: no evidence asked. */
  public static InferredLayout stated(Layout layout) {
    return new InferredLayout(layout, true, 0, 0, 0);
  }
}
