package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakdiff.cli.scenarios.CountingScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** leakdiff run's scenario contract (METHOD, setup, teardown, warm-up, JVM options) and its failures. */
class RunScenarioTest {
  @TempDir
  Path tmp;

  private static String testClasses() throws Exception {
    return Path.of(CountingScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static void assertFailure(ScenarioDumps.Result r, int code, String... fragments) {
    assertEquals(code, r.code(), r.err());
    assertEquals("", r.out());
    String err = r.err();
    assertFalse(err.contains("\tat ") || err.contains("internal error"), err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "'" + f + "' not in: " + err);
    }
  }

  @Test
  void methodSetupTeardownWarmupAndJvmOptions() throws Exception {
    Path marks = tmp.resolve("marks.txt");
    Path dir = tmp.resolve("dumps");
    ScenarioDumps.Result r = ScenarioDumps.run("run", "--classpath", testClasses(), "--scenario",
        CountingScenario.class.getName() + "#once", "--iterations", "1,10,100", "--warmup", "3", "--dir", dir.toString(),
        "--jvm-arg=-Dcounting.marks=" + marks, "--jvm-arg=-Xmx64m", "--fail-on-leak", "--format", "json");
    assertEquals(ExitCode.LEAK_FOUND.code, r.code(), r.err());
    assertEquals(List.of("setup", "teardown after 103"), Files.readAllLines(marks));
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals(List.of(CountingScenario.Item.class.getName()), List.of(report.get("comparison").get("suspects").get(0).asText()));
    JsonNode root = RunJson.findings(report, "leak").get(0);
    assertEquals(CountingScenario.Item.class.getName(), root.get("class").asText());
    assertEquals(5.0, root.get("instancesPerIteration").asDouble(), 1e-9);
    assertEquals("static " + CountingScenario.class.getName() + ".ITEMS -> java.util.ArrayList[*]", RunJson.route(root.get("route")));
    // the dumps count the warm-up's items too: 5 x (3 + N)
    JsonNode item = report.get("comparison").get("classes").get(0);
    assertEquals(CountingScenario.Item.class.getName(), item.get("name").asText());
    assertEquals(List.of(20L, 65L, 515L), List.of(item.get("instances").get(0).asLong(), item.get("instances").get(1).asLong(),
        item.get("instances").get(2).asLong()));
    JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("iter-10.json").toFile());
    assertEquals(10, sidecar.get("iteration").asLong());
    assertTrue(Files.isRegularFile(dir.resolve("scenario.log")));
  }

  @Test
  void noKeepLeavesNothingBehind() throws Exception {
    Path dir = tmp.resolve("gone");
    ScenarioDumps.Result r = ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", CountingScenario.class.getName() + "#once",
        "--iterations", "1,3,5", "--dir", dir.toString(), "--no-keep");
    assertEquals(ExitCode.OK.code, r.code(), r.err());
    assertTrue(r.out().contains(System.lineSeparator() + "The dumps were deleted (--no-keep)." + System.lineSeparator()), r.out());
    // an Item is a 12-byte header and a long, 24 bytes aligned (compressed references): 5 a call, 120 B; 25 after 5 calls
    String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("Leak: " + CountingScenario.Item.class.getName() + " grows by 5 per iteration (fixing it"
        + " frees 120 B per iteration, 600 B in all), held by static " + CountingScenario.class.getName() + ".ITEMS -> java.util.ArrayList[*]"),
        r.out());
    assertFalse(Files.exists(dir), "the directory it made is removed");
  }

  @Test
  void anIterationThatThrows() throws Exception {
    assertFailure(ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", "dev.leakdiff.cli.scenarios.FailingScenario",
        "--dir", tmp.resolve("d").toString()), ExitCode.SCENARIO_FAILED.code,
        "dev.leakdiff.cli.scenarios.FailingScenario: iteration 3 failed: java.lang.IllegalStateException: the third request has no document"
        + " (at dev.leakdiff.cli.scenarios.FailingScenario.run(FailingScenario.java:10))",
        "scenario.log");
    assertTrue(Files.exists(tmp.resolve("d").resolve("iter-1.hprof")), "the dumps taken before the failure stay");
    assertTrue(Files.exists(tmp.resolve("d").resolve("scenario.log")), "and its log");
    // the same directory again: refused, nothing replaced
    long before = Files.size(tmp.resolve("d").resolve("iter-1.hprof"));
    assertFailure(ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", CountingScenario.class.getName() + "#once",
        "--dir", tmp.resolve("d").toString()), ExitCode.CAPTURE_FAILED.code, "already holds", "give another --dir");
    assertEquals(before, Files.size(tmp.resolve("d").resolve("iter-1.hprof")));
  }

  @Test
  void aConstructorThatThrows() throws Exception {
    assertFailure(ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", "dev.leakdiff.cli.scenarios.BrokenScenario",
        "--no-keep"), ExitCode.SCENARIO_FAILED.code,
        "dev.leakdiff.cli.scenarios.BrokenScenario: the scenario's constructor failed: java.lang.IllegalArgumentException: no config");
  }

  @Test
  void aScenarioThatEndsItsJvm() throws Exception {
    assertFailure(ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", "dev.leakdiff.cli.scenarios.ExitingScenario",
        "--iterations", "1,10", "--dir", tmp.resolve("d").toString()), ExitCode.SCENARIO_FAILED.code,
        "the JVM of dev.leakdiff.cli.scenarios.ExitingScenario ended with exit code 3", "goodbye from the scenario");
  }

  @Test
  void aScenarioThatHangsIsStoppedAtTheTimeout() throws Exception {
    long start = System.nanoTime();
    // without the allocation recording, whose start (about a second, more on a loaded machine) would take the 2 s
    assertFailure(ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", "dev.leakdiff.cli.scenarios.StuckScenario",
        "--timeout", "2", "--no-allocations", "--dir", tmp.resolve("d").toString()), ExitCode.SCENARIO_FAILED.code,
        "dev.leakdiff.cli.scenarios.StuckScenario took more than 2 s to run 1 iteration (--timeout); its JVM was stopped");
    assertTrue(System.nanoTime() - start < 30_000_000_000L);
  }

  /**
   * With --no-keep a failed run leaves nothing behind (the temporary directory it named goes), and its message names no
   * log to read: the failure is in the message itself.
   */
  private static void assertNothingLeft(ScenarioDumps.Result r) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(log: (.*)scenario\\.log\\)").matcher(r.err());
    assertTrue(m.find(), r.err());
    assertFalse(Files.exists(Path.of(m.group(1))), m.group(1) + " is left behind");
    String failure = r.err().substring(r.err().indexOf("leakdiff: ", m.end()));
    assertFalse(failure.contains("scenario.log"), "points to a log that is gone: " + failure);
  }

  @Test
  void scenariosThatCannotStart() throws Exception {
    ScenarioDumps.Result missing = ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", "com.acme.Missing", "--no-keep");
    assertFailure(missing, ExitCode.SCENARIO_FAILED.code, "no class com.acme.Missing on the scenario's classpath");
    assertNothingLeft(missing);
    ScenarioDumps.Result notRunnable = ScenarioDumps.run("run", "-cp", testClasses(), "--scenario",
        "dev.leakdiff.cli.scenarios.NotRunnableScenario", "--no-keep");
    assertFailure(notRunnable, ExitCode.SCENARIO_FAILED.code, "is not a Runnable: name the iteration's method");
    assertNothingLeft(notRunnable);
    assertFailure(ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", CountingScenario.class.getName() + "#twice",
        "--no-keep"), ExitCode.SCENARIO_FAILED.code, "has no public no-argument method twice()");
    ScenarioDumps.Result noMemory = ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", CountingScenario.class.getName(),
        "--jvm-arg=-Xmx1k", "--no-keep");
    assertFailure(noMemory, ExitCode.SCENARIO_FAILED.code, "ended with exit code 1 before it got to start");
    assertNothingLeft(noMemory);
    // kept (--dir): the message points to the log only when there is something in it
    Path kept = tmp.resolve("kept");
    ScenarioDumps.Result keptMissing = ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", "com.acme.Missing", "--dir",
        kept.toString());
    assertFailure(keptMissing, ExitCode.SCENARIO_FAILED.code, "no class com.acme.Missing on the scenario's classpath");
    assertEquals(0, Files.size(kept.resolve("scenario.log")));
    assertFalse(keptMissing.err().lines().reduce((a, b) -> b).orElse("").contains("scenario.log"), keptMissing.err());
  }

  @Test
  void wrongArguments() throws Exception {
    assertFailure(ScenarioDumps.run("run", "-cp", tmp.resolve("nothing-here").toString(), "--scenario", "a.B"),
        ExitCode.NO_INPUT.code, "the classpath entry " + tmp.resolve("nothing-here") + " does not exist");
    assertFailure(ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", "not a class"), ExitCode.USAGE.code,
        "is not CLASS or CLASS#METHOD");
    assertFailure(ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", "a.B", "--iterations", "10,1"), ExitCode.USAGE.code,
        "--iterations must be 0 or more and increase");
    assertFailure(ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", "a.B", "--format", "csv"), ExitCode.USAGE.code,
        "'csv' is not table or json");
    assertFailure(ScenarioDumps.run("run", "--scenario", "a.B"), ExitCode.USAGE.code, "--classpath");
  }
}
