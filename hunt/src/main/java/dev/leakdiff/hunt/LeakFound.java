package dev.leakdiff.hunt;

/**
 * The failure of a leak check: an AssertionError, so every test framework counts it as a failed test. Its
 * message is the finding (the Leak: lines and the suspects' rows) and it has no stack trace: where the check
 * was called says nothing about the leak; the chains in the message do.
 */
public final class LeakFound extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient LeakDiff.Finding finding;

  public LeakFound(LeakDiff.Finding finding) {
    super(finding.message());
    this.finding = finding;
  }

  /** What the check found; null after serialization. */
  public LeakDiff.Finding finding() {
    return finding;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
