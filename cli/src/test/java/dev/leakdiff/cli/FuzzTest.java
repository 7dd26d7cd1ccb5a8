package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.cli.fuzz.DumpFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzer with a fixed seed: mutated slices of real dumps (a JDK 17 one kept in testdata/fuzz/base/, and the
 * old JDK 6 and 8 dumps of ../shared/dumps when present) and synthetic dumps, through histo, compare and paths: no
 * crash, hang, blow-up or silent damage. Every base is a fixed file or made from a seed, so a run fuzzes the same
 * bytes every time (a dump made afresh by each build would not). scripts/fuzz runs the long version. Every input
 * that ever failed is replayed from testdata/fuzz/.
 */
class FuzzTest {
  static final long SEED = 20261126;
  static final int INPUTS = 2500;

  @TempDir
  Path tmp;

  /** A slice of a JDK 17 dump of testdata/scenarios/PlantedLeak.java, its bytes as the JVM wrote them (testdata/fuzz/README.md). */
  static Path jdk17() {
    return ScenarioDumps.root().resolve("testdata/fuzz/base/jdk17.hprof.gz");
  }

  static List<Path> oldDumps() {
    Path dir = ScenarioDumps.root().resolve("../shared/dumps").normalize();
    List<Path> out = new ArrayList<>();
    for (String name : new String[] {"oracle_jdk8_05_x64.hprof", "sun_jdk6_18_x32.hprof"}) {
      if (Files.isRegularFile(dir.resolve(name))) {
        out.add(dir.resolve(name));
      }
    }
    return out;
  }

  @Test
  void fixedSeedFindsNothing() throws IOException {
    DumpFuzzer fuzzer = new DumpFuzzer(tmp, 30_000);
    fuzzer.addSynthetic(SEED, 16);
    fuzzer.addSlices(jdk17(), 4, 3000);
    for (Path old : oldDumps()) {
      fuzzer.addSlices(old, 3, 3000);
    }
    List<DumpFuzzer.Failure> failures = fuzzer.fuzz(SEED, INPUTS, tmp.resolve("failed"), null);
    assertEquals(List.of(), failures.stream().map(Object::toString).toList());
    int ran = fuzzer.outcomes().values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(3 * INPUTS, ran, fuzzer.outcomes().toString());
    assertTrue(fuzzer.outcomes().getOrDefault("histo 5", 0) > INPUTS / 10, "the mutations damage: " + fuzzer.outcomes());
    assertTrue(fuzzer.outcomes().getOrDefault("histo 0", 0) > INPUTS / 10, "and some read: " + fuzzer.outcomes());
  }

  /**
   * One class of damage tried whole: every second PRIM_ARRAY_DUMP of the JDK 17 slices with its tag turned into each
   * root's, through histo. The array's own bytes then parse on as roots: a byte[16] read as a ROOT_THREAD_OBJECT and
   * a second one once gave another histogram without a word.
   */
  @Test
  void primitiveArraysTurnedIntoRootsAreNoticed() throws IOException {
    DumpFuzzer fuzzer = new DumpFuzzer(tmp, 30_000);
    fuzzer.addSlices(jdk17(), 4, 3000);
    List<DumpFuzzer.Failure> failures = fuzzer.primitiveArrayTags(new int[] {0xFF, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08}, 2);
    assertEquals(List.of(), failures.stream().map(Object::toString).toList());
    int ran = fuzzer.outcomes().values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(ran > 1000, "inputs: " + fuzzer.outcomes());
  }

  @Test
  void everyInputThatEverFailed() throws IOException {
    Path dir = ScenarioDumps.root().resolve("testdata/fuzz");
    DumpFuzzer fuzzer = new DumpFuzzer(tmp, 30_000);
    List<String> problems = new ArrayList<>();
    int n = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".hprof")).sorted().toList()) {
        n++;
        for (String p : fuzzer.replay(f, f.getFileName().toString().startsWith("silent-"))) {
          problems.add(f.getFileName() + ": " + p);
        }
      }
    }
    assertTrue(n > 10, "inputs in " + dir + ": " + n);
    assertEquals(List.of(), problems);
  }
}
