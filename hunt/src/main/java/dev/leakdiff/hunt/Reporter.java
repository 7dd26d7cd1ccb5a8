package dev.leakdiff.hunt;

import dev.leakdiff.hprof.Progress;

/**
 * Where the hunt says what it is doing while it works: the command line prints it on stderr; a library user may
 * log it or drop it ({@link #SILENT}).
 */
public interface Reporter {
  /** A step of the work ("running X in a child JVM"). */
  void say(String message);

  /** Something the user should know that does not stop the work (a truncated dump, an unreadable name). */
  void warn(String message);

  /** Shows how far a long read of a file has come, until closed. */
  default Display progress(String label, Progress progress) {
    return () -> {};
  }

  /** A display of progress; closing it takes it off the screen. */
  interface Display extends AutoCloseable {
    @Override
    void close();
  }

  /** Says nothing. */
  Reporter SILENT = new Reporter() {
    @Override
    public void say(String message) {}

    @Override
    public void warn(String message) {}
  };
}
