package dev.leakdiff.source;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.FileHistograms;
import dev.leakdiff.graph.ClassTable;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.layout.Layout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.IntPredicate;

/** One read of a dump file, opened and closed around it: the {@link HeapSource} calls most code makes. */
public final class Dumps {
  private Dumps() {}

  /** The histograms of the selected dumps of a file. */
  public static FileHistograms histograms(Path file, DumpSelection selection, Layout layout, Progress progress, int threads,
      boolean jvmNames) throws IOException {
    try (HeapSource source = HeapSource.open(file, threads)) {
      return source.histograms(selection, layout, jvmNames, progress);
    }
  }

  /** The histograms of the selected dumps, one reading thread per core, lambdas by their stable names. */
  public static FileHistograms histograms(Path file, DumpSelection selection, Layout layout, Progress progress)
      throws IOException {
    return histograms(file, selection, layout, progress, Runtime.getRuntime().availableProcessors(), false);
  }

  /** The histogram of the last dump of a file (most files hold one). */
  public static ClassHistogram histogram(Path file) throws IOException {
    FileHistograms h = histograms(file, DumpSelection.last(), null, new Progress());
    if (h.histograms().isEmpty()) {
      throw new IOException(file + " holds no heap dump");
    }
    return h.histograms().get(0);
  }

  /** The graph of one dump of a file. */
  public static HeapGraph graph(Path file, DumpSelection selection, Function<ClassTable, IntPredicate> wantSizes,
      Progress progress) throws IOException {
    try (HeapSource source = HeapSource.open(file)) {
      return source.graph(selection, wantSizes, progress);
    }
  }
}
