package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.leakdiff.hunt.findings.Gate;
import org.junit.jupiter.api.Test;

/**
 * docs/exit-codes.md's table says what {@link ExitCode} says, code for code and word for word (the page sets names of
 * options and variables in backticks), in the same order: the page cannot drift from the codes the command exits with,
 * nor from the list its --help ends with.
 */
class ExitCodesDocTest {
  private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*(.*?)\\s*\\|\\s*$");

  @Test
  void theDocsTableIsTheEnum() throws Exception {
    Path page = Path.of("..", "docs", "exit-codes.md");
    assertTrue(Files.isRegularFile(page), page.toAbsolutePath() + " is missing");
    Map<Integer, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(page)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        String before = documented.put(Integer.parseInt(m.group(1)), m.group(2).replace("`", ""));
        assertEquals(null, before, "code " + m.group(1) + " twice in " + page);
      }
    }
    Map<Integer, String> code = new LinkedHashMap<>();
    for (ExitCode c : ExitCode.values()) {
      code.put(c.code, c.meaning);
    }
    assertEquals(code, documented, page + " and ExitCode disagree (ExitCode is the one list: copy it to the page)");
  }

  private static final Pattern GATE_ROW = Pattern.compile("^\\|[^|]*\\|\\s*`(\\w+)`\\s*\\|\\s*([a-z ]+?)\\s*\\(.*\\|\\s*$");

  /** The page's table of what --fail-on-leak makes of each kind of finding is Gate's, row for row. */
  @Test
  void theGateTableIsGates() throws Exception {
    Map<String, Gate.Effect> words = Map.of("passes", Gate.Effect.PASSES, "unclear", Gate.Effect.UNCLEAR, "leak", Gate.Effect.LEAK,
        "cannot judge", Gate.Effect.SERIES);
    Map<String, Gate.Effect> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("..", "docs", "exit-codes.md"))) {
      Matcher m = GATE_ROW.matcher(line);
      if (m.matches()) {
        assertTrue(words.containsKey(m.group(2)), "no such effect: " + line);
        documented.put(m.group(1), words.get(m.group(2)));
      }
    }
    assertEquals(Gate.TABLE, documented, "docs/exit-codes.md and Gate.TABLE disagree (Gate is the one rule: copy it to the page)");
  }

  @Test
  void everyCodeIsDistinct() {
    assertEquals(ExitCode.values().length,
        java.util.Arrays.stream(ExitCode.values()).mapToInt(c -> c.code).distinct().count());
  }
}
