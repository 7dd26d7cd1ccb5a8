/**
 * Watch: a running JVM sampled at intervals through the attach mechanism's diagnostic commands (a class histogram and
 * the process facts), against a measure of the work it did, each series judged by {@link dev.leakdiff.diff.TrendRule}.
 * leakdiff's own; may change.
 */
package dev.leakdiff.hunt.watch;
