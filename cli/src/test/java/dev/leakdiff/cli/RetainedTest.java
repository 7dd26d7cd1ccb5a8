package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * retained on the dump a real JVM wrote when it ran out of memory (testdata/scenarios/OomService.java, a service that
 * keeps a session per request in a static map): the map's static field comes first, with its share, where its bytes
 * pile up and what they are, then the 2 MiB list beside it; and the stack of the thread that ran out of memory. The
 * expected figures come from the service (the requests it handled, its source lines), not from leakdiff.
 */
class RetainedTest {
  private static final Path SOURCE = ScenarioDumps.root().resolve("testdata/scenarios/OomService.java");

  @Test
  void namesTheStaticMapFirstWithItsShareAndTheStackThatRanOutOfMemory() throws Exception {
    Path dump = ScenarioDumps.outOfMemory();
    ScenarioDumps.Result r = ScenarioDumps.run("retained", dump.toString());
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    List<String> lines = out.lines().toList();
    int first = lines.indexOf(lines.stream().filter(l -> l.matches("#1  \\S.*")).findFirst().orElseThrow(() -> new AssertionError(out)));
    assertTrue(lines.get(first).startsWith("#1  java.util.HashMap keeps "), out);
    assertTrue(lines.get(first + 1).strip().startsWith("static OomService.CACHE "), out);
    Matcher share = Pattern.compile("\\((\\d+\\.\\d)% of what strong references keep\\)").matcher(lines.get(first));
    assertTrue(share.find(), lines.get(first));
    assertTrue(Double.parseDouble(share.group(1)) > 80, lines.get(first));
    assertTrue(out.contains("its bytes pile up in a java.util.HashMap$Node[]"), out);
    assertTrue(out.contains("static OomService.WARM "), out);
    assertTrue(out.contains("The thread 'main' ran out of memory here"), out);
    assertTrue(out.contains("at OomService.main(OomService.java:" + line("handle(request++);") + ")"), out);
    assertTrue(out.indexOf("at OomService.handle(OomService.java:") < out.indexOf("at OomService.main("), out);
  }

  @Test
  void jsonHasTheRouteTheShareWhatTheMapHoldsAndTheStack() throws Exception {
    Path dump = ScenarioDumps.outOfMemory();
    ScenarioDumps.Result r = ScenarioDumps.run("retained", "--format", "json", dump.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    JsonNode top = j.get("retainers").get(0);
    assertEquals("static OomService.CACHE", RunJson.route(top.get("route")).split(" -> ")[0], top.toString());
    assertTrue(top.get("share").asDouble() > 0.8, top.toString());
    assertTrue(top.get("retainedBytes").asLong() <= j.get("strongBytes").asLong());
    // every session the service kept is in the map: the requests it handled, less the one that ran out of memory
    long handled = requestsHandled();
    long sessions = count(top.get("madeOf"), "OomService$Session");
    assertTrue(sessions == handled - 1 || sessions == handled, sessions + " sessions of " + handled + " requests");
    assertEquals("java.util.HashMap$Node[]", top.get("pile").get("class").asText());
    // the list beside it: 64 arrays of 32 KiB, each with a 16-byte header, and the list's own objects
    JsonNode warm = null;
    for (JsonNode x : j.get("retainers")) {
      if (RunJson.route(x.get("route")).startsWith("static OomService.WARM")) {
        warm = x;
      }
    }
    assertTrue(warm != null, j.toString());
    assertEquals(64, count(warm.get("madeOf"), "byte[]"));
    assertTrue(warm.get("retainedBytes").asLong() >= 64L * (32 * 1024 + 16), warm.toString());
    assertTrue(warm.get("retainedBytes").asLong() < 64L * (32 * 1024 + 16) + 4096, warm.toString());
    List<String> frames = new ArrayList<>();
    j.get("outOfMemory").get("frames").forEach(f -> frames.add(f.get("class").asText() + "." + f.get("method").asText() + ":" + f.get("line").asText()));
    assertEquals("main", j.get("outOfMemory").get("thread").asText());
    assertTrue(frames.contains("OomService.main:" + line("handle(request++);")), frames.toString());
  }

  private static long count(JsonNode parts, String className) {
    for (JsonNode p : parts) {
      if (p.get("class").asText().equals(className)) {
        return p.get("count").asLong();
      }
    }
    throw new AssertionError(className + " not in " + parts);
  }

  private static long requestsHandled() throws Exception {
    Matcher m = Pattern.compile("out of memory after (\\d+) requests").matcher(Files.readString(ScenarioDumps.outOfMemory().resolveSibling("out.txt")));
    assertTrue(m.find());
    return Long.parseLong(m.group(1));
  }

  /** The source line (1-based) holding the text. */
  private static int line(String text) throws Exception {
    List<String> src = Files.readAllLines(SOURCE);
    for (int i = 0; i < src.size(); i++) {
      if (src.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + SOURCE);
  }
}
