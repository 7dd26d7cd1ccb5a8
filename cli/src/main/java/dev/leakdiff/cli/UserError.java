package dev.leakdiff.cli;

/** A failure to report as one sentence with an exit code, never a stack trace. */
final class UserError extends RuntimeException {
  final int exitCode;

  UserError(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }
}
