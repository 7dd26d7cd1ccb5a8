package dev.leakdiff.graph;

/** One step of a chain: how the object is held, and the object's class. */
public record Hop(Reference reference, String className) {
  /** What makes two hops the same step of a route (see {@link Reference#shape}). */
  Hop shape() {
    Reference s = reference.shape();
    return s == reference ? this : new Hop(s, className);
  }

  Hop merged(Hop other) {
    Reference m = reference.merged(other.reference);
    return m == reference ? this : new Hop(m, className);
  }
}
