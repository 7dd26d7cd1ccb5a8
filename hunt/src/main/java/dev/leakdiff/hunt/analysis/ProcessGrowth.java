package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.Verdict;
import dev.leakdiff.hunt.capture.BufferPools;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.NativeMemory;
import dev.leakdiff.hunt.capture.Sidecar;
import dev.leakdiff.hunt.findings.OutsideHeap;
import dev.leakdiff.diff.VerdictRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The process facts of a series of captures (RSS, threads, heap used, buffer pools, native memory by category) and
 * what grows with the iterations outside the heap: threads, RSS while the Java heap does not, a buffer pool's
 * capacity, a native memory tracking category's committed bytes. Growth a heap diff alone would miss. When leakdiff
 * recorded allocations in the JVM, the Flight Recorder's own memory (the Tracing category) is left out, of RSS too. The verdicts
 * are null (the lists empty) without iterations, or when a capture lacks the fact.
 *
 * @param threadsPerIteration threads per iteration from the second capture to the last (from the first with two)
 * @param rssPerIteration RSS bytes per iteration, the same way: RSS less the Java heap's committed bytes (and less the
 *     allocation recording's own memory), what the process holds outside the heap
 * @param outside a verdict per buffer pool (direct, mapped) and per native memory category but the Java heap's (the
 *     dumps count the heap) and the Total (their sum)
 */
public record ProcessGrowth(List<Capture> captures, long[] iterations, Verdict threads, Verdict rss, Verdict heap,
    double threadsPerIteration, double rssPerIteration, List<OutsideGrowth> outside) {
  /*
   * The noise thresholds, from the spread of no-leak runs: MapperPerCall and WeakSoftMemo (cli's test scenarios) through
   * `leakdiff run`, dumps after 0, 1, 10 and 100 iterations, native memory tracking on; 18 runs of each on JDK 17 (10
   * before the buffer pools were recorded, 8 after) and 4 of each on JDK 25. The largest change between two captures
   * after the first interval (which holds the one-time costs, and the heap and GC shrinking after the first full GC):
   *   threads                0 on both (in the first interval +1: the attach listener)
   *   RSS                    3.2 MiB on JDK 17, 2.8 MiB on JDK 25
   *   buffer pools           0 (neither scenario has a buffer)
   *   NMT Compiler           2.4 MiB, and Arena Chunk 1.7 MiB, on JDK 17 (0 and 2 KiB on JDK 25): the JIT compilers'
   *                          scratch arenas, in use or freed at the moment of the capture; in the leak suite's
   *                          JacksonPerCall 0.2 MiB then 8.2 MiB at the last capture in 6 runs of 20: no verdict at all
   *   other NMT categories   257 KiB (Metaspace, in chunks of 64 KiB; Code 224 KiB on JDK 25; Thread and Other 0)
   *   NMT Code               1.4 MiB between 100 and 200 iterations in the leak suite's LazyClassLoading (new code paths
   *                          run for the first time; JIT compilation goes on after them): the code cache fills as the
   *                          JIT compiles, so it gets a threshold of 6 MiB
   * Each noise threshold is that maximum with a margin of 2.5x or more. The minimum rates keep out the slow growth of
   * the JIT's code and metaspace over a scenario's first hundred iterations (at most 2.9 KiB per iteration seen).
   */
  /** Threads: a change of 2 is noise. */
  public static final VerdictRule THREADS = new VerdictRule(2, 0, 0.5, 0.5);
  /**
   * RSS and heap, in MiB: a change of 20 MiB, or 5%, is noise; a leak adds 0.1 MiB per iteration at least. (8 MiB held
   * the two scenarios above; the leak suite's LazyClassLoading, 20 runs, raises RSS by about 37 MiB once, as the JIT
   * compiles its new code: 36 then 5 MiB over the stages to 100 and 200 iterations in most runs, 20 then 16.9 in some.)
   */
  public static final VerdictRule MEMORY = new VerdictRule(20, 0.05, 0.1, 0.5);
  /** Buffer pools and native memory categories, in KiB: 1 MiB, or 5%, is noise; a leak adds 8 KiB per iteration at least. */
  public static final VerdictRule NATIVE = new VerdictRule(1024, 0.05, 8, 0.5);
  /** The code the JIT compilers write (NMT Code), in KiB: 6 MiB, or 5%, is noise. */
  private static final VerdictRule ARENAS = new VerdictRule(6 << 10, 0.05, 8, 0.5);

  public static ProcessGrowth of(List<Capture> captures, long[] iterations) {
    if (iterations == null) {
      return new ProcessGrowth(captures, null, null, null, null, 0, 0, List.of());
    }
    List<OutsideGrowth> outside = new ArrayList<>();
    boolean recorded = recorded(captures);
    pools(captures, iterations, outside);
    nativeMemory(captures, iterations, outside, recorded);
    long[] threads = series(captures, Sidecar::threads);
    long[] rss = series(captures, Sidecar::rssBytes);
    if (rss != null && recorded) { // the recording's own native memory is not the process's growth
      for (int i = 0; i < rss.length; i++) {
        NativeMemory n = captures.get(i).facts().nativeMemoryParsed();
        rss[i] -= n == null ? 0 : Math.max(0, n.committed(TRACING));
      }
    }
    long[] committed = series(captures, ProcessGrowth::heapCommitted);
    if (rss != null && committed != null) { // RSS outside the Java heap: a heap that commits more pages is the heap's
      for (int i = 0; i < rss.length; i++) {
        rss[i] -= committed[i];
      }
    }
    long[] heap = series(captures, Sidecar::heapUsed);
    if (threads == null || rss == null || heap == null) {
      return new ProcessGrowth(captures, iterations, null, null, null, 0, 0, outside);
    }
    return new ProcessGrowth(captures, iterations, judge(THREADS, threads, iterations), judge(MEMORY, mib(rss), iterations),
        judge(MEMORY, mib(heap), iterations), perIteration(threads, iterations), perIteration(rss, iterations), outside);
  }

  /** The native memory tracking category of the Flight Recorder's memory. */
  static final String TRACING = "Tracing";

  /** Whether leakdiff recorded allocations in the JVM (a recording lies beside a dump). */
  static boolean recorded(List<Capture> captures) {
    return captures.stream().anyMatch(c -> c.dump() != null && java.nio.file.Files.isRegularFile(
        dev.leakdiff.hunt.capture.AllocationRecording.of(c.dump())));
  }

  /** The Java heap's committed bytes after the dump's GC, or null. */
  private static Long heapCommitted(Sidecar s) {
    return s.heapAfter() == null || s.heapAfter().committed() < 0 ? null : s.heapAfter().committed();
  }

  /** A fact at each capture, or null when a capture lacks it. */
  private static long[] series(List<Capture> captures, Function<Sidecar, Long> fact) {
    long[] out = new long[captures.size()];
    for (int i = 0; i < out.length; i++) {
      Long v = fact.apply(captures.get(i).facts());
      if (v == null) {
        return null;
      }
      out[i] = v;
    }
    return out;
  }

  private static long[] mib(long[] bytes) {
    long[] out = new long[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i] >> 20;
    }
    return out;
  }

  private static long[] kib(long[] bytes) {
    long[] out = new long[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i] >> 10;
    }
    return out;
  }

  /** Growth per iteration from the second capture to the last (after the first interval's one-time costs). */
  static double perIteration(long[] values, long[] iterations) {
    int n = values.length;
    int from = n > 2 ? 1 : 0;
    return (double) (values[n - 1] - values[from]) / (iterations[n - 1] - iterations[from]);
  }

  /** A verdict per buffer pool on its capacity, when every capture tells the pools. */
  private static void pools(List<Capture> captures, long[] iterations, List<OutsideGrowth> out) {
    for (String name : List.of("direct", "mapped")) {
      Function<BufferPools, BufferPools.Pool> which = name.equals("direct") ? BufferPools::direct : BufferPools::mapped;
      long[] capacity = new long[captures.size()];
      long[] count = new long[captures.size()];
      boolean all = true;
      for (int i = 0; i < captures.size() && all; i++) {
        BufferPools p = captures.get(i).facts().bufferPools();
        BufferPools.Pool pool = p == null ? null : which.apply(p);
        all = pool != null;
        if (all) {
          capacity[i] = pool.capacity();
          count[i] = pool.count();
        }
      }
      if (all) {
        out.add(new OutsideGrowth(OutsideGrowth.Kind.BUFFER_POOL, name, capacity, count, judge(NATIVE, kib(capacity), iterations),
            perIteration(capacity, iterations), perIteration(count, iterations)));
      }
    }
  }

  /**
   * A verdict per native memory category on its committed bytes, when every capture has the summary. A category a
   * summary leaves out weighed less than its unit (1 KiB): 0 there.
   */
  private static void nativeMemory(List<Capture> captures, long[] iterations, List<OutsideGrowth> out, boolean recorded) {
    List<NativeMemory> summaries = new ArrayList<>();
    Set<String> categories = new LinkedHashSet<>();
    for (Capture c : captures) {
      NativeMemory n = c.facts().nativeMemoryParsed();
      if (n == null) {
        return;
      }
      summaries.add(n);
      categories.addAll(n.categories().keySet());
    }
    categories.remove(NativeMemory.TOTAL);
    categories.remove("Java Heap");
    // the JIT compilers' scratch arenas: what a compilation in flight holds at the moment of the capture (seen: 0.2 MiB,
    // then 8.2 MiB at the last capture of a Jackson scenario, 6 runs in 20), no level that a leak would raise
    categories.remove("Compiler");
    categories.remove("Arena Chunk");
    if (recorded) { // leakdiff's own recording of allocations: its sample queue and stacks fill as the iterations run
      categories.remove(TRACING);
    }
    for (String category : categories) {
      long[] committed = new long[summaries.size()];
      for (int i = 0; i < committed.length; i++) {
        committed[i] = Math.max(0, summaries.get(i).committed(category));
      }
      VerdictRule rule = category.equals("Code") ? ARENAS : NATIVE;
      out.add(new OutsideGrowth(OutsideGrowth.Kind.NATIVE_MEMORY, category, committed, null,
          judge(rule, kib(committed), iterations), perIteration(committed, iterations), 0));
    }
  }

  /**
   * The rule's verdict, and a leak too where the rule says only grows but the last two intervals agree on a steady rate:
   * native memory often grows in steps (an allocator's 4 MiB chunks, 16 iterations each) that the first, short
   * intervals cannot show.
   */
  static Verdict judge(VerdictRule rule, long[] values, long[] iterations) {
    Verdict v = rule.classify(values, iterations);
    int n = values.length;
    if (v == Verdict.GROWS && n >= 4
        && rule.classify(Arrays.copyOfRange(values, n - 3, n), Arrays.copyOfRange(iterations, n - 3, n)) == Verdict.LEAK) {
      return Verdict.LEAK;
    }
    return v;
  }

  /** Whether a fact grew in the last stage alone ({@link Verdict#LATE}): another stage would tell. */
  public boolean late() {
    return threads == Verdict.LATE || rss == Verdict.LATE || outside.stream().anyMatch(o -> o.verdict() == Verdict.LATE);
  }

  public boolean threadsGrow() {
    return threads != null && threads.suspect;
  }

  public boolean rssGrowsOutsideHeap() {
    return rss != null && rss.suspect && !heap.suspect;
  }

  /** The buffer pools and native memory categories that grow like a leak. */
  public List<OutsideGrowth> outsideGrowing() {
    return outside.stream().filter(OutsideGrowth::grows).toList();
  }

  /** What grows outside the heap beyond what the heap explains: threads, RSS, buffer pools, native memory categories. */
  public List<OutsideHeap> findings() {
    List<OutsideHeap> out = new ArrayList<>();
    if (threadsGrow()) {
      out.add(new OutsideHeap(OutsideHeap.What.THREADS, null, threads, threadsPerIteration, 0, false));
    }
    boolean nmt = outside.stream().anyMatch(o -> o.kind() == OutsideGrowth.Kind.NATIVE_MEMORY);
    if (rssGrowsOutsideHeap()) {
      out.add(new OutsideHeap(OutsideHeap.What.RSS, null, rss, rssPerIteration, 0, nmt && outsideGrowing().isEmpty()
          && !threadsGrow()));
    }
    for (OutsideGrowth g : outsideGrowing()) {
      boolean pool = g.kind() == OutsideGrowth.Kind.BUFFER_POOL;
      out.add(new OutsideHeap(pool ? OutsideHeap.What.BUFFER_POOL : OutsideHeap.What.NATIVE_MEMORY, g.name(), g.verdict(),
          g.bytesPerIteration(), g.countPerIteration(), false));
    }
    return out;
  }
}
