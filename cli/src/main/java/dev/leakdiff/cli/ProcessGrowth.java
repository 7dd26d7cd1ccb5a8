package dev.leakdiff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.diff.VerdictRule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The process facts of a series of captures (RSS, threads, heap used) and whether RSS or the thread count grow
 * with the iterations while the Java heap does not: growth a heap diff alone would miss.
 */
record ProcessGrowth(List<Captures.Capture> captures, long[] iterations, Verdict threads, Verdict rss, Verdict heap) {
  /** Threads: a change of 2 is noise. RSS and heap, in MiB: a change of 16 MiB is noise. */
  private static final VerdictRule THREADS = new VerdictRule(2, 0, 0.5, 0.5);
  private static final VerdictRule MEMORY = new VerdictRule(16, 0.05, 0.1, 0.5);

  static ProcessGrowth of(List<Captures.Capture> captures, long[] iterations) {
    if (iterations == null) {
      return new ProcessGrowth(captures, null, null, null, null);
    }
    long[] threads = new long[captures.size()];
    long[] rss = new long[captures.size()];
    long[] heap = new long[captures.size()];
    boolean complete = true;
    for (int i = 0; i < captures.size(); i++) {
      Captures.Capture c = captures.get(i);
      complete &= c.threads() != null && c.rssBytes() != null && c.heapUsed() != null;
      threads[i] = c.threads() == null ? 0 : c.threads();
      rss[i] = c.rssBytes() == null ? 0 : c.rssBytes() >> 20;
      heap[i] = c.heapUsed() == null ? 0 : c.heapUsed() >> 20;
    }
    if (!complete) {
      return new ProcessGrowth(captures, iterations, null, null, null);
    }
    return new ProcessGrowth(captures, iterations, THREADS.classify(threads, iterations), MEMORY.classify(rss, iterations),
        MEMORY.classify(heap, iterations));
  }

  boolean threadsGrow() {
    return threads != null && threads.suspect;
  }

  boolean rssGrowsOutsideHeap() {
    return rss != null && rss.suspect && !heap.suspect;
  }

  void print(PrintWriter out) {
    out.println();
    table(out, false);
    for (String w : warnings()) {
      out.println(w);
    }
  }

  /** One row per capture: RSS, threads, heap used and, with dumps, each dump's size and how long it took. */
  void table(PrintWriter out, boolean dumps) {
    List<String> headers = new ArrayList<>(List.of("CAPTURE", ">ITERATIONS", ">RSS", ">THREADS", ">HEAP USED"));
    if (dumps) {
      headers.addAll(List.of(">DUMP SIZE", ">DUMP TIME"));
    }
    Table t = new Table(headers.toArray(new String[0]));
    for (Captures.Capture c : captures) {
      List<String> cells = new ArrayList<>(List.of(c.dump().getFileName().toString(),
          c.iteration() == null ? "-" : Sizes.count(c.iteration()), c.rssBytes() == null ? "-" : Sizes.bytes(c.rssBytes()),
          c.threads() == null ? "-" : Sizes.count(c.threads()), c.heapUsed() == null ? "-" : Sizes.bytes(c.heapUsed())));
      if (dumps) {
        cells.add(c.dumpBytes() == null ? "-" : Sizes.bytes(c.dumpBytes()));
        cells.add(c.dumpMillis() == null ? "-" : String.format(Locale.ROOT, "%.1f s", c.dumpMillis() / 1000.0));
      }
      t.row(cells.toArray(new String[0]));
    }
    t.print(out);
  }

  List<String> warnings() {
    List<String> w = new ArrayList<>();
    if (threadsGrow()) {
      w.add("Thread count grows with the iterations (" + threads.word() + "): threads are leaking, which the heap diff shows"
          + " only as a few Thread objects.");
    }
    if (rssGrowsOutsideHeap()) {
      w.add("RSS grows with the iterations while the Java heap does not: look outside the heap (native memory, thread"
          + " stacks, direct buffers, metaspace).");
    }
    return w;
  }

  ArrayNode json() {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (Captures.Capture c : captures) {
      ObjectNode n = a.addObject();
      n.put("dump", c.dump().getFileName().toString());
      if (c.iteration() != null) {
        n.put("iteration", c.iteration());
      }
      if (c.rssBytes() != null) {
        n.put("rssBytes", c.rssBytes());
      }
      if (c.threads() != null) {
        n.put("threads", c.threads());
      }
      if (c.heapUsed() != null) {
        n.put("heapUsedBytes", c.heapUsed());
      }
      if (c.dumpBytes() != null) {
        n.put("dumpBytes", c.dumpBytes());
      }
      if (c.dumpMillis() != null) {
        n.put("dumpMillis", c.dumpMillis());
      }
    }
    return a;
  }
}
