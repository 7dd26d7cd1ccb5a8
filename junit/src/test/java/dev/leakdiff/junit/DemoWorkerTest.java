package dev.leakdiff.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hunt.check.LeakFound;
import dev.leakdiff.junit.demo.IndexingLeakCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo worker's @LeakTest, in a JVM of its own for each version: the worker reads leakdiff.demo.fixed once,
 * when its class loads, so the leaky and the fixed worker cannot share a JVM.
 */
class DemoWorkerTest {
  @TempDir
  Path tmp;

  record Outcome(int status, String output, long millis) {}

  private Outcome run(boolean fixed) throws IOException, InterruptedException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path out = tmp.resolve("out-" + fixed + ".txt");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dleakdiff.demo.fixed=" + fixed, "-Dleakdiff.dir=" + tmp.resolve("dumps-" + fixed), "-cp", classpath,
        RunThroughPlatform.class.getName(), IndexingLeakCheck.class.getName())
        .redirectErrorStream(true).redirectOutput(out.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the leak test did not end in 5 minutes");
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    String output = Files.readString(out);
    System.out.printf("the demo worker's leak test (fixed=%s) took %.1f s (JVM start included):%n%s%n", fixed, millis / 1000.0,
        output);
    return new Outcome(p.exitValue(), output, millis);
  }

  @Test
  void failsOnTheLeakyWorkerNamingTheTableAndItsStaticMap() throws Exception {
    Outcome o = run(false);
    assertEquals(1, o.status(), o.output());
    assertTrue(o.output().contains(LeakFound.class.getName() + ": IndexingLeakCheck#requestCycle leaks"), o.output());
    assertTrue(o.output().contains("Leak: tech.tablesaw.api.Table grows by 1 per iteration"), o.output());
    assertTrue(o.output().contains("dev.leakdiff.demo.IndexWorker.RESULT_HISTORY"), o.output());
    try (var dumps = Files.list(tmp.resolve("dumps-false").resolve(IndexingLeakCheck.class.getName()).resolve("requestCycle"))) {
      assertEquals(List.of("iter-0.hprof", "iter-0.json", "iter-1.hprof", "iter-1.json", "iter-10.hprof", "iter-10.json",
          "iter-100.hprof", "iter-100.json"), dumps.map(p -> p.getFileName().toString()).sorted().toList(), "kept when it fails");
    }
  }

  @Test
  void passesOnTheFixedWorker() throws Exception {
    Outcome o = run(true);
    assertEquals(0, o.status(), o.output());
    assertTrue(o.output().lines().anyMatch("passed 1"::equals), o.output());
  }
}
