/**
 * What every part of a hunt shares: its failures ({@link dev.leakdiff.hunt.LeakdiffException}, each kind with its
 * exit code), the events it reports ({@link dev.leakdiff.hunt.Reporter}), its defaults and the check of a series of
 * iteration counts. Stable from 0.2.
 */
package dev.leakdiff.hunt;
