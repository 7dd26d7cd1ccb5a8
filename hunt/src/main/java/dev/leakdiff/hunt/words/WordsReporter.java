package dev.leakdiff.hunt.words;

import dev.leakdiff.hunt.Reporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** A {@link Reporter} that tells each event in words, one line each, to a sink (the command line's stderr). */
public class WordsReporter implements Reporter {
  private final Words words;
  private final Consumer<String> say;
  private final Consumer<String> warn;

  /** Says each event to say, each warning to warn. */
  public WordsReporter(Words words, Consumer<String> say, Consumer<String> warn) {
    this.words = words;
    this.say = say;
    this.warn = warn;
  }

  @Override
  public void warn(String message) {
    warn.accept(message);
  }

  @Override
  public void started(String subject, Path log) {
    say.accept(String.format("running %s in a child JVM (log: %s)", subject, log));
  }

  @Override
  public void warmup(long iterations) {
    say.accept("warm-up, " + words.count(iterations) + " iterations");
  }

  @Override
  public void captured(String subject, long iteration, long dumpBytes, long dumpMillis) {
    say.accept(String.format(Locale.ROOT, "after %s iteration%s: %s dumped in %.1f s", words.count(iteration),
        iteration == 1 ? "" : "s", words.bytes(dumpBytes), dumpMillis / 1000.0));
  }

  @Override
  public void stageAdded(List<String> lateClasses, long from, long to, long next) {
    say.accept(String.format("%s grew between %s and %s iterations alone: running to %s iterations to tell a one-time step"
        + " from a leak", lateClasses.isEmpty() ? "the process outside the heap" : lateClasses.size() + " class(es) ("
        + lateClasses.get(0) + (lateClasses.size() > 1 ? ", ..." : "") + ")", words.count(from), words.count(to), words.count(next)));
  }

  @Override
  public void lastOfSeveral(Path file, int dumps) {
    say.accept(String.format("%s holds %d heap dumps; using the last (#%d); name one with %s#N (0-based)", file, dumps, dumps - 1,
        file));
  }
}
