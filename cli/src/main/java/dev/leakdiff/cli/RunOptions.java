package dev.leakdiff.cli;

import dev.leakdiff.hunt.Defaults;
import dev.leakdiff.hunt.Iterations;
import dev.leakdiff.hunt.scenario.HuntSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of run and demo: the stages, the child JVM, where the dumps go, the verdict rule and the report. */
final class RunOptions {
  @Mixin
  Options.Verdicts report;

  @Mixin
  Options.TableJson format;

  @Mixin
  Options.Depth depth;

  @Mixin
  Options.StepTimeout timeout;

  @Option(names = "--iterations", split = ",", defaultValue = Defaults.ITERATIONS, paramLabel = "COUNTS", hideParamSyntax = true,
      description = "Cumulative iterations after which to dump, increasing; 0 dumps before the first (default ${DEFAULT-VALUE}).")
  long[] iterations;

  @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
      description = "Iterations to run before counting starts (default ${DEFAULT-VALUE}); what they fill once shows as stable, not init.")
  long warmup;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the dumps, their sidecars and the scenario's log go (default: run, a new leakdiff-run-TIME"
          + " directory here; demo, a temporary one, deleted after the report).")
  Path dir;

  @Option(names = "--no-keep", description = "Delete the dumps and sidecars once the report is made.")
  boolean noKeep;

  @Option(names = "--jvm-arg", paramLabel = "ARG",
      description = "An option for the scenario's JVM, e.g. --jvm-arg=-Xmx512m (repeatable).")
  List<String> jvmArgs = new ArrayList<>();

  @Option(names = "--java", paramLabel = "PATH",
      description = "The java executable, or a JDK's directory, for the scenario's JVM (default: the one running leakdiff).")
  Path java;

  @Option(names = "--no-allocations", description = "Do not record where kept objects are created (the scenario's JVM"
      + " then runs with its default allocation buffers and no flight recording).")
  boolean noAllocations;

  @Option(names = "--chains", defaultValue = "3", paramLabel = "N",
      description = "Chain groups to show for each class at the root of a leak (default ${DEFAULT-VALUE}).")
  int chains;

  /** The hunt these options ask for, on a scenario: the command's own JVM options first, then --jvm-arg. */
  HuntSpec spec(String className, String method, List<String> classpath, List<String> commandJvmArgs, boolean keep) {
    List<String> jvm = new ArrayList<>(commandJvmArgs);
    jvm.addAll(jvmArgs);
    return HuntSpec.scenario(className).method(method).classpath(classpath).jvmArgs(jvm).java(java).iterations(iterations)
        .warmup(warmup).dir(dir).keep(keep).timeout(timeout.duration()).rule(report.rule.rule()).layout(report.layout.layout())
        .allocations(!noAllocations).build();
  }
}
