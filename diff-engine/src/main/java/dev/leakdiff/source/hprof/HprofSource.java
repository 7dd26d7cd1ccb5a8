package dev.leakdiff.source.hprof;

import dev.leakdiff.diff.FileHistograms;
import dev.leakdiff.graph.ClassTable;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.HprofReader;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.layout.Layout;
import dev.leakdiff.source.HeapSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.IntPredicate;

/** An HPROF file (plain or gzip-compressed) as a {@link HeapSource}. */
public final class HprofSource implements HeapSource {
  private final HprofReader reader;

  private HprofSource(HprofReader reader) {
    this.reader = reader;
  }

  public static HprofSource open(Path file, int threads) throws IOException {
    return new HprofSource(HprofReader.open(file, threads));
  }

  @Override
  public Path file() {
    return reader.file();
  }

  @Override
  public FileHistograms histograms(DumpSelection selection, Layout layout, boolean jvmNames, Progress progress) {
    return HprofHistograms.read(reader, selection, layout, progress, jvmNames);
  }

  @Override
  public HeapGraph graph(DumpSelection selection, Function<ClassTable, IntPredicate> wantSizes, Progress progress) {
    return new GraphBuilder(reader, selection, progress).build(wantSizes);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
