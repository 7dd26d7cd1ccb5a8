package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** compare on real dumps of the planted scenario: the leak is a leak, the cache is init, nothing else is a suspect. */
class PlantedLeakCompareTest {
  private static final Set<String> PLANTED = Set.of(
      "PlantedLeak$LeakedItem", "PlantedLeak$Tag", "PlantedLeak$LeakedItem[]", "byte[]");
  private static final String CACHE = "PlantedLeak$CacheEntry";

  private static JsonNode compare(String iterations, String... iters) throws Exception {
    Path dir = ScenarioDumps.planted();
    String[] args = new String[5 + iters.length];
    args[0] = "compare";
    args[1] = "--iterations";
    args[2] = iterations;
    args[3] = "--format=json";
    args[4] = "--all";
    for (int i = 0; i < iters.length; i++) {
      args[5 + i] = dir.resolve("iter-" + iters[i] + ".hprof").toString();
    }
    ScenarioDumps.Result r = ScenarioDumps.run(args);
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  private static Map<String, JsonNode> byName(JsonNode report) {
    Map<String, JsonNode> m = new HashMap<>();
    report.get("classes").forEach(c -> m.put(c.get("name").asText(), c));
    return m;
  }

  private static Set<String> suspects(JsonNode report) {
    Set<String> s = new TreeSet<>();
    report.get("suspects").forEach(n -> s.add(n.asText()));
    return s;
  }

  @Test
  void withBaselineTheLeakIsLeakAndTheCacheIsInit() throws Exception {
    JsonNode report = compare("0,1,10,100", "0", "1", "10", "100");
    assertEquals(new TreeSet<>(PLANTED), suspects(report));
    Map<String, JsonNode> classes = byName(report);
    for (String leak : PLANTED) {
      assertEquals("leak", classes.get(leak).get("verdict").asText(), leak);
    }
    assertEquals("init", classes.get(CACHE).get("verdict").asText());
    JsonNode item = classes.get("PlantedLeak$LeakedItem");
    assertEquals(100.0, item.get("instancesPerIteration").asDouble(), 1e-9);
    assertEquals("[0,100,1000,10000]", item.get("instances").toString());
    assertEquals(4, report.get("dumps").size());
    assertEquals(100, report.get("dumps").get(3).get("iterations").asLong());
  }

  @Test
  void withoutBaselineTheCacheIsStable() throws Exception {
    JsonNode report = compare("1,10,100", "1", "10", "100");
    assertEquals(new TreeSet<>(PLANTED), suspects(report));
    assertEquals("stable", byName(report).get(CACHE).get("verdict").asText());
  }

  @Test
  void failOnLeakExitsWithItsOwnCodeOnlyWhenSomethingLeaks() {
    Path dir = ScenarioDumps.planted();
    ScenarioDumps.Result leaking = ScenarioDumps.run("compare", "--iterations", "1,10,100", "--fail-on-leak",
        dir.resolve("iter-1.hprof").toString(), dir.resolve("iter-10.hprof").toString(), dir.resolve("iter-100.hprof").toString());
    assertEquals(ExitCode.LEAK_FOUND.code, leaking.code(), leaking.err());
    assertTrue(leaking.out().contains("Leak suspects (4)"), leaking.out());
    // the same state twice, as plain and gzip dumps: nothing grows, and two dumps cannot tell a leak from a step
    ScenarioDumps.Result same = ScenarioDumps.run("compare", "--iterations", "10,100", "--fail-on-leak",
        dir.resolve("iter-100.hprof").toString(), dir.resolve("iter-100.hprof.gz").toString());
    assertEquals(ExitCode.CANNOT_JUDGE.code, same.code(), same.err() + same.out());
    assertTrue(same.out().contains("No leak suspects"), same.out());
  }

  @Test
  void tableShowsTheVerdictAndRatePerSuspect() {
    Path dir = ScenarioDumps.planted();
    ScenarioDumps.Result r = ScenarioDumps.run("compare", "--iterations", "1,10,100",
        dir.resolve("iter-1.hprof").toString(), dir.resolve("iter-10.hprof").toString(), dir.resolve("iter-100.hprof").toString());
    assertEquals(0, r.code(), r.err());
    String line = r.out().lines().filter(l -> l.endsWith(" PlantedLeak$LeakedItem")).findFirst().orElseThrow();
    assertTrue(line.matches("leak\\s+100\\s+1,000\\s+10,000\\s+3\\.1 KiB\\s+31\\.3 KiB\\s+312\\.5 KiB\\s+\\+9,900\\s+"
        + "\\+309\\.4 KiB\\s+\\+100 obj, \\+3\\.1 KiB\\s+PlantedLeak\\$LeakedItem"), line);
  }
}
