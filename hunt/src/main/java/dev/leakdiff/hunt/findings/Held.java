package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.ClassSeries;

/**
 * A leak suspect that grows because a leak's root does, and how the root holds it.
 *
 * @param role what it is to the root: its collection's entries or keys, other values of the same collection, or an
 *     object its instances hold (through any depth)
 */
public record Held(ClassSeries series, Role role) {
  /** What a held suspect is to the root of its leak. */
  public enum Role {
    /** The internals of the collection that holds the root's instances: its entry nodes, its table. */
    ENTRIES,
    /** The keys the root's instances are kept under. */
    KEYS,
    /** Other values of the same collection. */
    VALUES,
    /** Held through the root's instances. */
    HELD
  }

  public String name() {
    return series.name();
  }
}
