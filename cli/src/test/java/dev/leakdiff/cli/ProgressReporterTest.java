package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The progress line: never past 100%, a pass at a time, no escape codes, gone when the work is done. */
class ProgressReporterTest {
  private final Words words = Words.english();

  @Test
  void neverPastAHundredPercentAndEachPassFromZero() {
    Progress p = new Progress();
    assertNull(ProgressReporter.line("reading", "a.hprof", p, words));
    p.begin(1000);
    p.set(2000); // more than the pass's total, as two passes counted into one did
    assertEquals("reading a.hprof: 100% (1000 B of 1000 B)", ProgressReporter.line("reading", "a.hprof", p, words));
    p.begin(4000);
    p.set(1000);
    assertEquals("reading a.hprof, pass 2:  25% (1000 B of 3.9 KiB)", ProgressReporter.line("reading", "a.hprof", p, words));
    Progress written = new Progress();
    written.begin(0);
    written.set(3 << 20);
    assertEquals("writing iter-1.hprof: 3.0 MiB", ProgressReporter.line("writing", "iter-1.hprof", written, words));
  }

  @Test
  void onATerminalTheLineIsRedrawnWithoutEscapeCodesAndWipedAtTheEnd() throws Exception {
    Progress p = new Progress();
    p.begin(1 << 20);
    p.set(1 << 19);
    StringWriter screen = new StringWriter();
    ProgressReporter shown = new ProgressReporter("reading", "big.hprof", p, new PrintWriter(screen), words, true, 0, 5);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!screen.toString().contains("50%") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    p.begin(10);
    p.set(1);
    while (!screen.toString().contains("pass 2") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    shown.close();
    String out = screen.toString();
    assertTrue(out.contains("\rreading big.hprof:  50% (512.0 KiB of 1.0 MiB)"), out);
    assertTrue(out.contains("\rreading big.hprof, pass 2:  10% (1 B of 10 B)"), out);
    assertFalse(out.contains("\033"), "an escape code: " + out);
    String last = out.substring(out.lastIndexOf('\r', out.length() - 2));
    assertTrue(last.isBlank(), "the last line is wiped with spaces: [" + last + "]");
  }

  /** Prints whether this JVM's stderr is a terminal, on stderr. */
  public static final class Probe {
    public static void main(String[] args) {
      System.err.println("stderr is a terminal: " + ProgressReporter.stderrIsTerminal());
    }
  }

  /** A JVM whose stderr is a terminal and whose stdout is not (histo big.hprof > out.txt) shows progress; piped, not. */
  @Test
  void stderrATerminalWhateverStdoutIs() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String probe = java + " -cp " + System.getProperty("java.class.path") + " '" + Probe.class.getName() + "'";
    // script gives the command a terminal; stdout goes to a file
    Process onTerminal = new ProcessBuilder("script", "-qec", probe + " > /dev/null", "/dev/null")
        .redirectErrorStream(true).start();
    onTerminal.getOutputStream().close();
    String seen = new String(onTerminal.getInputStream().readAllBytes());
    assertEquals(0, onTerminal.waitFor(), seen);
    assertTrue(seen.contains("stderr is a terminal: true"), seen);
    ProcessBuilder piped = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName());
    piped.environment().remove("LEAKDIFF_STDERR_TERMINAL");
    Process p = piped.start();
    assertTrue(new String(p.getErrorStream().readAllBytes()).contains("stderr is a terminal: false"));
    p.waitFor();
  }

  @Test
  void notATerminalNothingAtAll() throws Exception {
    Progress p = new Progress();
    p.begin(100);
    p.set(50);
    StringWriter screen = new StringWriter();
    ProgressReporter shown = new ProgressReporter("reading", "a.hprof", p, new PrintWriter(screen), words, false, 0, 5);
    Thread.sleep(50);
    shown.close();
    assertEquals("", screen.toString());
  }
}
