/**
 * The seam between the engine and a dump's file format: {@link dev.leakdiff.source.HeapSource} gives a file's
 * histograms and graphs; {@code source.hprof} is the HPROF implementation, the only code of the engine that reads the
 * format.
 */
package dev.leakdiff.source;
