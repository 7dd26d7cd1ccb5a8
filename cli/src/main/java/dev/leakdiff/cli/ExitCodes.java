package dev.leakdiff.cli;

/** The exit codes of every command; the README lists them. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;
  /** A bug in leakdiff: the message asks for a report. */
  public static final int INTERNAL = 1;
  /** Wrong options or arguments. */
  public static final int USAGE = 2;
  /** --fail-on-leak and at least one class is a leak suspect. */
  public static final int LEAK_FOUND = 3;
  /** A file that is missing, unreadable or a directory. */
  public static final int NO_INPUT = 4;
  /** Not a heap dump, or a damaged one. */
  public static final int BAD_DUMP = 5;
  /** The dump needs more memory than the JVM has. */
  public static final int OUT_OF_MEMORY = 6;
}
