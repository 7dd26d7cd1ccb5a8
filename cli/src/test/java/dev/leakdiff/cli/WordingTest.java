package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakdiff.cli.scenarios.CountingScenario;
import dev.leakdiff.hunt.words.OtherWords;
import dev.leakdiff.hunt.words.Words;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing decides on words: every command renders with a second wording ({@link OtherWords}) and its exit codes,
 * --fail-on-leak included, and its JSON (the words aside: a finding's text, a hop's reference) are the same as with
 * leakdiff's own.
 */
class WordingTest {
  private record Run(int code, String out) {}

  private static Run run(Words words, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(words, new PrintStream(out, true), new PrintStream(err, true), args);
    return new Run(code, out.toString());
  }

  /** The JSON with its words taken out: every "text" and "reference" field. */
  private static JsonNode values(String json) throws Exception {
    JsonNode tree = new ObjectMapper().readTree(json);
    strip(tree);
    return tree;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove(List.of("text", "reference"));
      o.forEach(WordingTest::strip);
    } else if (n instanceof ArrayNode a) {
      a.forEach(WordingTest::strip);
    }
  }

  /**
   * The command in both wordings: the same exit code and JSON values (and, where its JSON holds words, other words);
   * the same exit code as text.
   */
  private static JsonNode both(boolean words, String... args) throws Exception {
    List<String> json = new ArrayList<>(List.of(args));
    json.addAll(List.of("--format", "json"));
    Run english = run(Words.english(), json.toArray(new String[0]));
    Run other = run(new OtherWords(), json.toArray(new String[0]));
    assertEquals(english.code(), other.code(), String.join(" ", args));
    assertEquals(values(english.out()), values(other.out()), String.join(" ", args));
    if (words) {
      assertNotEquals(english.out(), other.out(), "the words differ");
    }
    Run text = run(Words.english(), args);
    Run otherText = run(new OtherWords(), args);
    assertEquals(text.code(), otherText.code());
    assertEquals(english.code(), text.code());
    return values(english.out());
  }

  @Test
  void compareAndItsGateDoNotDependOnWords() throws Exception {
    Path dir = ScenarioDumps.planted();
    List<String> dumps = new ArrayList<>();
    for (String i : List.of("0", "1", "10", "100")) {
      dumps.add(dir.resolve("iter-" + i + ".hprof").toString());
    }
    List<String> args = new ArrayList<>(List.of("compare", "--iterations", "0,1,10,100", "--fail-on-leak"));
    args.addAll(dumps);
    JsonNode v = both(true, args.toArray(new String[0]));
    assertTrue(v.get("findings").size() > 0, v.toString());
    assertEquals(ExitCode.LEAK_FOUND.code, run(new OtherWords(), args.toArray(new String[0])).code());
    String text = run(new OtherWords(), args.toArray(new String[0])).out();
    assertTrue(text.contains(OtherWords.MARK + "finding suspect LEAKING"), text);
    assertTrue(text.contains("V-LEAK"), text);
    assertFalse(text.contains("Leak suspects (") && text.contains("leak        PlantedLeak"), text);
  }

  @Test
  void pathsAndHistoDoNotDependOnWords() throws Exception {
    Path dump = ScenarioDumps.planted().resolve("iter-100.hprof");
    JsonNode paths = both(true, "paths", "--type", "LeakedItem", "--baseline", ScenarioDumps.planted().resolve("iter-10.hprof").toString(),
        dump.toString());
    assertEquals("staticField", paths.get("groups").get(0).get("chain").get(0).get("kind").asText(), paths.toString());
    both(false, "histo", "--top", "5", dump.toString());
    String text = run(new OtherWords(), "paths", "--type", "LeakedItem", dump.toString()).out();
    assertTrue(text.contains("<STATIC_FIELD PlantedLeak LEAKED>"), text);
    assertFalse(text.contains("static PlantedLeak.LEAKED"), text);
  }

  @Test
  void runAndItsGateDoNotDependOnWords() throws Exception {
    String cp = Path.of(CountingScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    String[] args = {"run", "-cp", cp, "--scenario", CountingScenario.class.getName() + "#once", "--no-keep", "--fail-on-leak",
        "--format", "json"};
    Run english = run(Words.english(), args);
    Run other = run(new OtherWords(), args);
    assertEquals(ExitCode.LEAK_FOUND.code, english.code(), english.out());
    assertEquals(english.code(), other.code());
    // two runs of the scenario: the process's facts differ, the findings do not
    JsonNode a = values(english.out());
    JsonNode b = values(other.out());
    assertEquals(a.get("leaking"), b.get("leaking"));
    assertEquals(a.get("comparison").get("suspects"), b.get("comparison").get("suspects"));
    List<JsonNode> leaksA = RunJson.findings(a, "leak");
    List<JsonNode> leaksB = RunJson.findings(b, "leak");
    assertEquals(1, leaksA.size(), a.get("findings").toString());
    assertEquals(leaksA.get(0).get("class"), leaksB.get(0).get("class"));
    assertEquals(leaksA.get(0).get("route"), leaksB.get(0).get("route"));
    assertTrue(RunJson.findings(new ObjectMapper().readTree(other.out()), "leak").get(0).get("text").asText()
        .startsWith(OtherWords.MARK + "finding leak LEAKING"), other.out());
  }
}
