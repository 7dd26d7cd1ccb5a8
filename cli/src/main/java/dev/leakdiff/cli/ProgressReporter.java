package dev.leakdiff.cli;

import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hunt.Reporter;
import dev.leakdiff.hunt.words.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints how far a long piece of work has come on one line of stderr, when stderr is a terminal (whatever stdout is);
 * silent otherwise. The line is redrawn with a carriage return and spaces, no escape codes, so that every terminal
 * takes it, TERM=dumb too.
 */
final class ProgressReporter implements Reporter.Display {
  private final Thread thread;
  private final PrintWriter err;
  private volatile boolean done;
  private int shown; // the length of the line on the screen

  /** verb and what name the work: "reading", "iter-1.hprof". */
  ProgressReporter(String verb, String what, Progress progress, PrintWriter err, Words words) {
    this(verb, what, progress, err, words, stderrIsTerminal(), 500, 250);
  }

  ProgressReporter(String verb, String what, Progress progress, PrintWriter err, Words words, boolean terminal,
      long delayMillis, long everyMillis) {
    this.err = err;
    if (!terminal || System.getenv("LEAKDIFF_NO_PROGRESS") != null) {
      thread = null;
      return;
    }
    thread = new Thread(() -> {
      try {
        Thread.sleep(delayMillis);
        while (!done) {
          String line = line(verb, what, progress, words);
          if (line != null) {
            show(line);
          }
          Thread.sleep(everyMillis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "leakdiff-progress");
    thread.setDaemon(true);
    thread.start();
  }

  /** The line for where the work is now; null before it has begun. */
  static String line(String verb, String what, Progress progress, Words words) {
    int pass = progress.pass();
    long total = progress.total();
    long d = progress.done();
    if (pass == 0) {
      return null;
    }
    if (total <= 0) {
      return verb + " " + what + ": " + words.bytes(d);
    }
    return verb + " " + what + (pass > 1 ? ", pass " + pass : "") + String.format(": %3d%% (%s of %s)", d * 100 / total,
        words.bytes(d), words.bytes(total));
  }

  private synchronized void show(String line) {
    err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
    err.flush();
    shown = line.length();
  }

  /**
   * Whether stderr is a terminal: as bin/leakdiff saw it (LEAKDIFF_STDERR_TERMINAL, from test -t 2), else where Linux
   * says file descriptor 2 leads, else as the JVM sees it (System.console(), which needs stdout to be one too).
   */
  static boolean stderrIsTerminal() {
    String told = System.getenv("LEAKDIFF_STDERR_TERMINAL");
    if (told != null) {
      return told.equals("1");
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  @Override
  public void close() {
    done = true;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        if (shown > 0) {
          err.print("\r" + " ".repeat(shown) + "\r");
          err.flush();
        }
      }
    }
  }
}
