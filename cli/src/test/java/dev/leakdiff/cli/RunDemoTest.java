package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * leakdiff run on the bundled document-indexing worker (testdata/worker): the planted leak (every search's
 * Tablesaw result table kept in a static map) is found with what it drags along, the one-time synonym cache is
 * init, and with the leak fixed nothing is a suspect.
 */
class RunDemoTest {
  static final String TABLE = "tech.tablesaw.api.Table";
  static final String HISTORY = "static dev.leakdiff.demo.IndexWorker.RESULT_HISTORY";

  @TempDir
  Path tmp;

  private static Path worker() {
    return Path.of("..", "testdata", "worker", "target").toAbsolutePath().normalize();
  }

  private static String workerClasspath() {
    return worker().resolve("classes") + java.io.File.pathSeparator + worker().resolve("lib") + "/*";
  }

  private static Map<String, JsonNode> byName(JsonNode classes) {
    Map<String, JsonNode> m = new HashMap<>();
    classes.forEach(c -> m.put(c.get("name").asText(), c));
    return m;
  }

  @Test
  void theTableIsTheLeakAndTheStaticMapHoldsIt() throws Exception {
    Path dir = tmp.resolve("dumps");
    ScenarioDumps.Result r = ScenarioDumps.run("run", "--classpath", workerClasspath(), "--scenario", DemoCommand.SCENARIO,
        "--iterations", "0,1,10,100", "--dir", dir.toString(), "--top", "0", "--fail-on-leak", "--format", "json");
    assertEquals(ExitCode.LEAK_FOUND.code, r.code(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    Map<String, JsonNode> classes = byName(report.get("comparison").get("classes"));

    Set<String> leaks = new HashSet<>();
    classes.forEach((name, c) -> {
      if (c.get("verdict").asText().equals("leak") || c.get("verdict").asText().equals("superlinear")) {
        leaks.add(name);
      }
    });
    assertTrue(leaks.contains(TABLE), leaks.toString());
    assertEquals(1.0, classes.get(TABLE).get("instancesPerIteration").asDouble(), 1e-9);
    // the table's contents leak with it: its columns and their arrays (int[] too, but the JDK's own int[]s
    // wobble by dozens between dumps on some versions, so it may be only "grows")
    for (String content : List.of("tech.tablesaw.api.DoubleColumn", "tech.tablesaw.api.IntColumn", "tech.tablesaw.api.StringColumn",
        "it.unimi.dsi.fastutil.doubles.DoubleArrayList", "double[]")) {
      assertTrue(leaks.contains(content), content + " not a leak: " + leaks);
    }
    assertEquals("init", classes.get("dev.leakdiff.demo.Synonyms$Synonym").get("verdict").asText());
    assertEquals(300, classes.get("dev.leakdiff.demo.Synonyms$Synonym").get("instances").get(3).asLong());
    assertEquals(List.copyOf(new java.util.TreeSet<>(leaks)), sorted(report.get("comparison").get("suspects")));

    // the only root of the leak is the table; every other suspect is held through it
    List<JsonNode> roots = RunJson.findings(report, "leak");
    assertEquals(1, roots.size(), roots.toString());
    assertEquals(TABLE, roots.get(0).get("class").asText());
    Set<String> held = new HashSet<>();
    roots.get(0).get("holds").forEach(h -> held.add(h.get("class").asText()));
    Set<String> others = new HashSet<>(leaks);
    others.remove(TABLE);
    assertEquals(others, held);
    assertTrue(RunJson.route(roots.get(0).get("route")).startsWith(HISTORY + " -> java.util.HashMap[value]"),
        roots.get(0).get("route").toString());

    // the table's chain starts at the static map's field and grew by 90 from 10 to 100 iterations
    JsonNode table = null;
    for (JsonNode h : report.get("holders")) {
      if (h.get("class").asText().equals(TABLE)) {
        table = h;
      }
    }
    assertTrue(table != null);
    assertTrue(table.get("heldThrough").isNull());
    JsonNode group = table.get("groups").get(0);
    assertEquals(90, group.get("growth").asLong());
    assertEquals(100, group.get("count").asLong());
    JsonNode chain = group.get("chain");
    assertTrue(chain.get(0).get("reference").asText().startsWith(HISTORY), chain.toString());
    assertEquals(TABLE, chain.get(chain.size() - 1).get("class").asText());

    // four stages, each with its dump kept, owner-only, and the process facts
    assertEquals(4, report.get("stages").size());
    for (JsonNode s : report.get("stages")) {
      Path dump = dir.resolve(s.get("dump").asText());
      assertTrue(Files.isRegularFile(dump), dump.toString());
      assertEquals(Files.size(dump), s.get("dumpBytes").asLong());
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)));
      assertTrue(s.get("rssBytes").asLong() > 10 << 20 && s.get("threads").asLong() > 5, s.toString());
    }
    assertEquals(dir.toAbsolutePath().toString(), report.get("directory").asText());
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("scenario.log"))));
  }

  @Test
  void withTheLeakFixedNothingLeaksAndTheExitCodeIsZero() throws Exception {
    ScenarioDumps.Result r = ScenarioDumps.run("run", "--classpath", workerClasspath(), "--scenario", DemoCommand.SCENARIO,
        "--jvm-arg=-Dleakdiff.demo.fixed=true", "--top", "0", "--no-keep", "--fail-on-leak", "--format", "json");
    assertEquals(ExitCode.OK.code, r.code(), r.err() + r.out());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals(0, report.get("comparison").get("suspects").size(), report.get("comparison").get("suspects").toString());
    assertEquals(List.of(), RunJson.findings(report, "leak"));
    assertFalse(report.get("leaking").asBoolean());
    Map<String, JsonNode> classes = byName(report.get("comparison").get("classes"));
    // the fix keeps one table per query: 8 queries, so the tables grow once and then stay
    assertEquals("init", classes.get(TABLE).get("verdict").asText());
    assertEquals(8, classes.get(TABLE).get("instances").get(3).asLong());
    assertTrue(report.get("directory").isNull());
  }

  @Test
  void theDemoEndsByNamingTheTableItsGrowthAndTheStaticMap() {
    ScenarioDumps.Result r = ScenarioDumps.run("demo");
    assertEquals(ExitCode.OK.code, r.code(), r.err());
    List<String> lines = new ArrayList<>(r.out().strip().lines().toList());
    String verdict = lines.get(lines.size() - 1);
    assertTrue(verdict.startsWith("Leak: " + TABLE + " grows by 1 per iteration ("), verdict);
    assertTrue(verdict.contains("held by " + HISTORY + " -> java.util.HashMap[value] -> java.util.ArrayList[*]; what it keeps was"
        + " created in tech.tablesaw.api.Table.first("), verdict);
    assertEquals("The dumps were deleted (--no-keep).", lines.get(lines.size() - 2));
    assertEquals(1, lines.stream().filter(l -> l.startsWith("Leak: ")).count(), r.out());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  private static List<String> sorted(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    out.sort(null);
    return out;
  }
}
