package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hunt.words.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help a person reads: at 80 columns no line is longer and no word is broken (the words are those of the same
 * help at 200 columns), each command lists the formats it prints and no other (a format its help names parses, one
 * it does not is refused), capture's help is about capture, the top-level help has examples, and the version names
 * the build and the JDK, as --version and as a command.
 */
class HelpTest {
  /** Each command, with the arguments that make a command line of it parse. */
  private static final Map<Main.Name, List<String>> REQUIRED = Map.of(
      Main.Name.DEMO, List.of(),
      Main.Name.RUN, List.of("--classpath", "x.jar", "--scenario", "com.acme.S"),
      Main.Name.HISTO, List.of("a.hprof"),
      Main.Name.COMPARE, List.of("a.hprof", "b.hprof"),
      Main.Name.PATHS, List.of("--type", "X", "a.hprof"),
      Main.Name.RETAINED, List.of("a.hprof"),
      Main.Name.CAPTURE, List.of("1"),
      Main.Name.WATCH, List.of("1"),
      Main.Name.VERSION, List.of());

  private static String help(int width, String... command) {
    CommandLine cl = Main.commandLine(Words.english(), Main.Name.values());
    CommandLine c = command.length == 0 ? cl : cl.getSubcommands().get(command[0]);
    c.setUsageHelpWidth(width);
    return c.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  private static List<String[]> everyHelp() {
    List<String[]> all = new ArrayList<>();
    all.add(new String[0]);
    for (Main.Name n : Main.Name.values()) {
      all.add(new String[] {n.word()});
    }
    return all;
  }

  @Test
  void noLineOver80ColumnsAndNoWordBroken() {
    for (String[] command : everyHelp()) {
      String narrow = help(80, command);
      String name = command.length == 0 ? "leakdiff" : command[0];
      narrow.lines().forEach(l -> assertTrue(l.length() <= 80, name + ": " + l.length() + " columns: " + l));
      List<String> whole = words(help(200, command));
      List<String> wrapped = words(narrow);
      for (int i = 0; i < Math.min(whole.size(), wrapped.size()); i++) {
        assertEquals(whole.get(i), wrapped.get(i), name + "'s help breaks a word at 80 columns");
      }
      assertEquals(whole.size(), wrapped.size(), name);
    }
  }

  @Test
  void eachCommandListsTheFormatsItPrintsAndNoOther() {
    for (Main.Name n : Main.Name.values()) {
      String help = help(200, n.word());
      String formatLine = help.lines().filter(l -> l.trim().startsWith("--format=FORMAT")).findFirst().orElse("");
      for (Options.Format f : Options.Format.values()) {
        List<String> args = new ArrayList<>(List.of(n.word(), "--format", f.name()));
        args.addAll(REQUIRED.get(n));
        boolean parses;
        try {
          Main.commandLine(Words.english(), n).parseArgs(args.toArray(new String[0]));
          parses = true;
        } catch (CommandLine.ParameterException e) {
          parses = false;
        }
        assertEquals(parses, formatLine.matches(".*\\b" + f.name() + "\\b.*"), n.word() + " --format " + f + ": " + formatLine);
      }
    }
  }

  @Test
  void eachCommandExplainsItsOwnOptions() {
    String capture = help(200, "capture");
    assertFalse(capture.contains("scenario"), "capture's help speaks of run's scenario: " + capture);
    assertTrue(capture.contains("Longest wait for the dump"), capture);
    assertTrue(help(200, "run").contains("Longest wait for each step"));
    assertFalse(help(200, "histo").contains("--all"), "histo of one dump has no classes that did not change");
    assertTrue(help(200, "compare").contains("--all"));
  }

  @Test
  void everyCommandTakesHelpAndVersion() {
    for (Main.Name n : Main.Name.values()) {
      for (String option : List.of("--help", "--version")) {
        ScenarioDumps.Result r = ScenarioDumps.run(n.word(), option);
        assertEquals(0, r.code(), n.word() + " " + option + ": " + r.err());
      }
    }
  }

  @Test
  void theTopLevelHelpHasExamples() {
    String help = help(80);
    List<String> lines = help.lines().toList();
    int at = lines.indexOf("Examples:");
    assertTrue(at > 0, help);
    assertTrue(lines.get(at + 1).startsWith("  leakdiff "), help);
    assertTrue(lines.stream().skip(at + 1).takeWhile(l -> !l.isEmpty()).count() >= 4, help);
  }

  @Test
  void theVersionNamesTheBuildAndTheJdk() {
    ScenarioDumps.Result option = ScenarioDumps.run("--version");
    ScenarioDumps.Result command = ScenarioDumps.run("version");
    assertEquals(0, option.code(), option.err());
    assertEquals(0, command.code(), command.err());
    assertEquals(option.out(), command.out());
    List<String> lines = option.out().lines().toList();
    assertTrue(lines.get(0).matches("leakdiff \\S+ \\(build [0-9a-f]{7,}(-dirty)?\\)"), lines.get(0));
    assertEquals("JDK " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ", "
        + System.getProperty("java.home") + ")", lines.get(1));
  }
}
