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
   * Runs the stages (each capture added to captures as it is taken) and reads the captures, and with extend runs the
   * {@link #extraStage} when a class or the process grew in the last stage alone, or its growth slowed; returns the
   * analysis of them all. With extend (the dumps are of another JVM) each dump is read while the next stage runs. A
   * leak test that dumps its own JVM does not extend, and reads its dumps after the last: the reading of its dumps
   * would be in the next one. What a stage throws is thrown as it is.
   */
  public static HuntResult run(Reporter reporter, Analysis.Options options, String subject, long warmup, long[] planned,
      Path where, List<Capture> captures, Stage stage, boolean extend) {
    long[] iterations = planned;
    // reads done aside while a stage runs show no progress (the stage shows its own); those after the stages do
    Aside aside = new Aside(reporter);
    Analysis analysis = new Analysis(new DumpReader(extend ? aside : reporter, options.layout()), options);
    // the dumps of another JVM are read while it runs the next stage; a JVM's own dumps only after its last stage
    Reading reading = new Reading(analysis, extend);
    try {
      for (long target : planned) {
        Capture c = runTo(stage, target);
        captures.add(c);
        reading.add(c);
      }
      aside.stagesDone = true;
      reading.finish();
    } finally {
      reading.close();
    }
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

  /** A reporter whose progress displays are left out until the stages are done. */
  private static final class Aside implements Reporter {
    private final Reporter to;
    volatile boolean stagesDone;

    Aside(Reporter to) {
      this.to = to;
    }

    @Override
    public void warn(String message) {
      to.warn(message);
    }

    @Override
    public void lastOfSeveral(Path file, int dumps) {
      to.lastOfSeveral(file, dumps);
    }

    @Override
    public Display progress(String label, dev.leakdiff.hprof.Progress progress) {
      return stagesDone ? to.progress(label, progress) : () -> {};
    }
  }

  /**
   * The reading of the captures in the order they come: on a thread of its own, one after the other, while the next
   * stage runs (when the dumps are of another JVM), or all at the end (a JVM's own dumps: a read in it would put its
   * objects in the next dump). What a read throws is thrown by {@link #finish}.
   */
  private static final class Reading implements AutoCloseable {
    private final Analysis analysis;
    private final java.util.concurrent.ExecutorService thread;
    private final List<java.util.concurrent.Future<?>> reads = new java.util.ArrayList<>();
    private final List<Capture> later = new java.util.ArrayList<>();

    Reading(Analysis analysis, boolean aside) {
      this.analysis = analysis;
      this.thread = aside ? java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leakdiff-reading");
        t.setDaemon(true);
        return t;
      }) : null;
    }

    void add(Capture c) {
      if (thread == null) {
        later.add(c);
      } else {
        reads.add(thread.submit(() -> analysis.add(c)));
      }
    }

    /** Waits for every read (or does them now); throws what the first that failed threw. */
    void finish() {
      later.forEach(analysis::add);
      for (java.util.concurrent.Future<?> f : reads) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading the dumps", e);
        }
      }
    }

    @Override
    public void close() {
      if (thread != null) {
        thread.shutdownNow();
      }
    }
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
