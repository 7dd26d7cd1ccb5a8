package dev.leakdiff.cli;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.findings.Gate;

/**
 * Every exit code of the command line, the one list: a failure's code is carried by its {@link Kind}; the usage's
 * list comes from here, and docs/exit-codes.md says the same (ExitCodesDocTest compares them).
 */
enum ExitCode {
  OK(0, "success (also for a truncated dump: what was read is reported, with a warning on stderr)"),
  INTERNAL(1, "internal error, a bug in leakdiff (LEAKDIFF_DEBUG=1 prints its stack trace)"),
  USAGE(Kind.USAGE, "wrong options or arguments (also a FILE#N that the file does not hold)"),
  LEAK_FOUND(3, "--fail-on-leak and something leaks (a class is a leak suspect)"),
  NO_INPUT(Kind.NO_INPUT, "a file is missing, unreadable, a directory, or not a regular file (a FIFO, a device): refused"
      + " before any read"),
  BAD_DUMP(Kind.BAD_DUMP, "not a heap dump, or a damaged one: the message names the file, the byte offset and the record"
      + " (damage a read can go past is a warning with exit 0)"),
  OUT_OF_MEMORY(Kind.OUT_OF_MEMORY, "not enough memory: the message says how to give more (LEAKDIFF_JAVA_OPTS=-Xmx4g)"),
  NO_PROCESS(Kind.NO_PROCESS, "capture, watch: no process has that pid; watch: the target ended during the watch (the"
      + " report of the samples so far is printed)"),
  NOT_A_JVM(Kind.NOT_A_JVM, "capture, watch: the process is not a JVM, or leakdiff cannot tell that it is one (its memory map is"
      + " unreadable and no hsperfdata file of this user names it): nothing is sent to it"),
  ATTACH_REFUSED(Kind.ATTACH_REFUSED, "capture, watch: the JVM refused the attach (another user's JVM, or one started"
      + " with -XX:+DisableAttachMechanism)"),
  CAPTURE_FAILED(Kind.CAPTURE_FAILED, "capture: the dump could not be written (directory, full disk), or would replace a"
      + " file without --force; run: a --dir already holds a file it would write; --html FILE exists already or cannot be"
      + " written; watch: a --dumps dump failed, --jsonl FILE exists already, or the target did not answer a sample"),
  CAPTURE_TIMEOUT(Kind.CAPTURE_TIMEOUT, "capture: the dump did not finish within --timeout (default 600 s; 0: no limit)"),
  SCENARIO_FAILED(Kind.SCENARIO_FAILED, "run, demo: the scenario could not start, threw, ended its JVM, or overran"
      + " --timeout"),
  CANNOT_JUDGE(13, "--fail-on-leak and no verdict could be made for the whole series (too few dumps, no --iterations, a"
      + " truncated or damaged dump, dumps of different processes or out of order, the same dump twice, iterations the"
      + " sidecars contradict, a class that grew late): which finding decides is the table below");

  final int code;
  final Kind kind;
  final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.kind = null;
    this.meaning = meaning;
  }

  ExitCode(Kind kind, String meaning) {
    this.code = kind.exitCode;
    this.kind = kind;
    this.meaning = meaning;
  }

  /** The exit code of a failure. */
  static int of(LeakdiffException e) {
    return e.kind().exitCode;
  }

  /** The exit code of --fail-on-leak for what a series comes to. */
  static ExitCode of(Gate.Outcome outcome) {
    return switch (outcome) {
      case PASS -> OK;
      case LEAK -> LEAK_FOUND;
      case CANNOT_JUDGE -> CANNOT_JUDGE;
    };
  }
}
