package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * watch on real child JVMs (testdata/scenarios/WatchedService.java): a leak of 3 Session objects per request driven at a
 * steady rate, found with its rate per request (a Prometheus counter) and its holder; per minute with time as the
 * measure; an idle JVM and a bounded cache get no verdict; a target that ends mid-watch keeps its samples.
 */
class WatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SESSION = "WatchedService$Session";

  @TempDir
  Path tmp;

  /** The service, and a thread that sends it "run 20" every 100 ms while driving. */
  static final class Service implements AutoCloseable {
    final Process process;
    final long pid;
    final int port;
    private final PrintWriter in;
    private final BufferedReader out;
    private volatile boolean driving;
    private Thread driver;

    Service(String mode, boolean metrics) throws Exception {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
          "-XX:-UseDynamicNumberOfCompilerThreads", ScenarioDumps.root().resolve("testdata/scenarios/WatchedService.java")
              .toString(), mode));
      if (metrics) {
        cmd.add("metrics");
      }
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      in = new PrintWriter(process.getOutputStream(), true);
      out = new BufferedReader(new InputStreamReader(process.getInputStream()));
      String ready = out.readLine();
      assertTrue(ready != null && ready.startsWith("ready "), String.valueOf(ready));
      String[] f = ready.split(" ");
      pid = Long.parseLong(f[1]);
      port = Integer.parseInt(f[2]);
    }

    void drive() {
      driving = true;
      driver = new Thread(() -> {
        while (driving) {
          in.println("run 20");
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "driver");
      driver.setDaemon(true);
      driver.start();
    }

    /** The requests served so far, from its metrics endpoint. */
    double served() throws Exception {
      String text;
      try (var in = java.net.URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openStream()) {
        text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      return dev.leakdiff.hunt.watch.WorkMeter.Prometheus.value(text, "requests_total");
    }

    /** The names of its threads, from /proc, each with how many have it. */
    TreeMap<String, Integer> threads() throws Exception {
      TreeMap<String, Integer> out = new TreeMap<>();
      try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path t : tasks.toList()) {
          out.merge(Files.readString(t.resolve("comm")).strip(), 1, Integer::sum);
        }
      }
      return out;
    }

    @Override
    public void close() {
      driving = false;
      in.println("quit");
      process.destroy();
    }
  }

  private static List<JsonNode> lines(String text) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (!l.isBlank()) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  private static JsonNode report(List<JsonNode> lines) {
    JsonNode last = lines.get(lines.size() - 1);
    assertEquals("report", last.get("type").asText(), last.toString());
    return last;
  }

  private static JsonNode suspect(JsonNode report, String className) {
    for (JsonNode s : report.get("suspects")) {
      if (s.get("class").asText().equals(className)) {
        return s;
      }
    }
    return null;
  }

  /**
   * Done-when 1: at --every 1s against the service's request counter, the leaking class is a leak suspect within 15
   * samples at 3 objects per request within 20%; the two dumps (owner-only) show it held by the static list.
   */
  @Test
  void aLeakPerRequestIsFoundWithItsRatePerRequestAndItsHolder() throws Exception {
    try (Service s = new Service("leak", true)) {
      s.drive();
      Path dumps = tmp.resolve("dumps");
      ScenarioDumps.Result r = ScenarioDumps.run("watch", "--every", "1s", "--samples", "15", "--format", "jsonl",
          "--work-url", "http://127.0.0.1:" + s.port + "/metrics", "--work-metric", "requests_total", "--dumps", dumps.toString(),
          "--dump-after", "3", String.valueOf(s.pid));
      assertEquals(0, r.code(), r.err());
      List<JsonNode> lines = lines(r.out());
      assertEquals(15, lines.stream().filter(l -> l.get("type").asText().equals("sample")).count());
      JsonNode found = lines.stream().filter(l -> l.get("type").asText().equals("verdict") && SESSION.equals(l.path("class").asText())
          && l.get("verdict").asText().equals("leak")).findFirst().orElse(null);
      assertNotNull(found, r.out());
      assertTrue(found.get("sample").asInt() <= 15, found.toString());
      JsonNode report = report(lines);
      assertEquals("request", report.get("unit").asText());
      JsonNode leak = suspect(report, SESSION);
      assertNotNull(leak, report.toString());
      double rate = leak.get("ratePerWork").asDouble();
      assertTrue(Math.abs(rate - 3) <= 0.6, "rate per request " + rate);
      JsonNode held = null;
      for (JsonNode h : report.get("held")) {
        if (h.get("class").asText().equals(SESSION)) {
          held = h;
        }
      }
      assertNotNull(held, report.toString());
      assertTrue(held.get("routes").get(0).asText().startsWith("static WatchedService.SESSIONS -> java.util.ArrayList"),
          held.toString());
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumps)));
      for (String name : List.of("watch-1.hprof", "watch-2.hprof", "watch-1.json")) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumps.resolve(name))), name);
      }
      JsonNode cost = report.get("cost");
      assertTrue(cost.get("text").asText().startsWith("Cost per sample: one full GC in pid " + s.pid + ", its pause "), cost.toString());
      assertTrue(cost.get("gcPauseMillisMedian").asDouble() > 0 && cost.get("gcPauseMillisMax").asDouble()
          >= cost.get("gcPauseMillisMedian").asDouble(), cost.toString());
    }
  }

  /**
   * Done-when 1, time as the measure: the rate is per minute, within 20% of the rate the service kept meanwhile (its
   * counter read over HTTP just before and after the watch: on a busy machine the service may lag the driver, and a
   * count asked on its stdin would wait behind the requests queued there).
   */
  @Test
  void withTimeAsTheMeasureTheRateIsPerMinute() throws Exception {
    try (Service s = new Service("leak", true)) {
      s.drive();
      Thread.sleep(500);
      double c0 = s.served();
      long t0 = System.nanoTime();
      ScenarioDumps.Result r = ScenarioDumps.run("watch", "--every", "500ms", "--samples", "12", "--format", "jsonl",
          String.valueOf(s.pid));
      double c1 = s.served();
      double minutes = (System.nanoTime() - t0) / 60e9;
      assertEquals(0, r.code(), r.err());
      JsonNode report = report(lines(r.out()));
      assertEquals("minute", report.get("unit").asText());
      JsonNode leak = suspect(report, SESSION);
      assertNotNull(leak, report.toString());
      double expected = 3 * (c1 - c0) / minutes;
      double rate = leak.get("ratePerWork").asDouble();
      assertTrue(Math.abs(rate - expected) <= 0.2 * expected, "rate per minute " + rate + ", served " + expected);
    }
  }

  /**
   * Done-when 2: an idle JVM watched for 30 samples gets no verdict of growth for a class, its threads or its RSS;
   * afterwards its threads differ from before only by the attach listener. Piped, the text is plain lines (4).
   */
  @Test
  void anIdleJvmGetsNoVerdictAndKeepsOnlyTheAttachListener() throws Exception {
    try (Service s = new Service("idle", false)) {
      TreeMap<String, Integer> before = s.threads();
      Path jsonl = tmp.resolve("idle.jsonl");
      ScenarioDumps.Result r = ScenarioDumps.run("watch", "--every", "300ms", "--samples", "30", "--jsonl", jsonl.toString(),
          String.valueOf(s.pid));
      assertEquals(0, r.code(), r.err());
      TreeMap<String, Integer> after = s.threads();
      TreeMap<String, Integer> expected = new TreeMap<>(before);
      expected.merge("Attach Listener", 1, Integer::sum);
      assertEquals(expected, after);
      assertFalse(r.out().contains("\033["), "piped: no escape codes");
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("sample 30 at ")), r.out());
      List<JsonNode> lines = lines(Files.readString(jsonl));
      for (JsonNode l : lines) {
        if (l.get("type").asText().equals("verdict")) {
          assertFalse(List.of("leak", "superlinear", "grows", "late").contains(l.get("verdict").asText()), l.toString());
        }
      }
      JsonNode report = report(lines);
      assertEquals(0, report.get("suspects").size(), report.toString());
      for (String fact : List.of("threads", "rssMiB")) {
        assertTrue(List.of("stable", "init", "shrinks").contains(report.get("facts").get(fact).get("verdict").asText()),
            report.toString());
      }
      assertTrue(r.out().contains("No class grows in proportion to the work: no leak suspect."), r.out());
    }
  }

  /** Done-when 3: a bounded cache filled by steady requests is no leak. Done-when 4: --live redraws the table in place. */
  @Test
  void aBoundedCacheIsNoLeakAndTheLiveTableRedrawsInPlace() throws Exception {
    try (Service s = new Service("bounded", true)) {
      s.drive();
      Path jsonl = tmp.resolve("bounded.jsonl");
      ScenarioDumps.Result r = ScenarioDumps.run("watch", "--every", "500ms", "--samples", "15", "--live", "--jsonl",
          jsonl.toString(), "--work-url", "http://127.0.0.1:" + s.port + "/metrics", "--work-metric", "requests_total",
          String.valueOf(s.pid));
      assertEquals(0, r.code(), r.err());
      JsonNode report = report(lines(Files.readString(jsonl)));
      assertEquals(0, report.get("suspects").size(), report.toString());
      assertTrue(r.out().contains(WatchReport.up(1).substring(0, 2)), "redrawn in place");
      assertTrue(r.out().contains("\033[J"), "each redraw clears what it replaces");
    }
  }

  /** Done-when 3: the target ends mid-watch: a clear message, the samples so far in the JSON lines and in the report. */
  @Test
  void aTargetThatEndsMidWatchKeepsItsSamples() throws Exception {
    Path jsonl = tmp.resolve("ended.jsonl");
    try (Service s = new Service("leak", false)) {
      s.drive();
      CompletableFuture<ScenarioDumps.Result> watch = CompletableFuture.supplyAsync(() -> ScenarioDumps.run("watch", "--every",
          "500ms", "--jsonl", jsonl.toString(), String.valueOf(s.pid)));
      while (!Files.exists(jsonl) || Files.readAllLines(jsonl).size() < 4) {
        Thread.sleep(100);
      }
      s.close();
      ScenarioDumps.Result r = watch.get();
      assertEquals(ExitCode.NO_PROCESS.code, r.code(), r.err());
      assertTrue(r.out().contains("The target ended: pid " + s.pid + " is gone after "), r.out());
      assertTrue(r.err().contains("pid " + s.pid), r.err());
      List<JsonNode> lines = lines(Files.readString(jsonl));
      long samples = lines.stream().filter(l -> l.get("type").asText().equals("sample")).count();
      assertTrue(samples >= 3, lines.toString());
      JsonNode report = report(lines);
      assertEquals("target_ended", report.get("ending").asText());
      assertEquals(samples, report.get("samples").asLong());
      assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s*" + samples + "\\s+\\d\\d:\\d\\d:\\d\\d\\s.*")), r.out());
    }
  }

  /**
   * Done-when (the report on Ctrl-C): leakdiff watch in a JVM of its own gets SIGINT after some samples, and prints
   * the report of what it gathered before it ends.
   */
  @Test
  void ctrlCEndsTheWatchWithItsReport() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) { // a JVM started with SIGINT ignored keeps it so, and has no Ctrl-C to test
        org.junit.jupiter.api.Assumptions.assumeTrue((Long.parseLong(line.substring(7).trim(), 16) & 2) == 0, "SIGINT ignored");
      }
    }
    try (Service s = new Service("idle", false)) {
      Path out = tmp.resolve("watch.out");
      Process watch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          Main.class.getName(), "watch", "--every", "300ms", String.valueOf(s.pid)).redirectOutput(out.toFile())
          .redirectError(tmp.resolve("watch.err").toFile()).start();
      try {
        while (Files.readAllLines(out).stream().filter(l -> l.startsWith("sample ")).count() < 3) {
          assertTrue(watch.isAlive(), Files.readString(tmp.resolve("watch.err")));
          Thread.sleep(100);
        }
        assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(watch.pid())).start().waitFor());
        assertTrue(watch.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "ended by Ctrl-C");
        String text = Files.readString(out);
        assertTrue(text.contains("The watch of pid " + s.pid + " was stopped after "), text);
        assertTrue(text.contains("Cost per sample: one full GC in pid " + s.pid), text);
      } finally {
        watch.destroyForcibly();
      }
    }
  }
}
