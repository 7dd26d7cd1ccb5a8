package dev.leakdiff.hunt;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.graph.SuspectHolders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a hunt found: the verdict of every class across the dumps, the process at each stage, who holds each
 * leak suspect, and the suspects at the root of the leak (held through no other suspect).
 *
 * @param directory where the dumps, sidecars and the scenario's log are; null when they were deleted
 * @param captures the captures, one per stage (their files are gone when directory is null)
 * @param histograms the class histogram of each dump: the instances held through strong references
 * @param clearable classes that grow like a leak only when the instances the GC may clear count too (held only
 *     through weak, soft or cleared references): no leak
 * @param holders one per leak suspect: its chains in the last dump, ranked by growth since the one before
 * @param roots the suspects held through no other suspect, most bytes per iteration first
 * @param loaderLeaks class loaders that leak with their classes, and what keeps them
 * @param threadLeak threads of one kind that grow with the iterations, with the roots they hold; or null
 * @param facts per suspect class name: the native memory its instances hold and how alike they are
 */
public record HuntResult(HuntSpec spec, Path directory, List<Capture> captures, List<ClassHistogram> histograms,
    Comparison comparison, List<ClassSeries> clearable, ProcessGrowth process, List<SuspectHolders.Holder> holders, List<LeakRoot> roots,
    List<LoaderLeak> loaderLeaks, ThreadLeak threadLeak, Map<String, SuspectFacts> facts) {

  /** Whether any class is a leak suspect. */
  public boolean leaks() {
    return !comparison.suspects().isEmpty();
  }

  /** The facts of a suspect, all zero when there are none. */
  public SuspectFacts facts(String className) {
    return facts.getOrDefault(className, new SuspectFacts(0, 0, 0, 0, 0, 0));
  }

  public List<ClassSeries> suspects() {
    return comparison.suspects();
  }

  /** The dump the chains were found in (the last), and the one their growth is counted from. */
  public String lastDumpName() {
    return captures.get(captures.size() - 1).dump().getFileName().toString();
  }

  public String previousDumpName() {
    return captures.get(captures.size() - 2).dump().getFileName().toString();
  }
}
