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
  public void stageAdded(List<String> lateClasses, List<String> slowingClasses, long from, long to, long next) {
    String late = lateClasses.isEmpty() && !slowingClasses.isEmpty() ? null
        : (lateClasses.isEmpty() ? "the process outside the heap" : classes(lateClasses)) + " grew between " + words.count(from)
            + " and " + words.count(to) + " iterations alone";
    String slowing = slowingClasses.isEmpty() ? null : classes(slowingClasses) + " grew more slowly between " + words.count(from)
        + " and " + words.count(to) + " iterations";
    String why = late == null ? slowing : slowing == null ? late : late + ", and " + slowing;
    say.accept(String.format("%s: running to %s iterations to tell %s from a leak", why, words.count(next),
        slowing == null ? "a one-time step" : late == null ? "a bound" : "a one-time step or a bound"));
  }

  /** "3 class(es) (com.acme.Foo, ...)". */
  private static String classes(List<String> names) {
    return names.size() + " class(es) (" + names.get(0) + (names.size() > 1 ? ", ..." : "") + ")";
  }

  @Override
  public void lastOfSeveral(Path file, int dumps) {
    say.accept(String.format("%s holds %d heap dumps; using the last (#%d); name one with %s#N (0-based)", file, dumps, dumps - 1,
        file));
  }
}
