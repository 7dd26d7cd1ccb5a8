/**
 * The object graph of a dump as primitive arrays, whatever its file format, and its algorithms: shortest chains from
 * GC roots, their routes as typed values ({@link dev.leakdiff.graph.Route}, {@link dev.leakdiff.graph.Reference}),
 * grouped and matched across dumps, and the values a dump holds that the graph does not (read through {@link
 * dev.leakdiff.graph.DumpValues}).
 */
package dev.leakdiff.graph;
