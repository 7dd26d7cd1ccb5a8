package dev.leakdiff.source;

import dev.leakdiff.diff.FileHistograms;
import dev.leakdiff.graph.ClassTable;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.layout.Layout;
import dev.leakdiff.source.hprof.HprofSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * A heap dump file as the engine reads it, whatever its format: its class histograms, and the object graph of one of
 * its dumps (whose values the graph reads back through {@link dev.leakdiff.graph.DumpValues}). The seam between the
 * engine and a file format: HPROF is the one implementation; another format would be another.
 */
public interface HeapSource extends Closeable {
  /** Opens a dump file, telling its format (and compression) by its first bytes; reads with one thread per core. */
  static HeapSource open(Path file) throws IOException {
    return open(file, Runtime.getRuntime().availableProcessors());
  }

  /** The same with a given number of reading threads. */
  static HeapSource open(Path file, int threads) throws IOException {
    return HprofSource.open(file, threads);
  }

  Path file();

  /**
   * The class histogram of each selected dump, in file order.
   *
   * @param layout the layout to size objects with, or null to infer it from each dump
   * @param jvmNames name lambda classes as the JVM did (their counter and address), rather than by their rank among
   *     their outer class's lambdas
   */
  FileHistograms histograms(DumpSelection selection, Layout layout, boolean jvmNames, Progress progress) throws IOException;

  /**
   * The object graph of one dump (the last, or one by index) in two passes: object ids, then each object's class and
   * slots. wantSizes says for which class indices array lengths are kept, to size those objects.
   */
  HeapGraph graph(DumpSelection selection, Function<ClassTable, IntPredicate> wantSizes, Progress progress) throws IOException;
}
