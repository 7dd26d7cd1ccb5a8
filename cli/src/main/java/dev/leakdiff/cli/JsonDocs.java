package dev.leakdiff.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.ClassStat;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.BufferPools;
import dev.leakdiff.hunt.Capture;
import dev.leakdiff.hunt.HuntResult;
import dev.leakdiff.hunt.LeakRoot;
import dev.leakdiff.hunt.NativeMemory;
import dev.leakdiff.hunt.OutsideGrowth;
import dev.leakdiff.hunt.ProcessGrowth;
import dev.leakdiff.hunt.Sidecar;
import dev.leakdiff.hunt.SuspectFacts;
import dev.leakdiff.hunt.ThreadLeak;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON documents of the commands (schema version 1, docs/json.md), one record each, serialized by Jackson in
 * {@link Json#print}. Fields keep their names and meanings; new ones may come without a new version.
 */
final class JsonDocs {
  private JsonDocs() {}

  /** Bumped when a field changes meaning or disappears; new fields may come without it. */
  static final int SCHEMA_VERSION = 1;

  /** histo. */
  record Histo(int schemaVersion, Dump dump, List<HistoClass> classes) {
    static Histo of(ClassHistogram h, List<ClassStat> rows) {
      List<HistoClass> classes = new ArrayList<>();
      for (ClassStat c : rows) {
        classes.add(new HistoClass(c.name(), c.instances(), c.bytes(), c.classCount()));
      }
      return new Histo(SCHEMA_VERSION, Dump.of(h, null, null), classes);
    }
  }

  record HistoClass(String name, long instances, long bytes, int classCount) {}

  /** A dump read: its file, where it is in the file, its totals and how its object sizes were worked out. */
  record Dump(@JsonInclude(JsonInclude.Include.NON_NULL) String label, String file, int dumpIndex, int dumpCount,
      long timestampMillis, long objects, long bytes, String layout, boolean layoutInferred, boolean truncated,
      List<String> warnings, @JsonInclude(JsonInclude.Include.NON_NULL) Long iterations) {
    static Dump of(ClassHistogram h, String label, Long iterations) {
      return new Dump(label, h.source(), h.dumpIndex(), h.dumpCount(), h.timestampMillis(), h.totalObjects(), h.totalBytes(),
          h.layout().layout().name(), h.layout().inferred(), h.truncated(), h.warnings(), iterations);
    }
  }

  /** compare, and run's "comparison". */
  record Compare(int schemaVersion, List<Dump> dumps, Rule rule, List<Series> classes, List<String> suspects,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Stage> process,
      @JsonInclude(JsonInclude.Include.NON_NULL) ProcessVerdicts processGrowth) {
    static Compare of(Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows, ProcessGrowth growth) {
      List<Dump> dumps = new ArrayList<>();
      for (int i = 0; i < hs.size(); i++) {
        dumps.add(Dump.of(hs.get(i), c.labels().get(i), c.iterations() == null ? null : c.iterations()[i]));
      }
      VerdictRule r = c.rule();
      List<Series> classes = rows.stream().map(Series::of).toList();
      return new Compare(SCHEMA_VERSION, dumps, new Rule(r.noiseObjects(), r.noiseFraction(), r.minRate(), r.rateTolerance()),
          classes, names(c.suspects()), growth == null ? null : Stage.of(growth),
          growth == null || growth.iterations() == null ? null : ProcessVerdicts.of(growth));
    }
  }

  record Rule(long noiseObjects, double noiseFraction, double minRate, double rateTolerance) {}

  /** A class across the dumps; the verdict fields only with iterations. */
  record Series(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String verdict,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean suspect,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double instancesPerIteration,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double bytesPerIteration,
      long[] instances, long[] bytes, int[] classCounts, boolean loaderGrowth) {
    static Series of(ClassSeries s) {
      boolean v = s.verdict() != null;
      return new Series(s.name(), v ? s.verdict().word() : null, v ? s.verdict().suspect : null,
          v ? s.instancesPerIteration() : null, v ? s.bytesPerIteration() : null, s.instances(), s.bytes(), s.classCounts(),
          s.loaderGrowth());
    }
  }

  /** The process at one capture; facts the sidecar lacks are left out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Stage(String dump, Long iteration, Long rssBytes, Long threads, Long heapUsedBytes, Long directBuffers,
      Long directBufferBytes, Long mappedBufferBytes, Long nativeCommittedBytes, Long dumpBytes, Long dumpMillis) {
    static List<Stage> of(ProcessGrowth growth) {
      List<Stage> out = new ArrayList<>();
      for (Capture c : growth.captures()) {
        Sidecar f = c.facts();
        BufferPools.Pool direct = f.bufferPools() == null ? null : f.bufferPools().direct();
        BufferPools.Pool mapped = f.bufferPools() == null ? null : f.bufferPools().mapped();
        NativeMemory n = f.nativeMemoryParsed();
        long committed = n == null ? -1 : n.committedOutsideHeap();
        out.add(new Stage(c.dump().getFileName().toString(), f.iteration(), f.rssBytes(), f.threads(), f.heapUsed(),
            direct == null ? null : direct.count(), direct == null ? null : direct.capacity(),
            mapped == null ? null : mapped.capacity(), committed < 0 ? null : committed, f.dumpBytes(), f.dumpMillis()));
      }
      return out;
    }
  }

  /** The verdicts of the process across the captures: threads, RSS, heap used, and each kind of memory outside the heap. */
  record ProcessVerdicts(@JsonInclude(JsonInclude.Include.NON_NULL) Fact threads,
      @JsonInclude(JsonInclude.Include.NON_NULL) Fact rss, @JsonInclude(JsonInclude.Include.NON_NULL) Fact heapUsed,
      List<Outside> outsideHeap) {
    static ProcessVerdicts of(ProcessGrowth g) {
      return new ProcessVerdicts(g.threads() == null ? null : new Fact(g.threads().word(), g.threads().suspect, g.threadsPerIteration()),
          g.rss() == null ? null : new Fact(g.rss().word(), g.rssGrowsOutsideHeap(), g.rssPerIteration()),
          g.heap() == null ? null : new Fact(g.heap().word(), g.heap().suspect, null),
          g.outside().stream().map(Outside::of).toList());
    }
  }

  /** A fact's verdict; suspect for RSS only when the heap does not grow too. */
  record Fact(String verdict, boolean suspect, @JsonInclude(JsonInclude.Include.NON_NULL) Double perIteration) {}

  /** A buffer pool's capacity or a native memory category's committed bytes across the captures, and its verdict. */
  record Outside(String kind, String name, String verdict, boolean suspect, double bytesPerIteration,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double countPerIteration, long[] bytes,
      @JsonInclude(JsonInclude.Include.NON_NULL) long[] counts) {
    static Outside of(OutsideGrowth o) {
      boolean pool = o.kind() == OutsideGrowth.Kind.BUFFER_POOL;
      return new Outside(o.kind().word, o.name(), o.verdict().word(), o.grows(), o.bytesPerIteration(),
          pool ? o.countPerIteration() : null, o.bytes(), o.counts());
    }
  }

  /** A thread leak: the threads, what started them, where they wait, what they hold. */
  record Threads(String name, double threadsPerIteration, String startedBy, String parkedIn, List<String> holds,
      double bytesPerIterationWithHeld, List<String> threadContainers) {
    static Threads of(ThreadLeak t) {
      return t == null ? null : new Threads(t.name(), t.threadsPerIteration(), t.startedBy(), t.parkedIn().replaceFirst("^ in ", ""),
          t.held().stream().map(h -> h.series().name()).toList(), t.bytesPerIteration(),
          t.containers().stream().map(h -> h.series().name()).toList());
    }
  }

  /** paths. */
  record Paths(int schemaVersion, String dump, String type, List<String> matchedClasses, long instances, long bytes,
      long weakOnly, long staleOnly, long unreachable, @JsonInclude(JsonInclude.Include.NON_NULL) String baseline,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long baselineInstances, List<Group> groups) {}

  /** A merged chain: how many instances it holds and its hops, root first; what it is compared with, where it is. */
  record Group(long count, long bytes, String root, int minDepth, int maxDepth, List<Hop> chain,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long baselineCount,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long previousCount,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long growth) {
    static Group of(PathGroups.Group g, Long baselineCount, Long previousCount, Long growth) {
      List<Hop> hops = g.hops().stream().map(h -> new Hop(h.reference(), h.className())).toList();
      return new Group(g.count(), g.bytes(), g.rootKind(), g.minDepth(), g.maxDepth(), hops, baselineCount, previousCount, growth);
    }
  }

  record Hop(String reference, @JsonProperty("class") String className) {}

  /**
   * run and demo: the comparison counts instances held through strong references; clearable lists the classes that
   * grow only where the GC may clear them (counting every instance).
   */
  record Run(int schemaVersion, String scenario, long[] iterations, long warmup, String directory, List<Stage> stages,
      List<String> processWarnings, ProcessVerdicts processGrowth, Compare comparison, List<Holder> holders,
      List<Root> leakRoots, Threads threadLeak, List<Series> clearable, List<String> findings) {}

  /** A leak suspect and the chains that hold it. */
  record Holder(@JsonProperty("class") String className, String verdict, double instancesPerIteration, double bytesPerIteration,
      long directBytes, double directBytesPerIteration, double mappedBytesPerIteration, long alikeInstances, String heldThrough,
      long instances, long weakOnly, long staleOnly, long unreachable, List<Group> groups) {
    static Holder of(SuspectHolders.Holder h, ClassSeries s, SuspectFacts f, List<SuspectHolders.Route> shown) {
      List<Group> groups = shown.stream().map(r -> Group.of(r.group(), null, r.before(), r.growth())).toList();
      return new Holder(h.className(), s.verdict().word(), s.instancesPerIteration(), s.bytesPerIteration(), f.directBytes(),
          f.directBytesPerIteration(), f.mappedBytesPerIteration(), f.alike(), h.heldThrough(), h.paths().instances(),
          h.paths().weakOnly(), h.paths().staleOnly(), h.paths().unreachable(), groups);
    }
  }

  /** A suspect held through no other suspect. */
  record Root(@JsonProperty("class") String className, double instancesPerIteration, double bytesPerIterationWithHeld,
      double directBytesPerIterationWithHeld, List<String> holds, String route) {
    static Root of(LeakRoot r, HuntResult result) {
      double direct = result.facts(r.series().name()).directBytesPerIteration()
          + r.holds().stream().mapToDouble(h -> result.facts(h.name()).directBytesPerIteration()).sum();
      return new Root(r.series().name(), r.series().instancesPerIteration(), r.bytesPerIteration(), direct, names(r.holds()),
          r.route());
    }
  }

  static List<String> names(List<ClassSeries> series) {
    return series.stream().map(ClassSeries::name).toList();
  }
}
