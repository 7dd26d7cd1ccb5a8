package dev.leakdiff.hunt.scenario;

import dev.leakdiff.hunt.Iterations;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.Reporter;
import dev.leakdiff.hunt.analysis.Analysis;
import dev.leakdiff.hunt.analysis.HuntResult;
import dev.leakdiff.hunt.analysis.Stages;
import dev.leakdiff.hunt.capture.AllocationRecording;
import dev.leakdiff.hunt.capture.Dumpers;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.Capturer;
import dev.leakdiff.hunt.capture.HeapDumper;
import dev.leakdiff.runner.ScenarioRunner;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The method in one go: a child JVM runs the scenario; after each stage of iterations a live dump and its
 * sidecar are captured; the dumps are compared; the chains holding each leak suspect are found in the last
 * dump. {@link #hunt} returns all of it as a {@link HuntResult}; failures are {@link LeakdiffException}s.
 */
public final class LeakHunt {
  private final Reporter reporter;

  public LeakHunt(Reporter reporter) {
    this.reporter = reporter;
  }

  public HuntResult hunt(HuntSpec spec) {
    long[] iterations = Iterations.check(spec.iterations());
    if (spec.warmup() < 0 || spec.timeout().isNegative()) {
      throw new LeakdiffException(Kind.USAGE, "--warmup and --timeout must be 0 or more");
    }
    Path java = javaExecutable(spec.java());
    RunDirectory dir = RunDirectory.create(spec.dir(), spec.keep(), iterations);
    Path log = dir.path().resolve("scenario.log");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    if (spec.jvmArgs().stream().noneMatch(a -> a.startsWith("-XX:NativeMemoryTracking="))) {
      command.add("-XX:NativeMemoryTracking=summary"); // each capture's sidecar then has its native memory by category
    }
    if (spec.allocations()) { // before the user's flags, which win
      command.addAll(AllocationRecording.childFlags(AllocationRecording.writeSettings(dir.path().resolve(RunDirectory.SETTINGS))));
    }
    command.addAll(spec.jvmArgs());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, spec.classpath()) + File.pathSeparator + runnerCode());
    command.add(ScenarioRunner.class.getName());
    command.add(spec.className());
    if (spec.method() != null) {
      command.add(spec.method());
    }

    List<Capture> captures = new ArrayList<>();
    try {
      reporter.started(spec.scenarioName(), log);
      try (ScenarioProcess child = ScenarioProcess.start(command, log, spec.keep(), spec.scenarioName(), spec.timeout())) {
        if (spec.warmup() > 0) {
          reporter.warmup(spec.warmup());
          child.run(spec.warmup());
        }
        long[] done = {0};
        HeapDumper dumper = Dumpers.attach(child.pid(), child::pools, spec.allocations() ? AllocationRecording.Plan.running() : null);
        Analysis.Options options = new Analysis.Options(spec.rule(), spec.layout(), Set.of(spec.className()));
        HuntResult result = Stages.run(reporter, options, spec.scenarioName(), spec.warmup(), iterations,
            spec.keep() ? dir.path() : null, captures, target -> {
              if (target > done[0]) {
                done[0] = child.run(target - done[0]) - spec.warmup();
              }
              Capture c = capture(dumper, dir.path(), target, spec.timeout());
              reporter.captured(spec.scenarioName(), target, c.facts().dumpBytes(), c.facts().dumpMillis());
              return c;
            }, true);
        child.quit();
        return result;
      }
    } finally {
      if (!spec.keep()) {
        dir.cleanUp(captures, reporter);
      }
    }
  }

  private Capture capture(HeapDumper dumper, Path dir, long iteration, Duration timeout) {
    try {
      return Capturer.capture(dumper, dir, "iter-" + iteration, iteration, true, false, timeout, reporter);
    } catch (LeakdiffException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "the dump after " + iteration + " iterations failed: "
          + LeakdiffException.rootMessage(e));
    }
  }

  private static Path javaExecutable(Path given) {
    if (given == null) {
      return Path.of(System.getProperty("java.home"), "bin", "java");
    }
    Path j = java.nio.file.Files.isDirectory(given) ? given.resolve("bin").resolve("java") : given;
    if (!java.nio.file.Files.isExecutable(j)) {
      throw new LeakdiffException(Kind.NO_INPUT, "--java " + given + " is not a java executable or a JDK directory");
    }
    return j;
  }

  /** Where the runner's classes are: its jar (the only leakdiff code the scenario's JVM gets), or its classes directory in a build. */
  static Path runnerCode() {
    try {
      return Path.of(ScenarioRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
