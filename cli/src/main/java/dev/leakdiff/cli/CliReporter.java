package dev.leakdiff.cli;

import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hunt.words.Words;
import dev.leakdiff.hunt.words.WordsReporter;
import java.io.PrintWriter;

/** The hunt's and the readers' words on stderr, each line led by "leakdiff:", with progress when stderr is a terminal. */
final class CliReporter extends WordsReporter {
  private final PrintWriter err;
  private final Words words;

  CliReporter(PrintWriter err, Words words) {
    super(words, m -> err.println("leakdiff: " + m), m -> err.println("leakdiff: warning: " + m));
    this.err = err;
    this.words = words;
  }

  /** A step of the command's own work. */
  void say(String message) {
    err.println("leakdiff: " + message);
  }

  @Override
  public Display progress(String label, Progress progress) {
    return new ProgressReporter("reading", label, progress, err, words);
  }

  @Override
  public Display writing(String label, Progress progress) {
    return new ProgressReporter("writing", label, progress, err, words);
  }
}
