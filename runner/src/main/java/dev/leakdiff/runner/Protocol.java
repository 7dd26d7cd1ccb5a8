package dev.leakdiff.runner;

/**
 * The words of the line protocol between leakdiff and the scenario's JVM. leakdiff writes {@code run N} and
 * {@code quit} on the child's stdin; the child answers on its stdout with lines that start with {@link #PREFIX}:
 * {@code ready PID} once setup is done, {@code done TOTAL} after each run, {@code bye} after teardown, and
 * {@code failed WHAT} (then it ends) when anything goes wrong.
 */
public final class Protocol {
  private Protocol() {}

  /** Every answer starts with this, so that nothing the scenario prints is taken for one. */
  public static final String PREFIX = "leakdiff-runner ";

  public static final String RUN = "run";
  public static final String QUIT = "quit";

  public static final String READY = "ready";
  public static final String DONE = "done";
  public static final String BYE = "bye";
  public static final String FAILED = "failed";
}
