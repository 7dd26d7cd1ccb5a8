package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.cli.scenarios.CountingScenario;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare goes on to the answer: on the captures of a real run it names the likely cause among the suspects and the
 * paths command that shows its chains; compare --paths gives the chains and the Leak line itself, as run does; paths
 * of a capture directory reads its last capture against the one before.
 */
class CompareAnswerTest {
  @TempDir
  static Path tmp;

  static Path captures;

  static final String ITEM = CountingScenario.Item.class.getName();

  @BeforeAll
  static void run() throws Exception {
    captures = tmp.resolve("captures");
    String classes = Path.of(CountingScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    ScenarioDumps.Result r = ScenarioDumps.run("run", "-cp", classes, "--scenario", CountingScenario.class.getName() + "#once",
        "--iterations", "1,3,5", "--dir", captures.toString());
    assertEquals(ExitCode.OK.code, r.code(), r.err());
  }

  @Test
  void compareNamesTheLikelyCauseAndTheCommandForItsChains() {
    ScenarioDumps.Result r = ScenarioDumps.run("compare", captures.toString());
    assertEquals(ExitCode.OK.code, r.code(), r.err());
    assertTrue(r.out().contains("Likely cause: " + ITEM + " (+5 obj"), r.out());
    assertTrue(r.out().contains("leakdiff paths --type " + ITEM + " --baseline " + captures.resolve("iter-3.hprof") + " "
        + captures.resolve("iter-5.hprof")), r.out());
    assertTrue(r.out().contains("leakdiff compare --paths " + captures), r.out());
  }

  @Test
  void compareWithPathsGivesTheChainsAndTheCauseAsRunDoes() throws Exception {
    ScenarioDumps.Result r = ScenarioDumps.run("compare", "--paths", "--fail-on-leak", captures.toString());
    assertEquals(ExitCode.LEAK_FOUND.code, r.code(), r.err());
    assertTrue(r.out().contains("Who holds the leak suspects: chains from GC roots in iter-5.hprof, ranked by their growth"
        + " since iter-3.hprof"), r.out());
    String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("Leak: " + ITEM + " grows by 5 per iteration (fixing it frees 120 B per iteration, 600 B in all),"
        + " held by static " + CountingScenario.class.getName() + ".ITEMS -> java.util.ArrayList[*]"), r.out());
    // and where the items are made, from the recording run left beside each dump (the line read from the source); 25
    // items of 16 bytes in all, about one allocation in a KiB sampled: often none is, and the line says so
    int line = AllocationSitesTest.lineOf(Path.of("src", "test", "java", "dev", "leakdiff", "cli", "scenarios",
        "CountingScenario.java"), "ITEMS.add(new Item(");
    assertTrue(last.contains("; what it keeps was created at " + CountingScenario.class.getName() + ".once(CountingScenario.java:"
        + line + ") (" + ITEM) || last.endsWith("; no allocation of what it keeps was sampled: run more iterations"), last);
    assertFalse(r.out().contains("Likely cause:"), "the chains say it for sure");

    ScenarioDumps.Result plain = ScenarioDumps.run("compare", "--paths", "--iterations", "1,3",
        captures.resolve("iter-1.hprof").toString(), captures.resolve("iter-3.hprof").toString());
    assertEquals(ExitCode.USAGE.code, plain.code(), plain.err());
    assertTrue(plain.err().contains("--paths reads a capture directory"), plain.err());
  }

  @Test
  void pathsOfACaptureDirectoryReadsItsLastCaptureAgainstTheOneBefore() {
    ScenarioDumps.Result dir = ScenarioDumps.run("paths", "--type", ITEM, captures.toString());
    assertEquals(ExitCode.OK.code, dir.code(), dir.err());
    assertTrue(dir.err().contains("the last capture of " + captures + ": " + captures.resolve("iter-5.hprof") + ", against "
        + captures.resolve("iter-3.hprof")), dir.err());
    ScenarioDumps.Result named = ScenarioDumps.run("paths", "--type", ITEM, "--baseline", captures.resolve("iter-3.hprof").toString(),
        captures.resolve("iter-5.hprof").toString());
    assertEquals(ExitCode.OK.code, named.code(), named.err());
    assertEquals(named.out(), dir.out());
  }
}
