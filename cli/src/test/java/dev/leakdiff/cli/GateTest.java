package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --fail-on-leak on series no verdict can rest on, each on real dumps: it exits with its own code (13), never 0 nor 3;
 * without the flag the same series is a warning on stderr, a "Cannot judge" line and the JSON's gate field.
 */
class GateTest {
  private static final int CANNOT_JUDGE = ExitCode.CANNOT_JUDGE.code;

  @TempDir
  Path tmp;

  private static Path planted(String iteration) {
    return ScenarioDumps.planted().resolve("iter-" + iteration + ".hprof");
  }

  private static ScenarioDumps.Result gate(String... args) {
    List<String> all = new ArrayList<>(List.of("compare", "--fail-on-leak"));
    all.addAll(List.of(args));
    return ScenarioDumps.run(all.toArray(new String[0]));
  }

  /** The JSON of compare without the flag: exit 0, the gate field, and the one cannotJudge finding's reason. */
  private static JsonNode json(String why, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("compare", "--format", "json"));
    all.addAll(List.of(args));
    ScenarioDumps.Result r = ScenarioDumps.run(all.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("warning: Cannot judge"), r.err());
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertEquals("cannotJudge", doc.get("gate").asText());
    List<String> whys = new ArrayList<>();
    doc.get("findings").forEach(f -> {
      if (f.get("kind").asText().equals("cannotJudge")) {
        whys.add(f.get("why").asText());
      }
    });
    assertTrue(whys.contains(why), whys.toString());
    return doc;
  }

  @Test
  void aJudgedSeriesStillPassesOrFails() {
    ScenarioDumps.Result leak = gate("--iterations", "0,1,10,100", planted("0").toString(), planted("1").toString(),
        planted("10").toString(), planted("100").toString());
    assertEquals(ExitCode.LEAK_FOUND.code, leak.code(), leak.out() + leak.err());
    assertTrue(!leak.out().contains("Cannot judge"), leak.out());
  }

  @Test
  void aTruncatedLastDump() throws Exception {
    Path whole = planted("100");
    Path cut = tmp.resolve("trunc.hprof");
    try (InputStream in = Files.newInputStream(whole)) {
      Files.write(cut, in.readNBytes((int) (Files.size(whole) * 8 / 10)));
    }
    ScenarioDumps.Result r = gate("--iterations", "1,10,100", planted("1").toString(), planted("10").toString(), cut.toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Cannot judge: " + cut + " is cut off at byte "), r.out());
    json("truncated", "--iterations", "1,10,100", planted("1").toString(), planted("10").toString(), cut.toString());

    // paths says how much of the heap it read, in words and in JSON
    ScenarioDumps.Result paths = ScenarioDumps.run("paths", "--type", "LeakedItem", cut.toString());
    assertEquals(0, paths.code(), paths.err());
    assertTrue(paths.out().contains(cut + " is cut off at byte "), paths.out());
    JsonNode doc = new ObjectMapper().readTree(ScenarioDumps.run("paths", "--format", "json", "--type", "LeakedItem",
        cut.toString()).out());
    assertTrue(doc.get("truncated").asBoolean());
    assertTrue(doc.get("truncatedAt").asLong() > 0 && doc.get("truncatedAt").asLong() <= Files.size(cut));
    assertTrue(doc.get("heapBytesRead").asLong() > 0 && doc.get("heapBytesRead").asLong() < Files.size(cut));
  }

  @Test
  void noIterations() throws Exception {
    ScenarioDumps.Result r = gate(planted("1").toString(), planted("10").toString(), planted("100").toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    json("noIterations", planted("1").toString(), planted("10").toString(), planted("100").toString());
  }

  @Test
  void tooFewDumps() throws Exception {
    ScenarioDumps.Result r = gate("--iterations", "10,100", planted("10").toString(), planted("100").toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    json("tooFewDumps", "--iterations", "10,100", planted("10").toString(), planted("100").toString());
  }

  @Test
  void theSameFileTwice() throws Exception {
    ScenarioDumps.Result r = gate("--iterations", "1,10,100", planted("1").toString(), planted("1").toString(),
        planted("100").toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Cannot judge: " + planted("1") + " and " + planted("1") + " are the same dump"), r.out());
    json("sameDump", "--iterations", "1,10,100", planted("1").toString(), planted("1").toString(), planted("100").toString());
  }

  @Test
  void dumpsTakenInAnotherOrder() throws Exception {
    ScenarioDumps.Result r = gate("--iterations", "1,10,100", planted("10").toString(), planted("1").toString(),
        planted("100").toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    json("outOfOrder", "--iterations", "1,10,100", planted("10").toString(), planted("1").toString(), planted("100").toString());
  }

  /** Three programs, each of which uses a class of the JDK the next does not: their boot classes tell them apart. */
  @Test
  void threeDumpsOfThreeDifferentPrograms() throws Exception {
    Path a = program("A", "java.util.zip.CRC32C");
    Path b = program("B", "java.time.chrono.HijrahChronology");
    Path c = program("C", "java.util.concurrent.Exchanger");
    ScenarioDumps.Result r = gate("--iterations", "1,10,100", a.toString(), b.toString(), c.toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("java.util.zip.CRC32C"), "names a boot class the second lacks: " + r.out());
    json("otherProgram", "--iterations", "1,10,100", a.toString(), b.toString(), c.toString());
  }

  /** A program that uses one class of the JDK, then dumps its live heap as NAME.hprof. */
  private Path program(String name, String uses) throws IOException, InterruptedException {
    Path src = tmp.resolve(name + ".java");
    Files.writeString(src, "public class " + name + " { public static void main(String[] a) throws Exception {"
        + " Object o = Class.forName(\"" + uses + "\"); System.out.println(o);"
        + " java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)"
        + ".dumpHeap(a[0], true); } }");
    Path dump = tmp.resolve(name + ".hprof");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        src.toString(), dump.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(tmp.resolve(name + ".log")));
    return dump;
  }

  // ------------------------------------------------------------------------------------------- capture directories

  /**
   * A capture directory of the planted dumps with sidecars as capture writes them (label, iteration, pid, when the
   * process started, when the dump was taken), the facts given per capture.
   */
  private Path captures(long[] pids, String[] starts, String[] times) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("captures"));
    String[] iters = {"1", "10", "100"};
    for (int i = 0; i < iters.length; i++) {
      Files.copy(planted(iters[i]), dir.resolve("iter-" + iters[i] + ".hprof"));
      Files.writeString(dir.resolve("iter-" + iters[i] + ".json"), "{\"pid\": " + pids[i] + ", \"processStart\": \"" + starts[i]
          + "\", \"label\": \"iter-" + iters[i] + "\", \"iteration\": " + iters[i] + ", \"time\": \"" + times[i] + "\"}");
    }
    return dir;
  }

  private static final String[] STARTS = {"2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z"};
  private static final String[] TIMES = {"2026-12-01T10:01:00Z", "2026-12-01T10:02:00Z", "2026-12-01T10:03:00Z"};

  @Test
  void capturesOfOneProcessAreJudged() throws Exception {
    Path dir = captures(new long[] {7, 7, 7}, STARTS, TIMES);
    ScenarioDumps.Result r = gate(dir.toString());
    assertEquals(ExitCode.LEAK_FOUND.code, r.code(), r.out() + r.err());
  }

  @Test
  void sidecarsNamingTwoPids() throws Exception {
    Path dir = captures(new long[] {7, 7, 8}, STARTS, TIMES);
    ScenarioDumps.Result r = gate(dir.toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("pids 7, 8"), r.out());
    json("otherProcess", dir.toString());
  }

  @Test
  void aProcessRestartedUnderTheSamePid() throws Exception {
    Path dir = captures(new long[] {7, 7, 7}, new String[] {STARTS[0], STARTS[0], "2026-12-01T10:02:30Z"}, TIMES);
    ScenarioDumps.Result r = gate(dir.toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    json("restarted", dir.toString());
  }

  @Test
  void sidecarTimesAgainstTheirIterations() throws Exception {
    Path dir = captures(new long[] {7, 7, 7}, STARTS, new String[] {TIMES[0], TIMES[2], TIMES[1]});
    ScenarioDumps.Result r = gate(dir.toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    json("outOfOrder", dir.toString());
  }

  @Test
  void iterationsThatContradictTheSidecars() throws Exception {
    Path dir = captures(new long[] {7, 7, 7}, STARTS, TIMES);
    ScenarioDumps.Result r = gate("--iterations", "1,10,1000", dir.toString());
    assertEquals(CANNOT_JUDGE, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("(1, 10, 1,000) are not those the sidecars recorded (1, 10, 100)"), r.out());
    json("iterationsContradicted", "--iterations", "1,10,1000", dir.toString());
  }
}
