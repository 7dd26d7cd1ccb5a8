package dev.leakdiff.hunt.watch;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.Trend;
import dev.leakdiff.diff.TrendRule;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.analysis.Analysis;
import dev.leakdiff.hunt.analysis.DumpReader;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.Capturer;
import dev.leakdiff.hunt.capture.Dumpers;
import dev.leakdiff.hunt.capture.Jvms;
import dev.leakdiff.hunt.capture.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A watch of a running JVM: a sample every interval ({@link Sampler}), the trends of the window after each
 * ({@link Judgement}), the verdict changes told as they happen, until the time or the samples asked for are done, the
 * caller stops it (Ctrl-C), or the target ends; what was gathered is returned in every case. With a {@link DumpPlan},
 * the first leak suspect makes it take two dumps some samples apart and find who holds the suspects.
 */
public final class Watch {
  /**
   * How to watch.
   *
   * @param everyMillis the interval between the starts of two samples
   * @param forMillis stop once this long has passed since the first sample; null: no limit
   * @param maxSamples stop after this many samples; null: no limit
   * @param window the samples each trend is judged over (the last ones)
   * @param rule the rule for the classes' instances (its thresholds also for the loaded classes)
   * @param dumps when to dump, or null: never
   */
  public record Options(long everyMillis, Long forMillis, Integer maxSamples, int window, TrendRule rule, DumpPlan dumps) {}

  /**
   * Two dumps to confirm the histograms' suspects: the first once a class is a leak suspect, the second samplesApart
   * samples later; each only when the free space of dir is at least twice the heap in use.
   */
  public record DumpPlan(Path dir, int samplesApart, Duration timeout, DumpReader reader) {}

  /** A series' verdict that changed with a sample: a class (fact null) or a process fact. */
  public record Change(int sample, String className, Fact fact, Verdict from, Trend trend) {
    public Verdict to() {
      return trend.verdict();
    }
  }

  /** What the dumps tell of the suspects: the strongly held instances in each, and their chains. */
  public record Confirmation(List<Capture> captures, double[] work, Map<String, long[]> strong,
      List<SuspectHolders.Holder> holders) {
    /** The growth of a class's strongly held instances from the first dump to the last per unit of work; NaN for none. */
    public double strongRate(String className) {
      long[] counts = strong.get(className);
      double span = work[work.length - 1] - work[0];
      return counts == null || !(span > 0) ? Double.NaN : (counts[counts.length - 1] - counts[0]) / span;
    }
  }

  /** Why a watch ended. */
  public enum Ending { DURATION, SAMPLES, STOPPED, TARGET_ENDED, FAILED }

  /**
   * All a watch gathered.
   *
   * @param failure what ended it, for TARGET_ENDED and FAILED; else null
   * @param last the trends after the last sample; null when no sample was taken
   */
  public record Result(long pid, String unit, List<Sample> samples, Judgement last, Ending ending, LeakdiffException failure,
      Confirmation confirmation) {
    /** What the samples cost the target. */
    public Cost cost() {
      double[] pauses = samples.stream().filter(s -> s.gcPauseMillis() != null).mapToDouble(Sample::gcPauseMillis).sorted()
          .toArray();
      double[] took = samples.stream().mapToDouble(Sample::sampleMillis).sorted().toArray();
      return new Cost(pauses.length, median(pauses), pauses.length == 0 ? Double.NaN : pauses[pauses.length - 1], median(took));
    }
  }

  /**
   * What a sample costs the target: the pause of its full GC (the median and the longest, of the samples whose pause
   * the target's counters told; NaN without them) and how long a sample took, attach to detach (the median).
   */
  public record Cost(int pausesKnown, double pauseMillisMedian, double pauseMillisMax, double sampleMillisMedian) {}

  private static double median(double[] sorted) {
    int k = sorted.length;
    return k == 0 ? Double.NaN : k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
  }

  /** What a watch tells as it goes. */
  public interface Listener {
    void sampled(Judgement j);

    void changed(Change c);

    /** A dump was not taken: the free space of dir is below twice the heap in use. */
    default void dumpSkipped(Path dir, long free, long heapUsed) {}

    default void dumped(Capture c) {}
  }

  private final Sampler sampler;
  private final Options options;

  public Watch(Sampler sampler, Options options) {
    this.sampler = sampler;
    this.options = options;
  }

  /** Watches until done; stop is asked between samples (and while waiting for the next). */
  public Result run(Listener listener, BooleanSupplier stop, String unit) {
    List<Sample> samples = new ArrayList<>();
    Map<String, Verdict> classVerdicts = new HashMap<>();
    Map<Fact, Verdict> factVerdicts = new HashMap<>();
    Judgement last = null;
    Dumping dumping = options.dumps == null ? null : new Dumping(options.dumps);
    long start = System.nanoTime();
    long every = options.everyMillis * 1_000_000;
    long due = start;
    Ending ending;
    LeakdiffException failure = null;
    while (true) {
      if (!samples.isEmpty() && !waitUntil(due, stop)) {
        ending = Ending.STOPPED;
        break;
      }
      if (options.forMillis != null && !samples.isEmpty() && System.nanoTime() - start >= options.forMillis * 1_000_000) {
        ending = Ending.DURATION;
        break;
      }
      Sample s;
      try {
        s = sampler.take(samples.size() + 1);
      } catch (LeakdiffException e) {
        if (samples.isEmpty()) {
          throw e;
        }
        failure = e;
        ending = ending(e);
        break;
      }
      // the next sample an interval after this one was due; one that ran late (a dump) skips what it missed
      due = Math.max(due + every, System.nanoTime());
      samples.add(s);
      last = Judgement.of(samples, options.window, options.rule);
      listener.sampled(last);
      changes(last, classVerdicts, factVerdicts).forEach(listener::changed);
      if (dumping != null) {
        try {
          dumping.after(last, listener);
        } catch (LeakdiffException e) {
          failure = e;
          ending = ending(e);
          break;
        }
      }
      if (options.maxSamples != null && samples.size() >= options.maxSamples) {
        ending = Ending.SAMPLES;
        break;
      }
      if (stop.getAsBoolean()) {
        ending = Ending.STOPPED;
        break;
      }
    }
    return new Result(sampler.pid(), unit, List.copyOf(samples), last, ending, failure,
        dumping == null ? null : dumping.confirmation);
  }

  /** A failure after the first sample: the target ended (it is gone, or its pid is no JVM now), or the watch failed. */
  private static Ending ending(LeakdiffException e) {
    return e.kind() == Kind.NO_PROCESS || e.kind() == Kind.NOT_A_JVM ? Ending.TARGET_ENDED : Ending.FAILED;
  }

  /** Sleeps until due; false when stop said so first. */
  private static boolean waitUntil(long due, BooleanSupplier stop) {
    while (true) {
      if (stop.getAsBoolean()) {
        return false;
      }
      long left = due - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /**
   * The verdicts that changed with this judgement: of a process fact, any; of a class, those to or from growth (leak,
   * superlinear, grows, late), so that the many classes that go from no verdict to stable or init tell nothing.
   */
  static List<Change> changes(Judgement j, Map<String, Verdict> classes, Map<Fact, Verdict> facts) {
    List<Change> out = new ArrayList<>();
    int n = j.sample().index();
    for (Map.Entry<Fact, Trend> e : j.facts().entrySet()) {
      Verdict was = facts.get(e.getKey());
      Verdict now = e.getValue().verdict();
      if (now != was) {
        out.add(new Change(n, null, e.getKey(), was, e.getValue()));
        facts.put(e.getKey(), now);
      }
    }
    Set<String> seen = new java.util.HashSet<>();
    for (Map.Entry<String, Trend> e : j.classes().entrySet()) {
      seen.add(e.getKey());
      Verdict was = classes.get(e.getKey());
      Verdict now = e.getValue().verdict();
      if (now != was && (growing(now) || growing(was))) {
        out.add(new Change(n, e.getKey(), null, was, e.getValue()));
      }
      classes.put(e.getKey(), now);
    }
    for (Map.Entry<String, Verdict> e : new ArrayList<>(classes.entrySet())) {
      if (!seen.contains(e.getKey())) { // no change in the window: stable
        if (growing(e.getValue())) {
          out.add(new Change(n, e.getKey(), null, e.getValue(), new Trend(Verdict.STABLE, 0, 0, 0, 0, 0, 0)));
        }
        classes.remove(e.getKey());
      }
    }
    return out;
  }

  private static boolean growing(Verdict v) {
    return v == Verdict.LEAK || v == Verdict.SUPERLINEAR || v == Verdict.GROWS || v == Verdict.LATE;
  }

  /** The dump plan's state: no dump yet, one, or both and the confirmation. */
  private final class Dumping {
    private final DumpPlan plan;
    private final List<Capture> captures = new ArrayList<>();
    private final List<Double> work = new ArrayList<>();
    private int firstAt;
    private boolean off;
    private Confirmation confirmation;

    Dumping(DumpPlan plan) {
      this.plan = plan;
    }

    void after(Judgement j, Listener listener) {
      if (off || confirmation != null) {
        return;
      }
      suspectsSeen.addAll(j.suspects());
      if (captures.isEmpty() && j.suspects().isEmpty()) {
        return;
      }
      if (captures.size() == 1 && j.sample().index() - firstAt < plan.samplesApart()) {
        return;
      }
      long heap = j.sample().heapUsedBytes() == null ? 0 : j.sample().heapUsedBytes();
      long free = free(plan.dir());
      if (free < 2 * heap) {
        listener.dumpSkipped(plan.dir(), free, heap);
        off = true;
        return;
      }
      work.add(sampler.work().read()); // the work goes on while it dumps: read just before
      Capture c = Capturer.capture(Dumpers.attach(target()), plan.dir(), "watch-" + (captures.size() + 1), null, true, false,
          plan.timeout());
      captures.add(c);
      listener.dumped(c);
      if (captures.size() == 1) {
        firstAt = j.sample().index();
        return;
      }
      confirmation = confirm(j.suspects().isEmpty() ? List.copyOf(suspectsSeen) : j.suspects());
    }

    private final Set<String> suspectsSeen = new java.util.LinkedHashSet<>();

    private Confirmation confirm(List<String> suspects) {
      Analysis a = new Analysis(plan.reader(), new Analysis.Options(options.rule.thresholds(), null, Set.of()));
      captures.forEach(a::add);
      Comparison c = a.comparison(null);
      Map<String, long[]> strong = new LinkedHashMap<>();
      for (String name : suspects) {
        strong.put(name, c.classes().stream().filter(s -> s.name().equals(name)).findFirst().map(ClassSeries::instances)
            .orElse(new long[captures.size()]));
      }
      return new Confirmation(List.copyOf(captures), work.stream().mapToDouble(Double::doubleValue).toArray(), strong,
          a.holders(suspects));
    }

    private long free(Path dir) {
      try {
        Files.createDirectories(dir);
        OwnerOnly.set(dir);
        return Files.getFileStore(dir).getUsableSpace();
      } catch (IOException e) {
        throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot create the directory " + dir + " ("
            + LeakdiffException.rootMessage(e) + ")");
      }
    }
  }

  private Jvms.Confirmed target() {
    return sampler.target();
  }
}
