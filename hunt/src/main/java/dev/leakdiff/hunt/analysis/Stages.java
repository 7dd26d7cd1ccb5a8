package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.hunt.Reporter;
import dev.leakdiff.hunt.capture.Capture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The method's stages: run the iterations up to each planned count, capture after each, and when something grew in the
 * last stage alone, or a suspect's growth slowed in it, run one stage more (twice the last count) to tell a one-time
 * step from a leak, and a bound from a leak; then the analysis.
 */
public final class Stages {
  private Stages() {}

  /** Runs the iterations up to a count and captures the process after them. */
  @FunctionalInterface
  public interface Stage {
    Capture runTo(long iteration) throws Exception;
  }

  /**
   * The stage one more than the planned ones: twice the last count. It runs when a class grew in the last stage alone
   * ({@link Verdict#LATE}): whether it goes on growing tells a leak from a one-time step.
   */
  public static long extraStage(long[] iterations) {
    return iterations[iterations.length - 1] * 2;
  }

  /**
   * Runs the stages (each capture added to captures as it is taken), then reads the captures, and with extend runs the
   * {@link #extraStage} when a class or the process grew in the last stage alone; returns the analysis of them all. A
   * leak test that dumps its own JVM does not extend: the reading of its dumps would be in the next one. What a stage
   * throws is thrown as it is.
   */
  public static HuntResult run(Reporter reporter, Analysis.Options options, String subject, long warmup, long[] planned,
      Path where, List<Capture> captures, Stage stage, boolean extend) {
    long[] iterations = planned;
    for (long target : planned) {
      captures.add(runTo(stage, target));
    }
    Analysis analysis = new Analysis(new DumpReader(reporter, options.layout()), options);
    captures.forEach(analysis::add);
    List<ClassSeries> late = !extend ? List.of()
        : analysis.comparison(planned).classes().stream().filter(c -> c.verdict() == Verdict.LATE).toList();
    List<ClassSeries> slowing = !extend ? List.of() : Bounds.slowing(analysis.comparison(planned));
    if (extend && (!late.isEmpty() || !slowing.isEmpty() || ProcessGrowth.of(captures, planned).late())
        && planned[planned.length - 1] > 0) {
      long next = extraStage(planned);
      reporter.stageAdded(late.stream().map(ClassSeries::name).toList(), slowing.stream().map(ClassSeries::name).toList(),
          planned[planned.length - 2], planned[planned.length - 1], next);
      captures.add(runTo(stage, next));
      analysis.add(captures.get(captures.size() - 1));
      iterations = Arrays.copyOf(planned, planned.length + 1);
      iterations[planned.length] = next;
    }
    return analysis.result(subject, planned, warmup, iterations, where, captures);
  }

  /** A stage, what it throws thrown as it is (a leak test's own checked exception too). */
  private static Capture runTo(Stage stage, long target) {
    try {
      return stage.runTo(target);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw Stages.<RuntimeException>sneaky(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Exception> T sneaky(Exception e) throws T {
    throw (T) e;
  }
}
