package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakdiff.cli.scenarios.ContextsInHashMap;
import dev.leakdiff.cli.scenarios.RequestContext;
import dev.leakdiff.cli.scenarios.SharedPayload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What fixing a leak frees, in real child JVMs: the leak's retained bytes per iteration against the bytes the scenario
 * really keeps per call, measured apart from the finding: the growth of the classes it allocates in the class histograms
 * of the last two dumps (checked against the JVM's own histogram elsewhere); and two leaks that keep the same payload
 * share it in halves.
 */
class LeakCostTest {
  @TempDir
  Path tmp;

  @Test
  void aMapOfContextsFreesWhatEachCallKeeps() throws Exception {
    Path dir = tmp.resolve("map");
    JsonNode run = run(ContextsInHashMap.class, dir);
    JsonNode leak = only(run);
    // per call: a context, its id (a String and its bytes), its payload, the map's node and a boxed key
    double kept = growth(dir, List.of(RequestContext.class.getName(), "java.lang.String", "byte[]", "java.util.HashMap$Node",
        "java.lang.Long"));
    double freed = leak.get("retainedBytesPerIteration").asDouble();
    assertTrue(Math.abs(freed - kept) <= 0.1 * kept, "frees " + freed + " per iteration, keeps " + kept);
    assertTrue(leak.get("retainedBytes").asLong() >= 100 * kept * 0.9, leak.toString());
    assertEquals(0, leak.get("sharedRetainedBytes").asLong());
    assertTrue(leak.get("text").asText().contains("fixing it frees "), leak.get("text").asText());
  }

  @Test
  void twoLeaksThatKeepOnePayloadShareItInHalves() throws Exception {
    Path dir = tmp.resolve("payload");
    JsonNode run = run(SharedPayload.class, dir);
    List<JsonNode> leaks = RunJson.findings(run, "leak");
    assertEquals(2, leaks.size(), run.get("findings").toString());
    Map<String, Double> own = Map.of(SharedPayload.AuditRecord.class.getName(), growth(dir, List.of(SharedPayload.AuditRecord.class.getName())),
        SharedPayload.Trace.class.getName(), growth(dir, List.of(SharedPayload.Trace.class.getName(), "int[]")));
    double payload = growth(dir, List.of("byte[]"));
    double sum = 0;
    for (JsonNode leak : leaks) {
      double expected = own.get(leak.get("class").asText()) + payload / 2;
      double freed = leak.get("retainedBytesPerIteration").asDouble();
      assertTrue(Math.abs(freed - expected) <= 0.1 * expected, leak.get("class") + " frees " + freed + ", expected " + expected);
      assertTrue(leak.get("sharedRetainedBytes").asLong() > 0, leak.toString());
      assertTrue(leak.get("text").asText().contains("of it shared with other leaks"), leak.get("text").asText());
      sum += freed;
    }
    double all = own.values().stream().mapToDouble(Double::doubleValue).sum() + payload;
    assertTrue(Math.abs(sum - all) <= 0.1 * all, "together " + sum + ", keep " + all);
  }

  private static JsonNode only(JsonNode run) {
    List<JsonNode> leaks = RunJson.findings(run, "leak");
    assertEquals(1, leaks.size(), run.get("findings").toString());
    return leaks.get(0);
  }

  private static JsonNode run(Class<?> scenario, Path dir) throws Exception {
    String cp = Path.of(scenario.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    ScenarioDumps.Result r = ScenarioDumps.run("run", "-cp", cp, "--scenario", scenario.getName(), "--dir", dir.toString(),
        "--format", "json");
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  /** The bytes per iteration these classes grew by between the dumps after 10 and 100 iterations (their histograms). */
  private static double growth(Path dir, List<String> classes) throws Exception {
    return (bytes(dir.resolve("iter-100.hprof"), classes) - bytes(dir.resolve("iter-10.hprof"), classes)) / 90.0;
  }

  private static long bytes(Path dump, List<String> classes) throws Exception {
    ScenarioDumps.Result r = ScenarioDumps.run("histo", "--top", "0", "--format", "json", dump.toString());
    assertEquals(0, r.code(), r.err());
    long sum = 0;
    for (JsonNode c : new ObjectMapper().readTree(r.out()).get("classes")) {
      if (classes.contains(c.get("name").asText())) {
        sum += c.get("bytes").asLong();
      }
    }
    return sum;
  }
}
