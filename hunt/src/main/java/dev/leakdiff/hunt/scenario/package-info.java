/**
 * The scenario's child JVM and the hunt on it ({@link dev.leakdiff.hunt.scenario.LeakHunt}, what {@code leakdiff run}
 * does). leakdiff's own; may change.
 */
package dev.leakdiff.hunt.scenario;
