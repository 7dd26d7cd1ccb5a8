package dev.leakdiff.hunt;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.SeriesDiff;
import dev.leakdiff.diff.Sizes;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.graph.StrongHistogram;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.graph.SuspectValues;
import dev.leakdiff.graph.ThreadStarters;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.runner.ScenarioRunner;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    command.addAll(spec.jvmArgs());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, spec.classpath()) + File.pathSeparator + runnerCode());
    command.add(ScenarioRunner.class.getName());
    command.add(spec.className());
    if (spec.method() != null) {
      command.add(spec.method());
    }

    List<Capture> captures = new ArrayList<>();
    boolean finished = false;
    try {
      reporter.say(String.format("running %s in a child JVM (log: %s)", spec.scenarioName(), log));
      try (ScenarioProcess child = ScenarioProcess.start(command, log, spec.scenarioName(), spec.timeout())) {
        if (spec.warmup() > 0) {
          reporter.say("warm-up, " + Sizes.count(spec.warmup()) + " iterations");
          child.run(spec.warmup());
        }
        long[] done = {0};
        AttachDumper dumper = new AttachDumper(child.pid(), child::pools);
        HuntResult result = stages(spec, iterations, spec.keep() ? dir.path() : null, captures, target -> {
          if (target > done[0]) {
            done[0] = child.run(target - done[0]) - spec.warmup();
          }
          Capture c = capture(dumper, dir.path(), target, spec.timeout());
          reporter.say(String.format(Locale.ROOT, "after %s iteration%s: %s dumped in %.1f s", Sizes.count(target),
              target == 1 ? "" : "s", Sizes.bytes(c.facts().dumpBytes()), c.facts().dumpMillis() / 1000.0));
          return c;
        }, true);
        child.quit();
        finished = true;
        return result;
      }
    } finally {
      if (!spec.keep()) {
        dir.cleanUp(captures, finished, reporter);
      }
    }
  }

  private static Capture capture(HeapDumper dumper, Path dir, long iteration, Duration timeout) {
    try {
      return Capturer.capture(dumper, dir, "iter-" + iteration, iteration, true, false, timeout);
    } catch (LeakdiffException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "the dump after " + iteration + " iterations failed: "
          + LeakdiffException.rootMessage(e));
    }
  }

  /** Runs the iterations up to a count and captures the process after them. */
  interface Stage {
    Capture runTo(long iteration) throws Exception;
  }

  /**
   * The stage one more than the planned ones: twice the last count. It runs when a class grew in the last stage alone
   * ({@link Verdict#LATE}): whether it goes on growing tells a leak from a one-time step.
   */
  static long extraStage(long[] iterations) {
    return iterations[iterations.length - 1] * 2;
  }

  /**
   * Runs the stages through stage (each capture added to captures as it is taken), then reads the captures, and with
   * extend runs the {@link #extraStage} when a class grew in the last stage alone; then the comparison of the captures,
   * counting in each dump the instances held through strong references (what the GC may take is no leak), and the
   * chains of each suspect in the last dump against the one before. A leak test that dumps its own JVM does not extend:
   * the reading of its dumps would be in the next one.
   */
  HuntResult stages(HuntSpec spec, long[] planned, Path where, List<Capture> captures, Stage stage, boolean extend) {
    long[] iterations = planned;
    try {
      for (long target : planned) {
        captures.add(stage.runTo(target));
      }
      Analysis analysis = new Analysis(new DumpReader(reporter, spec.layout()), spec);
      captures.forEach(analysis::add);
      List<ClassSeries> late = !extend ? List.of()
          : analysis.comparison(planned).classes().stream().filter(c -> c.verdict() == Verdict.LATE).toList();
      if (extend && (!late.isEmpty() || ProcessGrowth.of(captures, planned).late()) && planned[planned.length - 1] > 0) {
        long next = extraStage(planned);
        reporter.say(String.format("%s grew between %s and %s iterations alone: running to %s iterations to tell a one-time step"
            + " from a leak", late.isEmpty() ? "the process outside the heap" : late.size() + " class(es) (" + late.get(0).name()
            + (late.size() > 1 ? ", ..." : "") + ")", Sizes.count(planned[planned.length - 2]),
            Sizes.count(planned[planned.length - 1]), Sizes.count(next)));
        captures.add(stage.runTo(next));
        analysis.add(captures.get(captures.size() - 1));
        iterations = java.util.Arrays.copyOf(planned, planned.length + 1);
        iterations[planned.length] = next;
      }
      return analysis.result(iterations, where, captures);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw LeakDiff.<RuntimeException>rethrow(e); // a leak test's own checked exception, as it threw it
    }
  }

  /** The reading of the captures in order: each dump's histograms, and the graphs of the last two. */
  private static final class Analysis {
    private final DumpReader reader;
    private final HuntSpec spec;
    private final List<ClassHistogram> all = new ArrayList<>();
    private final List<ClassHistogram> strong = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final HeapGraph[] graphs = new HeapGraph[2];
    private final ShortestPaths[] paths = new ShortestPaths[2];

    Analysis(DumpReader reader, HuntSpec spec) {
      this.reader = reader;
      this.spec = spec;
    }

    void add(Capture capture) {
      Path dump = capture.dump();
      graphs[0] = null; // no more than two graphs at a time: the one before and this one
      paths[0] = null;
      ClassHistogram h = reader.one(new DumpRef(dump, null));
      HeapGraph g = reader.reading(dump, dump.toString(), progress -> HeapGraph.build(dump, DumpSelection.last(),
          classes -> c -> true, progress));
      ShortestPaths p = ShortestPaths.compute(g, false, true);
      all.add(h);
      strong.add(StrongHistogram.of(g, p, h));
      labels.add(dump.getFileName().toString());
      graphs[0] = graphs[1];
      paths[0] = paths[1];
      graphs[1] = g;
      paths[1] = p;
    }

    Comparison comparison(long[] iterations) {
      return SeriesDiff.compare(labels, strong, iterations, spec.rule());
    }

    HuntResult result(long[] iterations, Path where, List<Capture> captures) {
      Comparison comparison = comparison(iterations);
      List<ClassSeries> clearable = clearable(SeriesDiff.compare(labels, all, iterations, spec.rule()), comparison);
      ProcessGrowth growth = ProcessGrowth.of(captures, iterations);
      List<ClassSeries> suspects = comparison.suspects();
      List<SuspectHolders.Holder> holders = List.of();
      ThreadLeak threads = null;
      Map<String, SuspectFacts> facts = Map.of();
      if (!suspects.isEmpty()) {
        List<String> names = suspects.stream().map(ClassSeries::name).toList();
        Path previous = captures.get(captures.size() - 2).dump();
        Path last = captures.get(captures.size() - 1).dump();
        holders = SuspectHolders.compare(
            SuspectHolders.chains(graphs[0], paths[0], names, false, reader.threadNames(graphs[0], previous, DumpSelection.last())),
            SuspectHolders.chains(graphs[1], paths[1], names, false, reader.threadNames(graphs[1], last, DumpSelection.last())));
        SuspectValues.Result before = reader.reading(previous, previous.toString(),
            progress -> SuspectValues.of(graphs[0], paths[0], previous, DumpSelection.last(), names, false));
        SuspectValues.Result now = reader.reading(last, last.toString(),
            progress -> SuspectValues.of(graphs[1], paths[1], last, DumpSelection.last(), names, true));
        facts = SuspectFacts.of(before, now, iterations[iterations.length - 1] - iterations[iterations.length - 2]);
        if (names.stream().anyMatch(n -> ThreadStarters.isThreadClass(graphs[1], n))) {
          threads = ThreadLeak.of(suspects, holders, LeakRoot.of(suspects, holders), graphs[1],
              reader.threadNames(graphs[1], last, DumpSelection.last()).get());
        }
      }
      return new HuntResult(spec, where, List.copyOf(captures), strong, comparison, clearable, growth, holders,
          LeakRoot.of(suspects, holders), LoaderLeak.of(comparison.loaderGrowth(), graphs[1], suspects, holders), threads, facts);
    }
  }

  /** The classes that grow like a leak when every instance counts, but not when only strongly held ones do. */
  private static List<ClassSeries> clearable(Comparison counted, Comparison strong) {
    Set<String> suspects = new HashSet<>();
    strong.suspects().forEach(s -> suspects.add(s.name()));
    List<ClassSeries> out = new ArrayList<>();
    for (ClassSeries s : counted.suspects()) {
      if (!suspects.contains(s.name())) {
        out.add(s);
      }
    }
    return out;
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
