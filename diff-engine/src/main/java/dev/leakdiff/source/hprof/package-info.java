/**
 * HPROF as a {@link dev.leakdiff.source.HeapSource}: the visitors that count a histogram and build a graph in two
 * parallel passes, the layout inferred from the objects' addresses, and the values read back for a request.
 */
package dev.leakdiff.source.hprof;
