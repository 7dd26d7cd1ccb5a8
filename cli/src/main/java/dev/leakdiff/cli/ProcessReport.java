package dev.leakdiff.cli;

import dev.leakdiff.hunt.analysis.ProcessGrowth;
import dev.leakdiff.hunt.capture.BufferPools;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.NativeMemory;
import dev.leakdiff.hunt.capture.Sidecar;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The process at each capture, as a table: RSS, threads, heap used, the direct buffers and the native memory committed
 * outside the Java heap (where the captures tell them) and, with dumps, each dump's size and time.
 */
final class ProcessReport {
  private final Words words;

  ProcessReport(Words words) {
    this.words = words;
  }

  /** The table, then what grows outside the heap (compare DIR). */
  void print(PrintWriter out, ProcessGrowth growth) {
    out.println();
    table(out, growth, false);
    growth.findings().forEach(f -> out.println(words.finding(f)));
  }

  void table(PrintWriter out, ProcessGrowth growth, boolean dumps) {
    boolean pools = growth.captures().stream().anyMatch(c -> c.facts().bufferPools() != null
        && c.facts().bufferPools().direct() != null);
    boolean nmt = growth.captures().stream().anyMatch(c -> c.facts().nativeMemoryParsed() != null);
    List<String> headers = new ArrayList<>(List.of("CAPTURE", ">ITERATIONS", ">RSS", ">THREADS", ">HEAP USED"));
    if (pools) {
      headers.addAll(List.of(">DIRECT BUFFERS", ">DIRECT BYTES"));
    }
    if (nmt) {
      headers.add(">NATIVE OUTSIDE HEAP");
    }
    if (dumps) {
      headers.addAll(List.of(">DUMP SIZE", ">DUMP TIME"));
    }
    Table t = new Table(headers.toArray(new String[0]));
    for (Capture c : growth.captures()) {
      Sidecar f = c.facts();
      List<String> cells = new ArrayList<>(List.of(c.dump().getFileName().toString(),
          f.iteration() == null ? "-" : words.count(f.iteration()), f.rssBytes() == null ? "-" : words.bytes(f.rssBytes()),
          f.threads() == null ? "-" : words.count(f.threads()), f.heapUsed() == null ? "-" : words.bytes(f.heapUsed())));
      if (pools) {
        BufferPools.Pool direct = f.bufferPools() == null ? null : f.bufferPools().direct();
        cells.add(direct == null ? "-" : words.count(direct.count()));
        cells.add(direct == null ? "-" : words.bytes(direct.capacity()));
      }
      if (nmt) {
        NativeMemory n = f.nativeMemoryParsed();
        cells.add(n == null || n.committedOutsideHeap() < 0 ? "-" : words.bytes(n.committedOutsideHeap()));
      }
      if (dumps) {
        cells.add(f.dumpBytes() == null ? "-" : words.bytes(f.dumpBytes()));
        cells.add(f.dumpMillis() == null ? "-" : String.format(Locale.ROOT, "%.1f s", f.dumpMillis() / 1000.0));
      }
      t.row(cells.toArray(new String[0]));
    }
    t.print(out);
  }
}
