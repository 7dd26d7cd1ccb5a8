/**
 * The API a test is written against: {@link dev.leakdiff.hunt.check.LeakDiff} runs a body as the iterations of a
 * leak hunt in the JVM it is called from (or a child JVM), {@link dev.leakdiff.hunt.check.CheckResult} is what it
 * found, {@link dev.leakdiff.hunt.check.LeakFound} the AssertionError a leak throws. Stable from 0.2: names and
 * behaviour change only with a note in a release.
 */
package dev.leakdiff.hunt.check;
