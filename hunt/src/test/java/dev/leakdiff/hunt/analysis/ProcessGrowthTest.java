package dev.leakdiff.hunt.analysis;

import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.Sidecar;
import dev.leakdiff.hunt.capture.NativeMemory;
import dev.leakdiff.hunt.capture.BufferPools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.diff.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verdicts outside the heap on series of facts: the largest changes measured between captures of no-leak runs
 * are noise (see ProcessGrowth's thresholds), and growth in proportion to the iterations is named with its rate.
 */
class ProcessGrowthTest {
  private static final long[] ITERATIONS = {0, 1, 10, 100};
  private static final long K = 1024;
  private static final long M = K * K;

  /** The facts at one capture: RSS, threads, heap used, the direct pool, and NMT categories' committed bytes. */
  private record Facts(long rss, long threads, long heap, long directCount, long directBytes, Map<String, Long> nmt) {}

  private static List<Capture> captures(List<Facts> facts) {
    List<Capture> out = new ArrayList<>();
    for (int i = 0; i < facts.size(); i++) {
      Facts f = facts.get(i);
      Map<String, NativeMemory.Amount> amounts = new LinkedHashMap<>();
      amounts.put(NativeMemory.TOTAL, new NativeMemory.Amount(1 << 30, f.nmt().values().stream().mapToLong(Long::longValue).sum()));
      f.nmt().forEach((k, v) -> amounts.put(k, new NativeMemory.Amount(v, v)));
      Sidecar.MemoryUse heap = new Sidecar.MemoryUse(f.heap(), 64 * M, 256 * M);
      BufferPools pools = new BufferPools(new BufferPools.Pool(f.directCount(), f.directBytes(), f.directBytes()),
          new BufferPools.Pool(0, 0, 0));
      Sidecar s = new Sidecar(1L, "iter-" + ITERATIONS[i], ITERATIONS[i], "t", "n", "v", "v", true, heap, f.rss(), f.threads(),
          heap, pools, null, NativeMemory.of(amounts), null, null, 1L, 1L, null);
      out.add(new Capture(Path.of("iter-" + ITERATIONS[i] + ".hprof"), Path.of("iter-" + ITERATIONS[i] + ".json"), s));
    }
    return out;
  }

  private static Map<String, Long> nmt(long thread, long other, long compiler, long metaspace) {
    return Map.of("Java Heap", 64 * M, "Thread", thread, "Other", other, "Compiler", compiler, "Metaspace", metaspace);
  }

  @Test
  void theLargestChangesOfNoLeakRunsAreNoise() {
    // after a first interval of one-time costs: RSS +3.2 MiB, Compiler's arena +2.4 MiB then freed, Metaspace +257 KiB
    ProcessGrowth g = ProcessGrowth.of(captures(List.of(
        new Facts(44 * M, 20, 5 * M, 0, 0, nmt(900 * K, 1 * M, 200 * K, 8 * M)),
        new Facts(66 * M, 21, 6 * M, 0, 0, nmt(936 * K, 1 * M, 644 * K, 12 * M)),
        new Facts(69 * M + 200 * K, 21, 6 * M, 0, 0, nmt(936 * K, 1 * M, 3036 * K, 12 * M + 128 * K)),
        new Facts(71 * M + 100 * K, 21, 6 * M + 25 * K, 0, 0, nmt(936 * K, 1 * M, 644 * K, 12 * M + 385 * K)))), ITERATIONS);
    assertEquals(List.of(), g.findings().stream().map(dev.leakdiff.hunt.words.Words.english()::finding).toList());
    assertEquals(Verdict.STABLE, g.threads());
    assertEquals(java.util.Set.of("direct", "mapped", "Thread", "Other", "Metaspace"),
        java.util.Set.copyOf(g.outside().stream().map(OutsideGrowth::name).toList()),
        "the Java heap's category, the Total and the compilers' scratch arenas have no verdict");
  }

  @Test
  void aCompilationInFlightAtTheLastCaptureIsNoLeak() {
    // the JIT's arena: 0.2 MiB, then 8.2 MiB at the last capture (a Jackson scenario, 6 runs in 20)
    ProcessGrowth g = ProcessGrowth.of(captures(List.of(
        new Facts(44 * M, 20, 5 * M, 0, 0, nmt(900 * K, 1 * M, 184 * K, 8 * M)),
        new Facts(66 * M, 21, 6 * M, 0, 0, nmt(936 * K, 1 * M, 184 * K, 12 * M)),
        new Facts(67 * M, 21, 6 * M, 0, 0, nmt(936 * K, 1 * M, 184 * K, 12 * M)),
        new Facts(69 * M, 21, 6 * M, 0, 0, nmt(936 * K, 1 * M, 8376 * K, 12 * M)))), ITERATIONS);
    assertEquals(List.of(), g.findings().stream().map(dev.leakdiff.hunt.words.Words.english()::finding).toList());
  }

  @Test
  void growthWithTheIterationsIsNamedWithItsRate() {
    List<Facts> facts = new ArrayList<>();
    for (long i : ITERATIONS) {
      // per iteration: RSS +1.9 MiB, a direct buffer of 1 MiB, 1 MiB of thread stacks; the heap flat
      facts.add(new Facts(44 * M + i * (19 * M / 10), 20, 5 * M, i, i * M, nmt(900 * K + i * M, 1 * M + i * M, 200 * K, 8 * M)));
    }
    ProcessGrowth g = ProcessGrowth.of(captures(facts), ITERATIONS);
    List<String> w = g.findings().stream().map(dev.leakdiff.hunt.words.Words.english()::finding).toList();
    assertEquals(4, w.size(), w.toString());
    assertTrue(w.get(0).startsWith("RSS grows by 1.9 MiB per iteration while the Java heap does not (leak): "), w.get(0));
    assertTrue(w.get(1).startsWith("Direct buffers grow by 1 buffer and 1.0 MiB per iteration (leak): "), w.get(1));
    assertEquals("Native memory (NMT Thread) grows by 1.0 MiB committed per iteration (leak): the category holds thread stacks.",
        w.get(2));
    assertTrue(w.get(3).startsWith("Native memory (NMT Other) grows by 1.0 MiB committed per iteration (leak)"), w.get(3));
    OutsideGrowth direct = g.outside().get(0);
    assertEquals(1.0, direct.countPerIteration(), 1e-9);
    assertEquals(M, direct.bytesPerIteration(), 1e-9);
  }

  @Test
  void rssAloneIsMemoryNoTrackedCategoryHolds() {
    List<Facts> facts = new ArrayList<>();
    for (long i : ITERATIONS) {
      facts.add(new Facts(44 * M + i * M, 20, 5 * M, 0, 0, nmt(900 * K, 1 * M, 200 * K, 8 * M)));
    }
    List<String> w = ProcessGrowth.of(captures(facts), ITERATIONS).findings().stream().map(dev.leakdiff.hunt.words.Words.english()::finding).toList();
    assertEquals(List.of("RSS grows by 1.0 MiB per iteration while the Java heap does not (leak), nor any category of the JVM's"
        + " native memory tracking: memory that native libraries allocate (malloc from JNI code), or freed memory that the C"
        + " allocator keeps."), w);
  }

  @Test
  void growthInStepsIsJudgedOnTheLastTwoIntervals() {
    // Netty's pooled allocator: a 4 MiB chunk every 16 iterations, in KiB, after 0, 1, 10, 100 and 200 iterations
    dev.leakdiff.diff.VerdictRule perKiB = new dev.leakdiff.diff.VerdictRule(1024, 0.05, 8, 0.5);
    long[] five = {0, 1, 10, 100, 200};
    long[] chunks = {0, 4096, 4096, 28672, 53248};
    assertEquals(Verdict.GROWS, perKiB.classify(chunks, five)); // the rule alone: the short intervals show no step
    assertEquals(Verdict.LEAK, ProcessGrowth.judge(perKiB, chunks, five));
    // with four captures the step is late: another stage tells
    assertEquals(Verdict.LATE, ProcessGrowth.judge(perKiB, new long[] {0, 4096, 4096, 28672}, ITERATIONS));
    // code run for the first time between 10 and 100 iterations, then no more: RSS in MiB
    dev.leakdiff.diff.VerdictRule perMiB = new dev.leakdiff.diff.VerdictRule(8, 0.05, 0.1, 0.5);
    assertEquals(Verdict.INIT, ProcessGrowth.judge(perMiB, new long[] {50, 40, 45, 81, 86}, five));
  }
}
