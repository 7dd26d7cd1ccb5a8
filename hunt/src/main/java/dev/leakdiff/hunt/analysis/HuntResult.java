package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.findings.BoundedCache;
import dev.leakdiff.hunt.findings.BytesGrowth;
import dev.leakdiff.hunt.findings.ClearableCache;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.findings.HeldOffHeap;
import dev.leakdiff.hunt.findings.LateGrowth;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.findings.LoaderLeak;
import dev.leakdiff.hunt.findings.ThreadLeak;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a hunt found: the verdict of every class across the dumps, the process at each stage, who holds each leak
 * suspect, and the findings (values) made of them.
 *
 * @param subject what was hunted: a scenario CLASS[#METHOD], or a leak test's name
 * @param planned the iterations asked for; {@code comparison.iterations()} has one more when a stage was added
 * @param directory where the dumps, sidecars and the scenario's log are; null when they were deleted
 * @param captures the captures, one per stage (their files are gone when directory is null)
 * @param histograms the class histogram of each dump: the instances held through strong references
 * @param clearable classes that grow like a leak only when the instances the GC may clear count too: no leak
 * @param holders one per leak suspect: its chains in the last dump, ranked by growth since the one before
 * @param leaks the roots of the leak, each with the suspects it holds, most bytes per iteration first
 * @param loaderLeaks class loaders that leak with their classes, and what keeps them
 * @param threadLeak threads of one kind that grow with the iterations, with the leaks they hold; or null
 * @param facts per suspect class name: the native memory its instances hold and how alike they are
 * @param bytesGrowth classes whose bytes grow on one route while their count is steady (a growing buffer)
 * @param bounded growth a bound stops: plateaus, and leaks through a cache whose bound on entries is in the heap
 */
public record HuntResult(String subject, long[] planned, long warmup, Path directory, List<Capture> captures,
    List<ClassHistogram> histograms, Comparison comparison, List<ClassSeries> clearable, ProcessGrowth process,
    List<SuspectHolders.Holder> holders, List<Leak> leaks, List<LoaderLeak> loaderLeaks, ThreadLeak threadLeak,
    Map<String, SuspectFacts> facts, List<BytesGrowth> bytesGrowth, List<BoundedCache> bounded) {

  /**
   * Every finding, in the order a report gives them: the thread leak (with the leaks its threads hold), the other
   * leaks, the class-loader leaks no leak holds, what grows outside the heap and the native memory the suspects hold,
   * late growth, and the classes only the GC's clearable references hold.
   */
  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>(leakFindings());
    bounded.stream().filter(b -> !b.leak()).forEach(out::add);
    out.addAll(process.findings());
    HeldOffHeap off = heldOffHeap();
    if (off != null) {
      out.add(off);
    }
    out.addAll(late());
    clearable.forEach(c -> out.add(new ClearableCache(c)));
    return out;
  }

  /** The findings that are leaks, in the order of {@link #findings}. */
  public List<Finding> leakFindings() {
    List<Finding> out = new ArrayList<>();
    if (threadLeak != null) {
      out.add(threadLeak);
    }
    leaks.stream().filter(l -> threadLeak == null || !threadLeak.covers(l)).forEach(out::add);
    out.addAll(bytesGrowth);
    bounded.stream().filter(BoundedCache::leak).forEach(out::add);
    loaderLeaks.stream().filter(l -> leaks.stream().noneMatch(x -> x.loaderLeaks().contains(l))).forEach(out::add);
    return out;
  }

  /** Whether anything leaks: what fails --fail-on-leak and a leak test. */
  public boolean leaking() {
    return findings().stream().anyMatch(Finding::leak);
  }

  /** The classes that grew in the last stage alone, even after the stage added to tell. */
  public List<LateGrowth> late() {
    long[] its = comparison.iterations();
    return comparison.classes().stream().filter(s -> s.verdict() == Verdict.LATE)
        .map(s -> new LateGrowth(s, its[its.length - 2], its[its.length - 1])).toList();
  }

  /** The native memory the suspects hold more per iteration beside RSS, or null under 1 KiB. */
  public HeldOffHeap heldOffHeap() {
    List<String> names = suspects().stream().map(ClassSeries::name)
        .filter(n -> SuspectFacts.offHeap(facts, List.of(n)) != null)
        .sorted(Comparator.comparingDouble((String n) -> -facts(n).directBytesPerIteration())).toList();
    Leak.OffHeap total = SuspectFacts.offHeap(facts, names);
    if (total == null) {
      return null;
    }
    List<HeldOffHeap.Holder> top = names.stream().limit(3)
        .map(n -> new HeldOffHeap.Holder(n, SuspectFacts.offHeap(facts, List.of(n)))).toList();
    return new HeldOffHeap(total, top, names.size() - top.size(), process.rss() == null ? null : process.rssPerIteration());
  }

  /** Whether leakdiff ran one stage more than asked, to tell a one-time step from a leak. */
  public boolean stageAdded() {
    return comparison.iterations().length > planned.length;
  }

  /** The facts of a suspect, all zero when there are none. */
  public SuspectFacts facts(String className) {
    return facts.getOrDefault(className, SuspectFacts.NONE);
  }

  public List<ClassSeries> suspects() {
    return comparison.suspects();
  }

  /** The holder (chains) of a suspect class, or null. */
  public SuspectHolders.Holder holder(String className) {
    return holders.stream().filter(h -> h.className().equals(className)).findFirst().orElse(null);
  }

  /** The dump the chains were found in (the last), and the one their growth is counted from. */
  public String lastDumpName() {
    return captures.get(captures.size() - 1).dump().getFileName().toString();
  }

  public String previousDumpName() {
    return captures.get(captures.size() - 2).dump().getFileName().toString();
  }

  /** The same result, its dumps deleted. */
  public HuntResult withoutDirectory() {
    return new HuntResult(subject, planned, warmup, null, captures, histograms, comparison, clearable, process, holders, leaks,
        loaderLeaks, threadLeak, facts, bytesGrowth, bounded);
  }
}
