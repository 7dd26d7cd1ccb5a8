package dev.leakdiff.cli;

import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hunt.Reporter;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;

/** Prints how far a long read has come on stderr, when stderr is a terminal; silent otherwise. */
final class ProgressReporter implements Reporter.Display {
  private final Thread thread;
  private final PrintWriter err;
  private volatile boolean done;

  ProgressReporter(String what, Progress progress, PrintWriter err, Words words) {
    this.err = err;
    boolean terminal = System.console() != null && System.getenv("LEAKDIFF_NO_PROGRESS") == null;
    if (!terminal) {
      thread = null;
      return;
    }
    thread = new Thread(() -> {
      try {
        Thread.sleep(500);
        while (!done) {
          long total = progress.total();
          long d = progress.done();
          if (total > 0) {
            err.printf("\rreading %s: %3d%% (%s of %s)  ", what, d * 100 / total, words.bytes(d), words.bytes(total));
          }
          Thread.sleep(250);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "leakdiff-progress");
    thread.setDaemon(true);
    thread.start();
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
      err.print("\r\033[K");
      err.flush();
    }
  }
}
