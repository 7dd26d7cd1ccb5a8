package dev.leakdiff.hunt.watch;

import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.hunt.analysis.ProcessGrowth;
import java.util.function.Function;

/**
 * A process fact a watch judges beside the classes, in the unit it is judged in, with the noise thresholds run uses for
 * it ({@link ProcessGrowth}); the loaded classes get the classes' own (a class-loader leak shows as more classes, not
 * more instances).
 */
public enum Fact {
  THREADS("threads", s -> s.threads() == null ? null : s.threads().doubleValue()),
  RSS_MIB("rssMiB", s -> s.rssBytes() == null ? null : s.rssBytes() / 1048576.0),
  HEAP_MIB("heapUsedMiB", s -> s.heapUsedBytes() == null ? null : s.heapUsedBytes() / 1048576.0),
  LOADED_CLASSES("loadedClasses", s -> s.loadedClasses() == null ? null : s.loadedClasses().doubleValue()),
  NATIVE_KIB("nativeCommittedKiB", s -> s.nativeCommittedBytes() == null ? null : s.nativeCommittedBytes() / 1024.0);

  /** The fact's name in JSON. */
  public final String key;
  private final Function<Sample, Double> value;

  Fact(String key, Function<Sample, Double> value) {
    this.key = key;
    this.value = value;
  }

  /** The fact in a sample, in its unit; null where unknown. */
  public Double of(Sample s) {
    return value.apply(s);
  }

  /** The thresholds it is judged with; classes, the rule of the classes' instances. */
  VerdictRule thresholds(VerdictRule classes) {
    return switch (this) {
      case THREADS -> ProcessGrowth.THREADS;
      case RSS_MIB, HEAP_MIB -> ProcessGrowth.MEMORY;
      case NATIVE_KIB -> ProcessGrowth.NATIVE;
      case LOADED_CLASSES -> classes;
    };
  }
}
