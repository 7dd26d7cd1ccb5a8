package dev.leakdiff.hunt.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hunt.LeakdiffException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What shows a pid to be a JVM before anything is sent to it, and what shows it is still the same one. */
class JvmsTest {
  @TempDir
  Path tmp;

  @Test
  void thisJvmIsOneAndStaysTheSame() {
    long self = ProcessHandle.current().pid();
    Jvms.Confirmed c = Jvms.confirm(self, List.of(tmp));
    assertEquals(self, c.pid());
    assertNotNull(c.started());
    assertEquals(c, c.again());
  }

  @Test
  void aPidTakenByAnotherProcessIsNoLongerTheSame() {
    long self = ProcessHandle.current().pid();
    Jvms.Confirmed before = new Jvms.Confirmed(self, Instant.parse("2020-01-01T00:00:00Z"));
    LeakdiffException e = assertThrows(LeakdiffException.class, before::again);
    assertEquals(LeakdiffException.Kind.NO_PROCESS, e.kind());
    assertTrue(e.getMessage().contains("pid " + self + " is no longer the same process"), e.getMessage());
  }

  @Test
  void noSuchProcess() {
    LeakdiffException e = assertThrows(LeakdiffException.class, () -> Jvms.confirm(Integer.MAX_VALUE - 1, List.of(tmp)));
    assertEquals(LeakdiffException.Kind.NO_PROCESS, e.kind());
  }

  /** A readable memory map decides, whatever a performance data file left by an earlier JVM of that pid says. */
  @Test
  void aReadableMemoryMapDecides() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "60").start();
    try {
      Path perf = Files.createDirectories(tmp.resolve("hsperfdata_" + System.getProperty("user.name")));
      Files.writeString(perf.resolve(Long.toString(sleep.pid())), "stale");
      LeakdiffException e = assertThrows(LeakdiffException.class, () -> Jvms.confirm(sleep.pid(), List.of(tmp)));
      assertEquals(LeakdiffException.Kind.NOT_A_JVM, e.kind());
      assertTrue(e.getMessage().contains("is not a JVM (no libjvm in its memory map"), e.getMessage());
      assertTrue(sleep.isAlive());
    } finally {
      sleep.destroyForcibly();
    }
  }

  /**
   * A process that has exited but is not yet reaped (a zombie: here the child of a shell that execs a sleep, which never
   * waits) has an empty memory map: it is a process that ended, not one that is no JVM (what watch says of a target
   * that ends under it).
   */
  @Test
  void aProcessThatEndedButIsNotReapedHasEnded() throws Exception {
    Process sh = new ProcessBuilder("sh", "-c", "sleep 0.1 & echo $!; exec sleep 30").start();
    try {
      long zombie = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(sh.getInputStream())).readLine().trim());
      for (int i = 0; i < 100 && !Jvms.ended(zombie); i++) {
        Thread.sleep(20);
      }
      assertTrue(Jvms.ended(zombie));
      LeakdiffException e = assertThrows(LeakdiffException.class, () -> Jvms.confirm(zombie));
      assertEquals(LeakdiffException.Kind.NO_PROCESS, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("has ended"), e.getMessage());
    } finally {
      sh.destroyForcibly();
    }
  }
}
