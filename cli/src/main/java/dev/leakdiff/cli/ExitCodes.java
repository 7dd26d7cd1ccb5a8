package dev.leakdiff.cli;

import dev.leakdiff.hunt.LeakdiffException;

/** The exit codes of every command (docs/exit-codes.md lists them), and the one mapping from a failure's kind. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;
  /** A bug in leakdiff: the message asks for a report. */
  public static final int INTERNAL = 1;
  /** Wrong options or arguments. */
  public static final int USAGE = 2;
  /** --fail-on-leak and at least one class is a leak suspect. */
  public static final int LEAK_FOUND = 3;
  /** A file that is missing, unreadable, a directory or not a regular file. */
  public static final int NO_INPUT = 4;
  /** Not a heap dump, or a damaged one. */
  public static final int BAD_DUMP = 5;
  /** The dump needs more memory than the JVM has. */
  public static final int OUT_OF_MEMORY = 6;
  /** capture: no process has that pid. */
  public static final int NO_PROCESS = 7;
  /** capture: the process is not a JVM leakdiff can attach to. */
  public static final int NOT_A_JVM = 8;
  /** capture: the JVM refused the attach (another user's, or attach disabled). */
  public static final int ATTACH_REFUSED = 9;
  /** capture: the dump could not be written (directory, disk), or a file would be overwritten; also --html's FILE. */
  public static final int CAPTURE_FAILED = 10;
  /** capture: the dump did not finish within --timeout. */
  public static final int CAPTURE_TIMEOUT = 11;
  /** run: the scenario could not start, threw, or did not answer within --timeout. */
  public static final int SCENARIO_FAILED = 12;

  /** The exit code of a failure. */
  public static int of(LeakdiffException.Kind kind) {
    return switch (kind) {
      case USAGE -> USAGE;
      case NO_INPUT -> NO_INPUT;
      case BAD_DUMP -> BAD_DUMP;
      case OUT_OF_MEMORY -> OUT_OF_MEMORY;
      case NO_PROCESS -> NO_PROCESS;
      case NOT_A_JVM -> NOT_A_JVM;
      case ATTACH_REFUSED -> ATTACH_REFUSED;
      case CAPTURE_FAILED -> CAPTURE_FAILED;
      case CAPTURE_TIMEOUT -> CAPTURE_TIMEOUT;
      case SCENARIO_FAILED -> SCENARIO_FAILED;
    };
  }
}
