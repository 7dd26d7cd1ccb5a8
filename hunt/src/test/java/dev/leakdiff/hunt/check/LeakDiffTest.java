package dev.leakdiff.hunt.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain API: a check in this JVM, with no test framework. */
class LeakDiffTest {
  /** What the iterations keep. */
  static final class Kept {}

  static final List<Kept> KEPT = new ArrayList<>();

  @TempDir
  Path tmp;

  @Test
  void assertNoLeakThrowsTheFindingAndKeepsTheDumps() throws Exception {
    LeakFound e = assertThrows(LeakFound.class, () -> LeakDiff.assertNoLeak(() -> KEPT.add(new Kept())));
    assertTrue(e.getMessage().contains("Leak: " + Kept.class.getName() + " grows by 1 per iteration"), e.getMessage());
    assertTrue(e.getMessage().contains("LeakDiffTest.KEPT"), e.getMessage());
    assertEquals(List.of(Kept.class.getName()), e.result().suspects().stream().map(s -> s.name()).toList());
    Path kept = e.result().result().directory();
    assertTrue(kept.getFileName().toString().startsWith("leakdiff-check-"), kept.toString());
    assertTrue(e.getMessage().contains(kept.toString()), e.getMessage());
    try (var files = Files.list(kept)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(kept);
  }

  @Test
  void allowedGrowthIsAFindingWithoutALeakAndItsDumpsAreDeleted() {
    Path dir = tmp.resolve("check");
    CheckResult f = LeakDiff.builder().name("metrics").iterations(0, 1, 10, 100).dir(dir)
        .allow("LeakDiffTest$Kept", "kept on purpose").check(() -> KEPT.add(new Kept()));
    assertFalse(f.leaking(), f.message());
    assertEquals(Kept.class.getName(), f.allowed().get(0).series().name());
    assertEquals("LeakDiffTest$Kept", f.allowed().get(0).pattern());
    assertEquals("kept on purpose", f.allowed().get(0).reason());
    String line = f.words().allowed(f.allowed().get(0));
    assertTrue(line.startsWith(Kept.class.getName() + " +1 obj"), line);
    assertTrue(line.endsWith("(allowed as LeakDiffTest$Kept: kept on purpose)"), line);
    assertNull(f.result().directory());
    assertFalse(Files.exists(dir), "the dumps and their directory are deleted when the check passes");
  }
}
