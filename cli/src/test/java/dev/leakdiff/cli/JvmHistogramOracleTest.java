package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassStat;
import dev.leakdiff.source.Dumps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM is the oracle for sizes: for the scenario's own classes and their arrays, instance counts and
 * byte totals equal its own class histogram taken right before the live dump, under several object layouts.
 */
class JvmHistogramOracleTest {

  static Stream<Arguments> layouts() {
    List<Arguments> a = new ArrayList<>();
    a.add(Arguments.of("default", List.of(), "compressed-oops"));
    a.add(Arguments.of("no-compressed-oops", List.of("-XX:-UseCompressedOops"), "uncompressed-oops"));
    a.add(Arguments.of("align16", List.of("-XX:ObjectAlignmentInBytes=16"), "compressed-oops-align16"));
    int feature = Runtime.version().feature();
    a.add(Arguments.of("no-class-pointers", List.of("-XX:-UseCompressedClassPointers"),
        feature >= 22 ? "wide-class-pointers-packed" : "wide-class-pointers"));
    if (feature >= 24) {
      a.add(Arguments.of("compact-headers", List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseCompactObjectHeaders"),
          "compact-headers"));
    }
    return a.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void ownClassesMatchTheJvmHistogram(String name, List<String> flags, String layout) throws Exception {
    Path dir = name.equals("default") ? ScenarioDumps.planted() : ScenarioDumps.make(name, flags, "1,10", false);
    for (String iter : name.equals("default") ? List.of("0", "1", "10", "100") : List.of("1", "10")) {
      Map<String, long[]> jvm = ScenarioDumps.jvmHistogram(dir.resolve("iter-" + iter + ".histo.txt"));
      ClassHistogram ours = Dumps.histogram(dir.resolve("iter-" + iter + ".hprof"));
      assertEquals(layout, ours.layout().layout().name(), ours.layout().toString());
      assertTrue(ours.layout().inferred());
      int checked = 0;
      for (Map.Entry<String, long[]> e : jvm.entrySet()) {
        if (e.getKey().startsWith("PlantedLeak")) {
          ClassStat c = ours.get(e.getKey());
          long[] actual = c == null ? new long[] {0, 0} : new long[] {c.instances(), c.bytes()};
          assertArrayEquals(e.getValue(), actual, name + " iter-" + iter + " " + e.getKey());
          checked++;
        }
      }
      assertFalse(checked < (iter.equals("0") ? 0 : 4), "too few scenario classes in the JVM's histogram: " + checked);
    }
  }

  /**
   * The layout is inferred from the same sampled objects however many threads read the dump, and whether
   * it is read in parallel (plain) or as one stream (gzip): the evidence printed is the same on every read.
   */
  @org.junit.jupiter.api.Test
  void layoutEvidenceDoesNotDependOnHowTheDumpIsRead() throws Exception {
    Path dir = ScenarioDumps.planted();
    Path plain = dir.resolve("iter-100.hprof");
    var first = Dumps.histograms(plain, dev.leakdiff.hprof.DumpSelection.last(), null, new dev.leakdiff.hprof.Progress(), 1, false)
        .histograms().get(0).layout();
    assertTrue(first.inferred());
    assertTrue(first.pairs() > 1000, "too few sampled pairs: " + first.pairs());
    for (int threads : new int[] {2, 3, 4}) {
      for (int round = 0; round < 3; round++) {
        var again = Dumps.histograms(plain, dev.leakdiff.hprof.DumpSelection.last(), null, new dev.leakdiff.hprof.Progress(), threads, false)
            .histograms().get(0).layout();
        assertEquals(first, again, threads + " threads, round " + round);
      }
    }
    // the same bytes gzip-compressed (the JVM's own -gz dump beside it is another dump, taken a moment later)
    Path gz = java.nio.file.Files.createTempDirectory("leakdiff-layout").resolve("iter-100.hprof.gz");
    try (var in = java.nio.file.Files.newInputStream(plain);
        var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
      in.transferTo(out);
    }
    try {
      assertEquals(first, Dumps.histogram(gz).layout(), "gzip");
    } finally {
      java.nio.file.Files.delete(gz);
      java.nio.file.Files.delete(gz.getParent());
    }
  }
}
