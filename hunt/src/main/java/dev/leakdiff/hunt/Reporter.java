package dev.leakdiff.hunt;

import dev.leakdiff.hprof.Progress;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the hunt tells what it is doing while it works, as events with their values: the command line prints them
 * on stderr in words ({@code dev.leakdiff.hunt.words.WordsReporter}); a library user may log them or drop them
 * ({@link #SILENT}). Every event but {@link #warn} does nothing unless implemented.
 */
public interface Reporter {
  /** Something the user should know that does not stop the work (a truncated dump, an unreadable name), in words. */
  void warn(String message);

  /** A scenario is started in a child JVM, its output going to a log. */
  default void started(String subject, Path log) {}

  /** Warm-up iterations are run before the first dump. */
  default void warmup(long iterations) {}

  /** A capture was taken after this many iterations: its dump's bytes and how long it took. */
  default void captured(String subject, long iteration, long dumpBytes, long dumpMillis) {}

  /**
   * One stage more is run to tell a one-time step or a bound from a leak: something grew between from and to
   * iterations alone (lateClasses, or with none of either the process outside the heap), or grew more slowly
   * (slowingClasses).
   */
  default void stageAdded(List<String> lateClasses, List<String> slowingClasses, long from, long to, long next) {}

  /** A file's dump holds several heap dumps and the last is read. */
  default void lastOfSeveral(Path file, int dumps) {}

  /** A long read of a file has begun: shows how far it has come, until closed. */
  default Display progress(String label, Progress progress) {
    return () -> {};
  }

  /** A file is being written (a heap dump), its size unknown until done: shows how much is written, until closed. */
  default Display writing(String label, Progress progress) {
    return () -> {};
  }

  /** A display of progress; closing it takes it off the screen. */
  interface Display extends AutoCloseable {
    @Override
    void close();
  }

  /** Says nothing. */
  Reporter SILENT = message -> {};
}
