package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is sent to a process leakdiff has not shown to be a JVM: on JDK 17 the attach mechanism begins with a
 * SIGQUIT, which ends a process that is not one. A process that is not a JVM, and one whose memory map leakdiff cannot
 * read, are refused by every command that attaches, with exit code 8 and a sentence saying why; afterwards each is
 * alive, has no signal pending, has no attach file beside it, and ends by the test's own SIGTERM.
 */
class AttachSafetyTest {
  @TempDir
  Path tmp;

  /** The command lines that attach to a pid. */
  private List<String[]> attaching(long pid) {
    List<String[]> out = new java.util.ArrayList<>();
    out.add(new String[] {"capture", "--dir", tmp.resolve("caps").toString(), String.valueOf(pid)});
    out.add(new String[] {"watch", "--every", "1s", "--samples", "2", String.valueOf(pid)});
    return out;
  }

  @Test
  void aProcessThatIsNotAJvmReceivesNoSignal() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "300").start();
    try {
      for (String[] args : attaching(sleep.pid())) {
        ScenarioDumps.Result r = ScenarioDumps.run(args);
        assertEquals(ExitCode.NOT_A_JVM.code, r.code(), args[0] + ": " + r.err());
        assertTrue(r.err().contains("pid " + sleep.pid() + " is not a JVM (no libjvm in its memory map"), r.err());
        assertTrue(r.err().contains("nothing was sent to it"), r.err());
      }
      assertUntouched(sleep);
    } finally {
      sleep.destroyForcibly();
    }
  }

  /** leakdiff run as nobody may not read the memory map of a process of root's, nor has nobody a JVM of that pid. */
  @Test
  void aProcessWhoseMemoryMapCannotBeReadReceivesNoSignal() throws Exception {
    AsNobody.assumePossible();
    Process sleep = new ProcessBuilder("sleep", "300").start();
    try {
      for (String[] args : attaching(sleep.pid())) {
        ScenarioDumps.Result r = AsNobody.leakdiff(tmp, args);
        assertEquals(ExitCode.NOT_A_JVM.code, r.code(), args[0] + ": " + r.out());
        assertTrue(r.out().contains("cannot tell whether pid " + sleep.pid() + " is a JVM: /proc/" + sleep.pid()
            + "/maps is not readable (permission denied)"), r.out());
        assertTrue(r.out().contains("nothing was sent to it"), r.out());
      }
      assertUntouched(sleep);
    } finally {
      sleep.destroyForcibly();
    }
  }

  /**
   * The process is alive with no signal pending (a child of a JVM starts with SIGQUIT blocked, as the JVM's threads
   * have it: a SIGQUIT would wait there), no attach file was made for it (the attach mechanism makes .attach_pidPID in
   * its working directory or /tmp before it signals), and it ends by the test's SIGTERM (exit status 143).
   */
  private static void assertUntouched(Process p) throws Exception {
    long pid = p.pid();
    assertTrue(p.isAlive(), "pid " + pid + " was ended");
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("SigPnd:") || line.startsWith("ShdPnd:")) {
        assertEquals(0, Long.parseLong(line.substring(7).trim(), 16), line);
      }
    }
    assertFalse(Files.exists(Path.of("/tmp", ".attach_pid" + pid)));
    assertFalse(Files.exists(Path.of("/proc", Long.toString(pid), "cwd", ".attach_pid" + pid)));
    p.destroy();
    assertEquals(143, p.waitFor(), "ended by the test's SIGTERM");
  }
}
