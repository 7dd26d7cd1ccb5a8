package dev.leakdiff.hunt;

import dev.leakdiff.diff.Verdict;
import dev.leakdiff.diff.VerdictRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The process facts of a series of captures (RSS, threads, heap used) and whether RSS or the thread count grow
 * with the iterations while the Java heap does not: growth a heap diff alone would miss. The verdicts are null
 * without iterations, or when a capture lacks a fact.
 */
public record ProcessGrowth(List<Capture> captures, long[] iterations, Verdict threads, Verdict rss, Verdict heap) {
  /** Threads: a change of 2 is noise. RSS and heap, in MiB: a change of 16 MiB is noise. */
  private static final VerdictRule THREADS = new VerdictRule(2, 0, 0.5, 0.5);
  private static final VerdictRule MEMORY = new VerdictRule(16, 0.05, 0.1, 0.5);

  public static ProcessGrowth of(List<Capture> captures, long[] iterations) {
    if (iterations == null) {
      return new ProcessGrowth(captures, null, null, null, null);
    }
    long[] threads = new long[captures.size()];
    long[] rss = new long[captures.size()];
    long[] heap = new long[captures.size()];
    for (int i = 0; i < captures.size(); i++) {
      Sidecar f = captures.get(i).facts();
      if (f.threads() == null || f.rssBytes() == null || f.heapUsed() == null) {
        return new ProcessGrowth(captures, iterations, null, null, null);
      }
      threads[i] = f.threads();
      rss[i] = f.rssBytes() >> 20;
      heap[i] = f.heapUsed() >> 20;
    }
    return new ProcessGrowth(captures, iterations, THREADS.classify(threads, iterations), MEMORY.classify(rss, iterations),
        MEMORY.classify(heap, iterations));
  }

  public boolean threadsGrow() {
    return threads != null && threads.suspect;
  }

  public boolean rssGrowsOutsideHeap() {
    return rss != null && rss.suspect && !heap.suspect;
  }

  /** What grows outside the heap, in words: empty when nothing does. */
  public List<String> warnings() {
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
}
