package dev.leakdiff.hunt;

/**
 * A failure to report to the user as one sentence (the message names the file, pid or scenario and what was
 * wrong), with a kind that says what failed; the command line maps each kind to an exit code.
 */
public final class LeakdiffException extends RuntimeException {
  /** What failed, and the exit code of the command line that failed so. */
  public enum Kind {
    /** Wrong options or arguments. */
    USAGE(2),
    /** A file that is missing, unreadable or not a regular file. */
    NO_INPUT(4),
    /** Not a heap dump, or a damaged one. */
    BAD_DUMP(5),
    /** The dump needs more memory than the JVM has. */
    OUT_OF_MEMORY(6),
    /** No process has that pid. */
    NO_PROCESS(7),
    /** The process is not a JVM that can be attached to. */
    NOT_A_JVM(8),
    /** The JVM refused the attach (another user's, or attach disabled). */
    ATTACH_REFUSED(9),
    /** The dump could not be written (directory, disk), or a file would be overwritten. */
    CAPTURE_FAILED(10),
    /** The dump did not finish in time. */
    CAPTURE_TIMEOUT(11),
    /** The scenario could not start, threw, or did not answer in time. */
    SCENARIO_FAILED(12);

    /** The exit code of a command that fails so. */
    public final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  private final Kind kind;

  public LeakdiffException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The innermost cause's message: what the JDK said, without the wrappers. */
  public static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
