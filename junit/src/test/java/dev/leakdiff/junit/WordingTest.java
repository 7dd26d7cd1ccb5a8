package dev.leakdiff.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakdiff.hunt.check.LeakFound;
import dev.leakdiff.hunt.words.OtherWords;
import dev.leakdiff.junit.examples.LeakExamples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A leak test's outcome never depends on words: the same examples, their failure messages worded by a second wording
 * (the configuration parameter leakdiff.words), pass and fail alike, and their findings are the same values.
 */
class WordingTest extends DumpsInTempDir {
  /** One outcome: passed, or the failure's type; and the leak findings' kinds and classes, from the report entry. */
  private record Outcome(String result, List<String> leaks, boolean leaking) {}

  private static Outcome run(Class<?> c, String words) throws Exception {
    var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(c));
    if (words != null) {
      request = request.configurationParameter(LeakTestExtension.WORDS_PARAMETER, words);
    }
    Events events = request.execute().testEvents();
    List<Event> failed = events.failed().list();
    String result = failed.isEmpty() ? "passed"
        : failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getClass().getName();
    String json = events.reportingEntryPublished().stream().map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
        .filter(m -> m.containsKey("leakdiff.findings")).map(m -> m.get("leakdiff.findings")).findFirst().orElseThrow();
    JsonNode doc = new ObjectMapper().readTree(json);
    List<String> leaks = new ArrayList<>();
    doc.get("leaks").forEach(f -> leaks.add(f.get("kind").asText() + " " + f.get("class").asText()));
    if (words != null && !failed.isEmpty()) {
      Throwable t = failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
      assertInstanceOf(LeakFound.class, t);
      assertTrue(t.getMessage().startsWith(OtherWords.MARK + "check "), "the message is in the other wording: " + t.getMessage());
      doc.get("leaks").forEach(f -> assertTrue(f.get("text").asText().startsWith(OtherWords.MARK), f.toString()));
    }
    return new Outcome(result, leaks, doc.get("leaking").asBoolean());
  }

  @Test
  void theOutcomeAndTheFindingsAreTheSameInEitherWording() throws Exception {
    for (Class<?> c : List.of(LeakExamples.StaticList.class, LeakExamples.Clean.class, LeakExamples.AllowedByName.class)) {
      Outcome english = run(c, null);
      Outcome other = run(c, OtherWords.class.getName());
      assertEquals(english, other, c.getName());
    }
    Outcome leak = run(LeakExamples.StaticList.class, null);
    assertEquals(LeakFound.class.getName(), leak.result());
    assertEquals(List.of("leak " + LeakExamples.Item.class.getName()), leak.leaks());
    assertTrue(leak.leaking());
    assertFalse(run(LeakExamples.Clean.class, OtherWords.class.getName()).leaking());
  }
}
