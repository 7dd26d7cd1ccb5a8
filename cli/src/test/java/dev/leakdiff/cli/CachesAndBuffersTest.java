package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakdiff.cli.scenarios.BoundedCaffeineCache;
import dev.leakdiff.cli.scenarios.DebugTrace;
import dev.leakdiff.cli.scenarios.GrowingOutput;
import dev.leakdiff.cli.scenarios.HugeCaffeineCache;
import dev.leakdiff.cli.scenarios.LruCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verdicts on bytes and on bounds, in real child JVMs, text and JSON: a static StringBuilder trace and a
 * ByteArrayOutputStream grow in bytes with one object each, and are leaks named by their holder; an LRU map bounded at
 * 64 in code stops (a stage is added when its growth slows) and a Caffeine cache bounded at 500 is filling: neither
 * fails --fail-on-leak, both named with their bound; a Caffeine bound that would not fit in the heap is a leak.
 */
class CachesAndBuffersTest {
  private record Both(int code, String text, JsonNode json) {
    String last() {
      return text.substring(text.lastIndexOf("The dumps were deleted"));
    }
  }

  private static Both run(Class<?> scenario, String... more) throws Exception {
    String cp = Path.of(scenario.getProtectionDomain().getCodeSource().getLocation().toURI()) + java.io.File.pathSeparator
        + Path.of(com.github.benmanes.caffeine.cache.Caffeine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> args = new ArrayList<>(List.of("run", "-cp", cp, "--scenario", scenario.getName(), "--no-keep", "--fail-on-leak"));
    args.addAll(List.of(more));
    ScenarioDumps.Result text = ScenarioDumps.run(args.toArray(new String[0]));
    args.addAll(List.of("--format", "json"));
    ScenarioDumps.Result json = ScenarioDumps.run(args.toArray(new String[0]));
    assertEquals(text.code(), json.code(), json.err());
    assertTrue(text.code() == 0 || text.code() == 3, text.err());
    return new Both(text.code(), text.out(), new ObjectMapper().readTree(json.out()));
  }

  @Test
  void aStaticStringBuilderTraceIsALeakInBytes() throws Exception {
    Both r = run(DebugTrace.class);
    assertEquals(3, r.code(), r.text());
    JsonNode f = RunJson.finding(r.json(), "bytesGrowth");
    assertTrue(f != null, r.json().get("findings").toString());
    assertEquals("byte[]", f.get("class").asText());
    assertEquals("static " + DebugTrace.class.getName() + ".DEBUG_LOG -> java.lang.StringBuilder.value", RunJson.route(f.get("route")));
    assertEquals(1, f.get("objects").asLong());
    // each call appends "call N: " and 100 times "step-D " (7 characters): about 710 bytes; an array grows by doubling
    double perCall = f.get("routeBytesPerIteration").asDouble();
    assertTrue(perCall > 500 && perCall < 2 * 720, "" + perCall);
    assertTrue(r.json().get("leaking").asBoolean());
    assertTrue(r.last().contains("Leak: byte[] grows in bytes, not in number: "), r.last());
    assertTrue(r.last().contains(" on static " + DebugTrace.class.getName() + ".DEBUG_LOG -> java.lang.StringBuilder.value"), r.last());
  }

  @Test
  void aByteArrayOutputStreamNeverResetIsALeakInBytes() throws Exception {
    Both r = run(GrowingOutput.class);
    assertEquals(3, r.code(), r.text());
    JsonNode f = RunJson.finding(r.json(), "bytesGrowth");
    assertTrue(f != null, r.json().get("findings").toString());
    assertEquals("static " + GrowingOutput.class.getName() + ".SERVICE -> " + GrowingOutput.class.getName()
        + "$Service.lastOutput -> java.io.ByteArrayOutputStream.buf", RunJson.route(f.get("route")));
    double perCall = f.get("routeBytesPerIteration").asDouble();
    assertTrue(perCall >= 1500 * 0.9 && perCall < 2 * 1500, "" + perCall);
  }

  @Test
  void anLruMapBoundedInCodeStopsAndIsNoLeak() throws Exception {
    Both r = run(LruCache.class);
    assertEquals(0, r.code(), r.text());
    assertEquals("[0,1,10,100,200]", r.json().get("iterations").toString(), "a stage added when growth slowed");
    assertFalse(r.json().get("leaking").asBoolean(), r.json().get("findings").toString());
    assertEquals(List.of(), RunJson.findings(r.json(), "leak"));
    JsonNode f = RunJson.finding(r.json(), "boundedCache");
    assertTrue(f != null, r.json().get("findings").toString());
    assertTrue(f.get("plateau").asBoolean());
    assertEquals("java.util.LinkedHashMap$Entry", f.get("class").asText());
    assertEquals(LruCache.BOUND, f.get("entries").asLong());
    assertTrue(RunJson.route(f.get("route")).startsWith("static " + LruCache.class.getName() + ".RECENT -> "), f.toString());
    assertTrue(r.last().contains("Bounded: java.util.LinkedHashMap$Entry (with "), r.last());
    assertTrue(r.last().contains(" stopped at " + LruCache.BOUND + ": "), r.last());
  }

  @Test
  void aCaffeineCacheFillingUpToItsBoundIsNoLeak() throws Exception {
    Both r = run(BoundedCaffeineCache.class);
    assertEquals(0, r.code(), r.text());
    assertFalse(r.json().get("leaking").asBoolean(), r.json().get("findings").toString());
    JsonNode f = RunJson.finding(r.json(), "boundedCache");
    assertTrue(f != null, r.json().get("findings").toString());
    assertFalse(f.get("plateau").asBoolean());
    assertEquals(500, f.get("bound").asLong());
    assertTrue(f.get("entries").asLong() >= 100 && f.get("entries").asLong() <= 101, f.toString());
    assertTrue(r.last().contains(" in a cache bounded at 500 entries, now 10"), r.last());
  }

  @Test
  void aCaffeineBoundThatWouldFillTheHeapIsALeak() throws Exception {
    Both r = run(HugeCaffeineCache.class, "--jvm-arg=-Xmx64m");
    assertEquals(3, r.code(), r.text());
    JsonNode f = RunJson.finding(r.json(), "boundedCache");
    assertTrue(f != null, r.json().get("findings").toString());
    assertEquals(10_000_000, f.get("bound").asLong());
    assertTrue(f.get("fillsHeap").asBoolean(), f.toString());
    assertTrue(f.get("leak").asBoolean());
    assertEquals(64L << 20, f.get("maxHeapBytes").asLong(), f.toString());
    assertTrue(r.last().contains("Leak: "), r.last());
    assertTrue(r.last().contains("more than the heap's maximum (64.0 MiB)"), r.last());
  }
}
