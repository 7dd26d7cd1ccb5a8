package dev.leakdiff.runner;

/**
 * The words of the line protocol between leakdiff and the scenario's JVM. leakdiff writes {@code run N},
 * {@code pools} and {@code quit} on the child's stdin; the child answers on its stdout with lines that start with
 * {@link #PREFIX}: {@code ready PID} once setup is done, {@code done TOTAL} after each run, {@code pools direct COUNT
 * CAPACITY USED mapped COUNT CAPACITY USED} (its buffer pools, in bytes; {@code pools -} when it cannot tell them),
 * {@code bye} after teardown, and {@code failed WHAT} (then it ends) when anything goes wrong.
 */
public final class Protocol {
  private Protocol() {}

  /** Every answer starts with this, so that nothing the scenario prints is taken for one. */
  public static final String PREFIX = "leakdiff-runner ";

  public static final String RUN = "run";
  /** Asks for the buffer pools; the answer starts with the same word. */
  public static final String POOLS = "pools";
  public static final String QUIT = "quit";

  public static final String READY = "ready";
  public static final String DONE = "done";
  public static final String BYE = "bye";
  public static final String FAILED = "failed";
}
