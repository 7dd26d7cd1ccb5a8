package dev.leakdiff.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of run and demo: the stages, the child JVM, where the dumps go, and the report. */
final class RunOptions {
  @Mixin
  RuleOptions rule;

  @Mixin
  CommonOptions common;

  @Option(names = "--iterations", split = ",", defaultValue = "0,1,10,100", paramLabel = "N",
      description = "Cumulative iterations after which to dump, increasing; 0 dumps before the first (default ${DEFAULT-VALUE}).")
  long[] iterations;

  @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
      description = "Iterations to run before counting starts (default ${DEFAULT-VALUE}); what they fill once shows as stable, not init.")
  long warmup;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the dumps, their sidecars and the scenario's log go (default: a new leakdiff-run-TIME directory here).")
  Path dir;

  @Option(names = "--no-keep", description = "Delete the dumps and sidecars once the report is made.")
  boolean noKeep;

  @Option(names = "--jvm-arg", paramLabel = "ARG",
      description = "An option for the scenario's JVM, e.g. --jvm-arg=-Xmx512m (repeatable).")
  List<String> jvmArgs = new ArrayList<>();

  @Option(names = "--java", paramLabel = "PATH",
      description = "The java executable, or a JDK's directory, for the scenario's JVM (default: the one running leakdiff).")
  Path java;

  @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
      description = "Longest wait for each stage: start and setup, each run of iterations, each dump (default ${DEFAULT-VALUE}; 0: no limit).")
  long timeoutSeconds;

  @Option(names = "--fail-on-leak", description = "Exit with code 3 when a class is a leak suspect (for CI).")
  boolean failOnLeak;

  @Option(names = "--chains", defaultValue = "3", paramLabel = "N",
      description = "Chain groups to show for each class at the root of a leak (default ${DEFAULT-VALUE}).")
  int chains;

  @Option(names = "--max-depth", defaultValue = "16", paramLabel = "N",
      description = "Longer chains show their first and last hops with the middle elided (default ${DEFAULT-VALUE}).")
  int maxDepth;
}
