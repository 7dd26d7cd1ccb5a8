package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakdiff.cli.scenarios.ContextsInHashMap;
import dev.leakdiff.cli.scenarios.ExecutorPerCall;
import dev.leakdiff.cli.scenarios.LambdaListeners;
import dev.leakdiff.cli.scenarios.RequestContext;
import dev.leakdiff.cli.scenarios.ThreadLocalInPool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the kept objects were created, in real child JVMs, text and JSON: the line each leak's objects come from, found
 * in the scenario's own source (never from leakdiff's output), for the demo, a static map fed per call, a lambda
 * listener never removed (the lambda named by its line), an executor per call (the line that makes the executor) and a
 * ThreadLocal in a pool; and capture --allocations on a running JVM started with the documented flags.
 */
class AllocationSitesTest {
  @TempDir
  Path tmp;

  private record Both(String text, JsonNode json) {}

  /** The one line of a source file that holds the text, 1 first. */
  static int lineOf(Path source, String text) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        assertEquals(-1, found, "one line of " + source + " holds " + text);
        found = i + 1;
      }
    }
    assertTrue(found > 0, source + " holds " + text);
    return found;
  }

  private static Path source(Class<?> c) {
    return Path.of("src", "test", "java").resolve(c.getName().replace('.', '/') + ".java");
  }

  private static String testClasses() throws Exception {
    return Path.of(ContextsInHashMap.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static Both run(Class<?> scenario) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "-cp", testClasses(), "--scenario", scenario.getName(), "--no-keep"));
    ScenarioDumps.Result text = ScenarioDumps.run(args.toArray(new String[0]));
    assertEquals(0, text.code(), text.err());
    args.addAll(List.of("--format", "json"));
    ScenarioDumps.Result json = ScenarioDumps.run(args.toArray(new String[0]));
    assertEquals(0, json.code(), json.err());
    return new Both(text.out(), new ObjectMapper().readTree(json.out()));
  }

  /** The leak finding of a class, in the JSON (a thread leak's held leaks included). */
  private static JsonNode leak(JsonNode run, String className) {
    for (JsonNode f : run.get("findings")) {
      if (f.get("kind").asText().equals("leak") && f.get("class").asText().matches(className)) {
        return f;
      }
      if (f.has("holds")) {
        for (JsonNode h : f.get("holds")) {
          if (h.get("class").asText().matches(className)) {
            return h;
          }
        }
      }
    }
    throw new AssertionError("no leak of " + className + " in " + run.get("findings"));
  }

  /** Whether a site's own frame is the line: class, method's file and line. */
  private static boolean at(JsonNode site, Class<?> c, int line) {
    JsonNode code = site.get("code");
    return code.size() > 0 && code.get(0).get("class").asText().equals(c.getName())
        && code.get(0).get("file").asText().equals(c.getSimpleName() + ".java") && code.get(0).get("line").asInt() == line;
  }

  private static JsonNode siteAt(JsonNode leak, Class<?> c, int line) {
    JsonNode sites = leak.get("allocationSites");
    assertTrue(sites != null, "allocationSites of " + leak);
    for (JsonNode s : sites.get("sites")) {
      if (at(s, c, line)) {
        return s;
      }
    }
    throw new AssertionError("no site at " + c.getSimpleName() + ".java:" + line + " in " + sites);
  }

  @Test
  void theDemoNamesTheLineOfIndexWorkerThatMakesTheTablesItKeeps() throws Exception {
    Path worker = Path.of("..", "testdata", "worker", "src", "main", "java", "dev", "leakdiff", "demo", "IndexWorker.java");
    int line = lineOf(worker, ".first(limit)");
    ScenarioDumps.Result text = ScenarioDumps.run("demo", "--no-keep");
    assertEquals(0, text.code(), text.err());
    String call = "dev.leakdiff.demo.IndexWorker.search(IndexWorker.java:" + line + ")";
    String leakLine = text.out().lines().filter(l -> l.startsWith("Leak: tech.tablesaw.api.Table ")).findFirst().orElseThrow();
    assertTrue(leakLine.contains("what it keeps was created in tech.tablesaw.api.Table.first(Table.java:"), leakLine);
    assertTrue(leakLine.contains(" called from " + call + " ("), leakLine);
    ScenarioDumps.Result json = ScenarioDumps.run("demo", "--no-keep", "--format", "json");
    assertEquals(0, json.code(), json.err());
    JsonNode leak = leak(new ObjectMapper().readTree(json.out()), "tech\\.tablesaw\\.api\\.Table");
    JsonNode first = leak.get("allocationSites").get("sites").get(0);
    assertEquals("dev.leakdiff.demo.IndexWorker", first.get("code").get(0).get("class").asText());
    assertEquals(line, first.get("code").get(0).get("line").asInt());
    assertEquals("first", first.get("library").get("method").asText());
    // one allocation in about a KiB is sampled: of each table, its arrays more often than itself, and they are its own
    JsonNode sites = leak.get("allocationSites");
    assertEquals(100, sites.get("instances").asLong(), sites.toString());
    assertTrue(first.get("instances").asLong() > 0 && first.get("instances").asLong() <= 100, first.toString());
    assertTrue(sites.get("instancesSampled").asLong() >= first.get("instances").asLong(), sites.toString());
  }

  @Test
  void aStaticMapFedPerCallNamesTheLineThatMakesTheContext() throws Exception {
    Both r = run(ContextsInHashMap.class);
    int line = lineOf(source(ContextsInHashMap.class), "new RequestContext(");
    JsonNode leak = leak(r.json(), Pattern.quote(RequestContext.class.getName()));
    JsonNode site = siteAt(leak, ContextsInHashMap.class, line);
    assertTrue(site.get("classes").toString().contains(RequestContext.class.getName()), site.toString());
    assertEquals(site, leak.get("allocationSites").get("sites").get(0), "the site of the leak's own class first");
    // one allocation in about a KiB is sampled: a few of the 100 contexts
    assertTrue(site.get("instances").asLong() >= 1 && site.get("instances").asLong() <= 100, site.toString());
    assertTrue(r.text().contains("what it keeps was created at " + ContextsInHashMap.class.getName() + ".run(ContextsInHashMap.java:"
        + line + ") (" + RequestContext.class.getName() + ": "), r.text());
  }

  @Test
  void aLambdaListenerIsNamedByTheLineThatMadeIt() throws Exception {
    Both r = run(LambdaListeners.class);
    int line = lineOf(source(LambdaListeners.class), "// the listener's lambda");
    JsonNode leak = leak(r.json(), Pattern.quote(LambdaListeners.class.getName()) + "\\$\\$Lambda#\\d+");
    JsonNode madeAt = leak.get("allocationSites").get("lambdaMadeAt");
    assertEquals(LambdaListeners.class.getName(), madeAt.get("class").asText());
    assertEquals("run", madeAt.get("method").asText());
    assertEquals(line, madeAt.get("line").asInt());
    siteAt(leak, LambdaListeners.class, line);
    Matcher m = Pattern.compile("Leak: " + Pattern.quote(LambdaListeners.class.getName()) + "\\$\\$Lambda#\\d+ \\(a lambda made at "
        + Pattern.quote(LambdaListeners.class.getName() + ".run(LambdaListeners.java:" + line + "))")).matcher(r.text());
    assertTrue(m.find(), r.text());
  }

  @Test
  void anExecutorPerCallNamesTheLineThatMakesTheExecutor() throws Exception {
    Both r = run(ExecutorPerCall.class);
    int line = lineOf(source(ExecutorPerCall.class), "Executors.newFixedThreadPool(");
    JsonNode thread = RunJson.finding(r.json(), "threadLeak");
    assertTrue(thread != null, r.json().get("findings").toString());
    JsonNode leak = leak(r.json(), "java\\.lang\\.Thread");
    JsonNode site = siteAt(leak, ExecutorPerCall.class, line);
    assertEquals("newFixedThreadPool", site.get("library").get("method").asText());
    assertTrue(site.get("classes").toString().contains("java.util.concurrent.ThreadPoolExecutor"), site.toString());
    String threadLine = r.text().lines().filter(l -> l.startsWith("Leak: +1 thread per iteration")).findFirst().orElseThrow();
    assertTrue(threadLine.contains("what it keeps was created in java.util.concurrent.Executors.newFixedThreadPool(Executors.java:")
        && threadLine.contains(" called from " + ExecutorPerCall.class.getName() + ".run(ExecutorPerCall.java:" + line + ")"),
        threadLine);
  }

  @Test
  void aThreadLocalInAPoolNamesTheLineThatMakesTheRecord() throws Exception {
    Both r = run(ThreadLocalInPool.class);
    int line = lineOf(source(ThreadLocalInPool.class), "new AuditRecord()");
    JsonNode leak = leak(r.json(), Pattern.quote(ThreadLocalInPool.AuditRecord.class.getName()));
    JsonNode site = siteAt(leak, ThreadLocalInPool.class, line);
    assertTrue(site.get("code").get(0).get("method").asText().startsWith("lambda$"), site.toString());
    assertTrue(r.text().contains("(ThreadLocalInPool.java:" + line + ") (" + ThreadLocalInPool.AuditRecord.class.getName()), r.text());
  }

  @Test
  void withoutAllocationsNoSiteIsClaimed() throws Exception {
    ScenarioDumps.Result r = ScenarioDumps.run("run", "-cp", testClasses(), "--scenario", ContextsInHashMap.class.getName(),
        "--no-keep", "--no-allocations", "--format", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode leak = leak(new ObjectMapper().readTree(r.out()), Pattern.quote(RequestContext.class.getName()));
    assertFalse(leak.has("allocationSites"), leak.toString());
  }

  /** The names of a JVM's threads, as jcmd prints them. */
  private static Set<String> threads(long pid) throws Exception {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\"([^\"]+)\"").matcher(jcmd(pid, "Thread.print"));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String jcmd(long pid, String command) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out;
  }

  @Test
  void captureWithAllocationsOnARunningJvmShowsTheSiteAndLeavesNoRecording() throws Exception {
    Path runner = Path.of(dev.leakdiff.runner.ScenarioRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // the flags the docs give (capture --help and docs/commands/capture.md)
    command.addAll(List.of(dev.leakdiff.hunt.capture.AllocationRecording.serviceFlags().split(" ")));
    command.addAll(List.of("-cp", testClasses() + java.io.File.pathSeparator + runner, dev.leakdiff.runner.ScenarioRunner.class.getName(),
        ContextsInHashMap.class.getName()));
    Process service = new ProcessBuilder(command).redirectError(tmp.resolve("service.log").toFile()).start();
    try (Writer in = new java.io.OutputStreamWriter(service.getOutputStream(), StandardCharsets.UTF_8);
         BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
      assertTrue(out.readLine().contains("ready"));
      long pid = service.pid();
      in.write("run 5\n"); // the first calls load what every call needs
      in.flush();
      assertTrue(out.readLine().contains("done"));
      Set<String> before = threads(pid);
      Path dir = tmp.resolve("captures");
      long done = 0;
      for (long target : new long[] {0, 20, 200}) {
        if (target > done) {
          in.write("run " + (target - done) + "\n");
          in.flush();
          assertTrue(out.readLine().contains("done"));
          done = target;
        }
        List<String> args = new ArrayList<>(List.of("capture", "--allocations", "--iteration", Long.toString(target), "--dir",
            dir.toString()));
        if (target == 200) {
          args.add("--last");
        }
        args.add(Long.toString(pid));
        ScenarioDumps.Result c = ScenarioDumps.run(args.toArray(new String[0]));
        assertEquals(0, c.code(), c.err());
        assertFalse(c.err().contains("default allocation buffers"), c.err());
        assertEquals(target > 0, Files.isRegularFile(dir.resolve("iter-" + target + ".jfr")), c.out());
      }
      assertFalse(Files.exists(dir.resolve(".leakdiff-allocations.jfc")), "the settings file is removed once read");
      // no recording of leakdiff's is left, and the threads added are the attach listener's and JFR's own
      assertFalse(jcmd(pid, "JFR.check").contains("leakdiff-allocations"));
      Set<String> added = new TreeSet<>(threads(pid));
      added.removeAll(before);
      added.removeIf(t -> t.matches("GC Thread#\\d+|G1 Conc#\\d+")); // the heap dumps' full GCs start the GC's own workers
      assertTrue(Set.of("JFR Periodic Tasks", "JFR Recorder Thread", "JFR Recording Scheduler").containsAll(added), added.toString());
      ScenarioDumps.Result compare = ScenarioDumps.run("compare", "--paths", dir.toString());
      assertEquals(0, compare.code(), compare.err());
      int line = lineOf(source(ContextsInHashMap.class), "new RequestContext(");
      String leakLine = compare.out().lines().filter(l -> l.startsWith("Leak: " + RequestContext.class.getName() + " "))
          .findFirst().orElseThrow(() -> new AssertionError(compare.out()));
      assertTrue(leakLine.contains("created at " + ContextsInHashMap.class.getName() + ".run(ContextsInHashMap.java:" + line + ")"),
          leakLine);
      in.write("quit\n");
      in.flush();
    } finally {
      service.destroyForcibly();
      service.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
