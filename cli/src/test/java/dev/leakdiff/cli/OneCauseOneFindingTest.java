package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.leakdiff.cli.scenarios.ContextsInConcurrentHashMap;
import dev.leakdiff.cli.scenarios.ContextsInHashMap;
import dev.leakdiff.cli.scenarios.ContextsInHashSet;
import dev.leakdiff.cli.scenarios.ContextsInLinkedList;
import dev.leakdiff.cli.scenarios.ContextsInOwnField;
import dev.leakdiff.cli.scenarios.ContextsInTreeMap;
import dev.leakdiff.cli.scenarios.ContextsInUnboundedCaffeine;
import dev.leakdiff.cli.scenarios.ContextsInUnpolledQueue;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a user must see for one leak with one cause: each scenario keeps one small context object per call in one
 * collection (so the context, the collection's entries, the keys... all grow together), and leakdiff run must
 * give exactly one Leak: line, naming what holds the collection: the static field, or for a scenario's own
 * field the scenario, re-rooted there. No chain shown to a user starts at leakdiff's runner.
 */
class OneCauseOneFindingTest {
  private static final String RUNNER = "dev.leakdiff.runner";

  private static String locationOf(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** Runs the scenario once through leakdiff run (text), from the test classes and the jars of the given classes. */
  private static String run(Class<?> scenario, Class<?>... libraries) throws Exception {
    List<String> cp = new ArrayList<>(List.of(locationOf(scenario)));
    for (Class<?> library : libraries) {
      cp.add(locationOf(library));
    }
    ScenarioDumps.Result r = ScenarioDumps.run("run", "-cp", String.join(File.pathSeparator, cp), "--scenario", scenario.getName(),
        "--no-keep");
    assertEquals(0, r.code(), r.err() + "\n--- stdout ---\n" + r.out());
    return r.out();
  }

  /**
   * Checks the report: one Leak: line, which names the holder (the holder's name ends there: a route or the end
   * of the line follows), and no mention of leakdiff's runner anywhere; all problems are told at once, with the
   * whole report.
   */
  private static void assertOneFinding(String out, String holder) {
    List<String> problems = new ArrayList<>();
    List<String> leaks = out.lines().filter(l -> l.startsWith("Leak:")).toList();
    if (leaks.size() != 1) {
      problems.add(leaks.size() + " Leak: lines, not 1");
    }
    Pattern named = Pattern.compile(Pattern.quote(holder) + "(?![\\w$])");
    if (leaks.stream().noneMatch(l -> named.matcher(l).find())) {
      problems.add("no Leak: line says '" + holder + "'");
    } else if (!named.matcher(leaks.get(0)).find()) {
      problems.add("the first Leak: line does not say '" + holder + "'");
    }
    if (out.contains(RUNNER)) {
      problems.add("the report mentions " + RUNNER);
    }
    if (!problems.isEmpty()) {
      fail(String.join("; ", problems) + "\n--- stdout ---\n" + out);
    }
  }

  private static String heldByStatic(Class<?> scenario, String field) {
    return "held by static " + scenario.getName() + "." + field;
  }

  @Test
  void aStaticHashMap() throws Exception {
    assertOneFinding(run(ContextsInHashMap.class), heldByStatic(ContextsInHashMap.class, "BY_NUMBER"));
  }

  @Test
  void aStaticConcurrentHashMap() throws Exception {
    assertOneFinding(run(ContextsInConcurrentHashMap.class), heldByStatic(ContextsInConcurrentHashMap.class, "OPEN"));
  }

  @Test
  void aStaticHashSet() throws Exception {
    assertOneFinding(run(ContextsInHashSet.class), heldByStatic(ContextsInHashSet.class, "SEEN"));
  }

  @Test
  void aStaticTreeMap() throws Exception {
    assertOneFinding(run(ContextsInTreeMap.class), heldByStatic(ContextsInTreeMap.class, "BY_NUMBER"));
  }

  @Test
  void aStaticQueueThatNothingPolls() throws Exception {
    assertOneFinding(run(ContextsInUnpolledQueue.class), heldByStatic(ContextsInUnpolledQueue.class, "PENDING"));
  }

  @Test
  void aStaticCaffeineCacheWithoutBound() throws Exception {
    assertOneFinding(run(ContextsInUnboundedCaffeine.class, Caffeine.class),
        heldByStatic(ContextsInUnboundedCaffeine.class, "RECENT"));
  }

  @Test
  void aHandWrittenLinkedListAppendedAtItsTail() throws Exception {
    assertOneFinding(run(ContextsInLinkedList.class), heldByStatic(ContextsInLinkedList.class, "HEAD"));
  }

  @Test
  void theScenariosOwnFieldIsShownReRootedAtTheScenario() throws Exception {
    assertOneFinding(run(ContextsInOwnField.class), "held by the scenario " + ContextsInOwnField.class.getName() + ".handled");
  }
}
