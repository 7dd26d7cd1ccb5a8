package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capture on a real child JVM that leaks on command, then compare DIR. */
class CaptureTest {
  /** A disk that fills up: a 2 MB tmpfs, where this machine lets the tests mount one (as root). */
  @Test
  void aFullDiskLeavesNothing() throws Exception {
    Path small = Files.createDirectories(tmp.resolve("small"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString())
        .redirectErrorStream(true).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small file system here");
    try (Service s = new Service("heap")) {
      ScenarioDumps.Result full = ScenarioDumps.run("capture", "--dir", small.toString(), String.valueOf(s.pid));
      assertEquals(ExitCode.CAPTURE_FAILED.code, full.code(), full.err());
      assertTrue(full.err().contains("could not write its dump"), full.err());
      try (var files = Files.list(small)) {
        assertEquals(0, files.count(), "nothing kept on a full disk");
      }
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor();
    }
  }

  /** A target that cannot write the directory: a JVM of nobody, a directory only root may write. */
  @Test
  void theTargetCannotWriteTheDirectory() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    org.junit.jupiter.api.Assumptions.assumeTrue(root && Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs root and runuser");
    Path dir = Files.createDirectories(tmp.resolve("root-only"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    try (Service s = new Service(List.of("/usr/sbin/runuser", "-u", "nobody", "--"), "heap")) {
      ScenarioDumps.Result r = ScenarioDumps.run("capture", "--dir", dir.toString(), String.valueOf(s.pid));
      assertEquals(ExitCode.CAPTURE_FAILED.code, r.code(), r.err());
      assertTrue(r.err().contains("could not write its dump to " + dir), r.err());
      try (var files = Files.list(dir)) {
        assertEquals(0, files.count());
      }
    }
  }

  /** Another user's JVM: leakdiff run as nobody against this test's child JVM (needs root and runuser). */
  @Test
  void anotherUsersJvm() throws Exception {
    AsNobody.assumePossible();
    Path out = Files.createDirectories(tmp.resolve("nobody"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
    try (Service s = new Service("heap")) {
      ScenarioDumps.Result r = AsNobody.leakdiff(tmp, "capture", "--dir", out.toString(), String.valueOf(s.pid));
      assertEquals(ExitCode.ATTACH_REFUSED.code, r.code(), r.out());
      assertTrue(r.out().contains("is a JVM of another user"), r.out());
      try (var files = Files.list(out)) {
        assertEquals(0, files.count());
      }
    }
  }

  @TempDir
  Path tmp;

  /** A running testdata/scenarios/LeakyService.java, driven through its stdin. */
  static final class Service implements AutoCloseable {
    final Process process;
    final long pid;
    private final PrintWriter in;
    private final BufferedReader out;

    Service(String mode, String... jvmFlags) throws Exception {
      this(List.of(), mode, jvmFlags);
    }

    /** Runs the service behind a prefix (runuser -u nobody --, say). */
    Service(List<String> prefix, String mode, String... jvmFlags) throws Exception {
      List<String> cmd = new ArrayList<>(prefix);
      cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m"));
      cmd.addAll(List.of(jvmFlags));
      cmd.add(ScenarioDumps.root().resolve("testdata/scenarios/LeakyService.java").toString());
      cmd.add(mode);
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      in = new PrintWriter(process.getOutputStream(), true);
      out = new BufferedReader(new InputStreamReader(process.getInputStream()));
      String ready = out.readLine();
      assertTrue(ready != null && ready.startsWith("ready "), String.valueOf(ready));
      pid = Long.parseLong(ready.substring(6).trim());
    }

    void run(int n) throws Exception {
      in.println("run " + n);
      String done = out.readLine();
      assertTrue(done != null && done.startsWith("done "), String.valueOf(done));
    }

    @Override
    public void close() {
      in.println("quit");
      process.destroy();
    }
  }

  /**
   * Capture leaves nothing in the target that grows from one capture to the next (no management agent, no RMI
   * connection): six captures of an idle JVM, no class grows and neither does the thread count.
   */
  @Test
  void capturingAnIdleJvmSixTimesLeavesNoTrace() throws Exception {
    Path dir = tmp.resolve("idle");
    try (Service s = new Service("heap")) {
      for (int i = 1; i <= 6; i++) {
        captureAt(s, dir, i);
      }
    }
    ScenarioDumps.Result r = ScenarioDumps.run("compare", "--format", "json", "--all", dir.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals(0, report.get("suspects").size(), report.get("suspects").toString());
    List<String> grew = new ArrayList<>();
    for (JsonNode c : report.get("classes")) {
      JsonNode n = c.get("instances");
      for (int i = 1; i < n.size(); i++) {
        if (n.get(i).asLong() > n.get(i - 1).asLong()) {
          grew.add(c.get("name").asText() + " " + n);
          break;
        }
      }
    }
    assertEquals(List.of(), grew, "classes whose count grew between captures of an idle JVM");
    JsonNode stages = report.get("process");
    for (JsonNode stage : stages) {
      assertEquals(stages.get(0).get("threads").asLong(), stage.get("threads").asLong(), stages.toString());
    }
  }

  /** A capture after some iterations; --timeout 0 waits as long as it takes, as in run. */
  private ScenarioDumps.Result captureAt(Service s, Path dir, int iteration) {
    ScenarioDumps.Result r = ScenarioDumps.run("capture", "--iteration", String.valueOf(iteration), "--dir", dir.toString(),
        "--timeout", "0", String.valueOf(s.pid));
    assertEquals(0, r.code(), r.err());
    return r;
  }

  @Test
  void capturesAtOneTenAndAHundredThenCompareFlagsTheLeak() throws Exception {
    Path dir = tmp.resolve("caps");
    try (Service s = new Service("heap")) {
      ScenarioDumps.Result list = ScenarioDumps.run("capture", "--list");
      String version = System.getProperty("java.version");
      assertTrue(list.out().lines().anyMatch(l -> l.trim().startsWith(s.pid + " ") && l.trim().endsWith(version)), list.out());
      s.run(1);
      captureAt(s, dir, 1);
      s.run(9);
      captureAt(s, dir, 10);
      s.run(90);
      captureAt(s, dir, 100);
      for (int i : new int[] {1, 10, 100}) {
        Path dump = dir.resolve("iter-" + i + ".hprof");
        Path sidecar = dir.resolve("iter-" + i + ".json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sidecar)));
        JsonNode facts = new ObjectMapper().readTree(sidecar.toFile());
        assertEquals(s.pid, facts.get("pid").asLong());
        assertEquals(i, facts.get("iteration").asInt());
        assertEquals(Files.size(dump), facts.get("dumpBytes").asLong());
        assertTrue(facts.get("rssBytes").asLong() > 10 << 20, facts.toString());
        assertTrue(facts.get("threads").asInt() > 5, facts.toString());
        assertTrue(facts.get("heapBefore").get("used").asLong() > 0 && facts.get("heapAfter").get("committed").asLong() > 0);
        assertTrue(facts.get("classHistogram").get("instances").asLong() > 10_000, facts.toString());
        assertTrue(facts.get("jvmVersion").asText().length() > 2);
      }
      try (var files = Files.list(dir)) {
        assertEquals(6, files.count(), "no temporary file is left behind");
      }
    }
    ScenarioDumps.Result r = ScenarioDumps.run("compare", "--format=json", dir.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals(100, report.get("dumps").get(2).get("iterations").asLong());
    assertTrue(report.get("suspects").toString().contains("LeakyService$Entry"), report.get("suspects").toString());
    assertEquals(3, report.get("process").size());
  }

  @Test
  void threadsLeakingShowInCompare() throws Exception {
    Path dir = tmp.resolve("threads");
    try (Service s = new Service("threads")) {
      s.run(1);
      captureAt(s, dir, 1);
      s.run(9);
      captureAt(s, dir, 10);
      s.run(90);
      captureAt(s, dir, 100);
    }
    ScenarioDumps.Result r = ScenarioDumps.run("compare", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Thread count grows by "), r.out());
  }

  @Test
  void failuresHaveTheirOwnCodesAndLeaveNothing() throws Exception {
    Path dir = tmp.resolve("fail");
    ScenarioDumps.Result none = ScenarioDumps.run("capture", "--dir", dir.toString(), "99999999");
    assertEquals(ExitCode.NO_PROCESS.code, none.code(), none.err());
    assertTrue(none.err().contains("no process with pid 99999999"), none.err());

    Process sleep = new ProcessBuilder("sleep", "30").start();
    try {
      ScenarioDumps.Result notJvm = ScenarioDumps.run("capture", "--dir", dir.toString(), String.valueOf(sleep.pid()));
      assertEquals(ExitCode.NOT_A_JVM.code, notJvm.code(), notJvm.err());
      assertTrue(notJvm.err().contains("is not a JVM"), notJvm.err());
    } finally {
      sleep.destroy();
    }
    for (String label : new String[] {"../escape", "a/b", "-rf", "tab\there", ".hidden"}) {
      ScenarioDumps.Result bad = ScenarioDumps.run("capture", "--label", label, "--dir", dir.toString(), "1");
      assertEquals(ExitCode.USAGE.code, bad.code(), label + ": " + bad.err());
      assertTrue(bad.err().contains("is not a plain file name"), bad.err());
    }
    try (Service s = new Service("heap")) {
      captureAt(s, dir, 1);
      byte[] before = Files.readAllBytes(dir.resolve("iter-1.hprof"));
      ScenarioDumps.Result again = ScenarioDumps.run("capture", "--iteration", "1", "--dir", dir.toString(), String.valueOf(s.pid));
      assertEquals(ExitCode.CAPTURE_FAILED.code, again.code(), again.err());
      assertTrue(again.err().contains("exists already; --force replaces them"), again.err());
      assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("iter-1.hprof"))), "never overwritten");
    }
    try (Service s = new Service("heap")) {
      Path file = Files.writeString(tmp.resolve("a-file"), "x");
      ScenarioDumps.Result blocked = ScenarioDumps.run("capture", "--dir", file.resolve("sub").toString(), String.valueOf(s.pid));
      assertEquals(ExitCode.CAPTURE_FAILED.code, blocked.code(), blocked.err());
      assertTrue(blocked.err().contains("cannot create the directory"), blocked.err());

      ScenarioDumps.Result slow = ScenarioDumps.run("capture", "--timeout", "0.001", "--dir", tmp.resolve("slow").toString(),
          String.valueOf(s.pid));
      assertEquals(ExitCode.CAPTURE_TIMEOUT.code, slow.code(), slow.err());
      assertTrue(slow.err().contains("did not finish in 0.001 s"), slow.err());
      assertFalse(Files.exists(tmp.resolve("slow")), "nothing kept after a timeout, not even the directory it made");
    }
    try (Service s = new Service("heap", "-XX:+DisableAttachMechanism")) {
      ScenarioDumps.Result refused = ScenarioDumps.run("capture", "--dir", tmp.resolve("refused").toString(), String.valueOf(s.pid));
      assertEquals(ExitCode.ATTACH_REFUSED.code, refused.code(), refused.err());
      assertTrue(refused.err().contains("DisableAttachMechanism"), refused.err());
      assertFalse(Files.exists(tmp.resolve("refused")), "no empty directory left behind");
    }
  }
}
