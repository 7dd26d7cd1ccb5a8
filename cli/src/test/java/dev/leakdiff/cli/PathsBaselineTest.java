package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** paths --baseline on dumps after 10 and 100 iterations of the planted leak: the planted chain grows by 90 x 100. */
class PathsBaselineTest {
  private static JsonNode baseline(String type) throws Exception {
    Path dir = ScenarioDumps.planted();
    ScenarioDumps.Result r = ScenarioDumps.run("paths", "--type", type, "--format=json", "--limit=50",
        "--baseline", dir.resolve("iter-10.hprof").toString(), dir.resolve("iter-100.hprof").toString());
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void theLeakedItemsChainGrowsByNinetyIterations() throws Exception {
    JsonNode r = baseline("LeakedItem");
    assertEquals(1, r.get("groups").size(), r.toPrettyString());
    JsonNode g = r.get("groups").get(0);
    assertEquals(90 * 100, g.get("growth").asLong());
    assertEquals(1_000, g.get("baselineCount").asLong());
    assertTrue(g.get("chain").get(0).get("reference").asText().startsWith("static PlantedLeak.LEAKED "), g.toString());
    assertEquals("java.util.ArrayList[*]", g.get("chain").get(1).get("reference").asText());
  }

  @Test
  void whatTheLeakHoldsGrowsAlongTheSameRouteAndTheCacheDoesNot() throws Exception {
    JsonNode tags = baseline("PlantedLeak$Tag");
    assertEquals(1, tags.get("groups").size());
    assertEquals(9_000, tags.get("groups").get(0).get("growth").asLong());
    assertEquals("PlantedLeak$LeakedItem.tag", tags.get("groups").get(0).get("chain").get(2).get("reference").asText());
    JsonNode cache = baseline("CacheEntry");
    for (JsonNode g : cache.get("groups")) {
      assertEquals(0, g.get("growth").asLong(), g.toString());
    }
  }
}
