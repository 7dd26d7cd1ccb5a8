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
    super(words, m -> err.println("leakdiff: " + oneLine(m)), m -> err.println("leakdiff: warning: " + oneLine(m)));
    this.err = err;
    this.words = words;
  }

  /** A step of the command's own work. */
  void say(String message) {
    err.println("leakdiff: " + oneLine(message));
  }

  /**
   * A message as one line: a control character in it (a newline a damaged dump put in a class name it quotes, say)
   * written as \xNN, as the terminal would not show it.
   */
  static String oneLine(String message) {
    if (message == null) {
      return "null";
    }
    StringBuilder sb = null;
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      boolean control = c < 0x20 || c == 0x7F;
      if (control && sb == null) {
        sb = new StringBuilder(message.length() + 8).append(message, 0, i);
      }
      if (sb != null) {
        if (control) {
          sb.append(String.format("\\x%02X", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? message : sb.toString();
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
