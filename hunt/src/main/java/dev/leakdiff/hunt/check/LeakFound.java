package dev.leakdiff.hunt.check;

/**
 * The failure of a leak check: an AssertionError, so every test framework counts it as a failed test. Its
 * message is the finding (the Leak: lines and the suspects' rows) and it has no stack trace: where the check
 * was called says nothing about the leak; the chains in the message do.
 */
public final class LeakFound extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient CheckResult result;

  public LeakFound(CheckResult result) {
    super(result.message());
    this.result = result;
  }

  /** What the check found; null after serialization. */
  public CheckResult result() {
    return result;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
