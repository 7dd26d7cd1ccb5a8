package dev.leakdiff.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.leakdiff.hunt.check.LeakFound;
import dev.leakdiff.junit.examples.LeakExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The example test classes, run through the JUnit Platform as a build would run them. */
class LeakTestTest extends DumpsInTempDir {
  private static Events run(Class<?> c) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(c)).execute().testEvents();
  }

  private static Throwable failure(Events events) {
    List<Event> failed = events.failed().list();
    assertEquals(1, failed.size(), "one failed test");
    return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  /** The line (1 first) holding the text after the first line holding after. */
  private static int lineOf(Path source, String text, String after) throws java.io.IOException {
    List<String> lines = Files.readAllLines(source);
    int from = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (from < 0 && lines.get(i).contains(after)) {
        from = i;
      } else if (from >= 0 && lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(source + " has no " + text + " after " + after);
  }

  private Path dir(Class<?> c, String method) {
    return dumps.resolve(c.getName()).resolve(method);
  }

  @Test
  void aStaticListThatKeepsOnePerCallFailsNamingTheFieldAndTheClass() throws Exception {
    Throwable t = failure(run(LeakExamples.StaticList.class));
    assertInstanceOf(LeakFound.class, t);
    String m = t.getMessage();
    assertTrue(m.contains("Leak: " + LeakExamples.Item.class.getName() + " grows by 1 per iteration"), m);
    assertTrue(m.contains("LeakExamples$StaticList.KEPT"), m);
    assertTrue(m.contains("leak        " + LeakExamples.Item.class.getName() + ": +1 obj"), m);
    assertEquals(0, t.getStackTrace().length, "no stack trace: the message is the finding");
    Path kept = dir(LeakExamples.StaticList.class, "keepsOnePerCall");
    assertTrue(m.contains(kept.toString()), m);
    for (String f : List.of("iter-0.hprof", "iter-1.json", "iter-10.hprof", "iter-100.hprof", "iter-100.json")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.resolve(f))), f);
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.getParent())));
  }

  @Test
  void aStringPerCallFails() {
    Throwable t = failure(run(LeakExamples.StringList.class));
    assertInstanceOf(LeakFound.class, t);
    assertTrue(t.getMessage().contains("Leak: java.lang.String grows by 1"), t.getMessage());
    assertTrue(t.getMessage().contains("LeakExamples$StringList.KEPT"), t.getMessage());
  }

  @Test
  void aCleanMethodPassesAndLeavesNoDumps() {
    Events e = run(LeakExamples.Clean.class);
    assertEquals(1, e.succeeded().count());
    assertEquals(0, e.failed().count());
    assertFalse(Files.exists(dir(LeakExamples.Clean.class, "allocatesAndDrops")), "dumps deleted when the test passes");
  }

  @Test
  void aBoundedLruCachePasses() {
    Events e = run(LeakExamples.BoundedLru.class);
    assertEquals(0, e.failed().count(), () -> failure(e).getMessage());
    assertEquals(1, e.succeeded().count());
  }

  @Test
  void allowedGrowthPassesAndIsReported() {
    for (Class<?> c : List.of(LeakExamples.AllowedByName.class, LeakExamples.AllowedWithReason.class)) {
      Events e = run(c);
      assertEquals(0, e.failed().count(), () -> failure(e).getMessage());
      List<String> entries = e.reportingEntryPublished().stream()
          .flatMap(ev -> ev.getRequiredPayload(ReportEntry.class).getKeyValuePairs().values().stream()).toList();
      assertTrue(entries.stream().anyMatch(v -> v.startsWith("allowed: " + LeakExamples.Metric.class.getName())), entries::toString);
    }
  }

  @Test
  void aMethodThatThrowsReportsItsExceptionNotALeak() {
    Throwable t = failure(run(LeakExamples.Throws.class));
    assertInstanceOf(IllegalStateException.class, t);
    assertEquals("the third call fails", t.getMessage());
    assertFalse(Files.exists(dir(LeakExamples.Throws.class, "failsOnTheThirdCall")), "no dumps left");
  }

  @Test
  void lifecycleMethodsRunOnceAroundTheWholeTest() {
    Events e = run(LeakExamples.Lifecycle.class);
    assertEquals(1, e.succeeded().count(), () -> e.failed().count() > 0 ? failure(e).getMessage() : "");
    assertEquals(1, LeakExamples.Lifecycle.before);
    assertEquals(1, LeakExamples.Lifecycle.after);
    assertEquals(5, LeakExamples.Lifecycle.body);
  }

  @Test
  void forkedTheLeakFailsAndTheCleanMethodPasses() throws Exception {
    Events e = run(LeakExamples.Forked.class);
    assertEquals(1, e.succeeded().count(), () -> failure(e).getMessage());
    Throwable t = failure(e);
    assertInstanceOf(LeakFound.class, t);
    assertTrue(t.getMessage().contains("Leak: " + LeakExamples.Item.class.getName() + " grows by 1 per iteration"), t.getMessage());
    assertTrue(t.getMessage().contains("LeakExamples$Forked.KEPT"), t.getMessage());
    // where the kept items are made: the line of the example's source, read here, not from leakdiff
    int line = lineOf(Path.of("src", "test", "java", "dev", "leakdiff", "junit", "examples", "LeakExamples.java"),
        "KEPT.add(new Item(KEPT.size()));", "class Forked");
    assertTrue(t.getMessage().contains("what it keeps was created at " + LeakExamples.Forked.class.getName()
        + ".keepsOnePerCall(LeakExamples.java:" + line + ")"), t.getMessage());
    assertEquals(0, LeakExamples.Forked.KEPT.size(), "the iterations ran in the child JVM");
    assertTrue(Files.exists(dir(LeakExamples.Forked.class, "keepsOnePerCall").resolve("iter-100.hprof")));
    assertFalse(Files.exists(dir(LeakExamples.Forked.class, "keepsNothing")), "deleted when it passes");
  }

  /** What leakdiff allocates between the dumps (captures, sidecars, JMX) never shows as growth. */
  @Test
  void anEmptyBodyPassesEveryTime() {
    for (int i = 0; i < 5; i++) {
      Events e = run(LeakExamples.Empty.class);
      int run = i;
      assertEquals(0, e.failed().count(), () -> "run " + run + ": " + failure(e).getMessage());
      assertEquals(1, e.succeeded().count());
    }
  }
}
