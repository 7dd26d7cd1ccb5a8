package dev.leakdiff.cli;

import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hunt.Reporter;
import java.io.PrintWriter;

/** The hunt's and the readers' words on stderr, each line led by "leakdiff:", with progress when stderr is a terminal. */
final class CliReporter implements Reporter {
  private final PrintWriter err;

  CliReporter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void say(String message) {
    err.println("leakdiff: " + message);
  }

  @Override
  public void warn(String message) {
    err.println("leakdiff: warning: " + message);
  }

  @Override
  public Display progress(String label, Progress progress) {
    return new ProgressReporter(label, progress, err);
  }
}
