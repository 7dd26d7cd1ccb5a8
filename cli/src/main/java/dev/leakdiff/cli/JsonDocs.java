package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.ClassStat;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.analysis.HuntResult;
import dev.leakdiff.hunt.analysis.OutsideGrowth;
import dev.leakdiff.hunt.analysis.ProcessGrowth;
import dev.leakdiff.hunt.analysis.SuspectFacts;
import dev.leakdiff.hunt.capture.BufferPools;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.NativeMemory;
import dev.leakdiff.hunt.capture.Sidecar;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.findings.Gate;
import dev.leakdiff.diff.Coverage;
import dev.leakdiff.hunt.json.JsonObject;
import dev.leakdiff.hunt.words.FindingsJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON documents of the commands (schema version 2, docs/json.md). Fields keep their names and meanings; new ones
 * (and new kinds of finding) may come without a new version. Values only: the words a document holds (a finding's
 * {@code text}, a hop's {@code reference}) come from {@link FindingsJson}'s wording.
 */
final class JsonDocs {
  /** Bumped when a field changes meaning or disappears; new fields may come without it. */
  static final int SCHEMA_VERSION = 2;

  private final FindingsJson findings;

  JsonDocs(FindingsJson findings) {
    this.findings = findings;
  }

  /** histo. */
  JsonObject histo(ClassHistogram h, List<ClassStat> rows) {
    List<JsonObject> classes = new ArrayList<>();
    for (ClassStat c : rows) {
      classes.add(new JsonObject().with("name", c.name()).with("instances", c.instances()).with("bytes", c.bytes())
          .with("classCount", c.classCount()));
    }
    return new JsonObject().with("schemaVersion", SCHEMA_VERSION).with("dump", dump(h, null, null)).with("classes", classes);
  }

  /** A dump read: its file, where it is in the file, its totals and how its object sizes were worked out. */
  private static JsonObject dump(ClassHistogram h, String label, Long iterations) {
    return new JsonObject().withNonNull("label", label).with("file", h.source()).with("dumpIndex", h.dumpIndex())
        .with("dumpCount", h.dumpCount()).with("timestampMillis", h.timestampMillis()).with("objects", h.totalObjects())
        .with("bytes", h.totalBytes()).with("layout", h.layout().layout().name()).with("layoutInferred", h.layout().inferred())
        .with("truncated", h.truncated())
        .withNonNull("truncatedAt", h.coverage().truncated() ? h.coverage().truncatedAt() : null)
        .with("heapBytesRead", h.coverage().heapBytesRead()).with("damaged", h.coverage().damaged())
        .with("warnings", h.warnings()).withNonNull("iterations", iterations);
  }

  /** compare, and run's "comparison". */
  JsonObject compare(Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows, ProcessGrowth growth, List<Finding> found) {
    List<JsonObject> dumps = new ArrayList<>();
    for (int i = 0; i < hs.size(); i++) {
      dumps.add(dump(hs.get(i), c.labels().get(i), c.iterations() == null ? null : c.iterations()[i]));
    }
    VerdictRule r = c.rule();
    JsonObject o = new JsonObject().with("schemaVersion", SCHEMA_VERSION).with("dumps", dumps)
        .with("rule", new JsonObject().with("noiseObjects", r.noiseObjects()).with("noiseFraction", r.noiseFraction())
            .with("minRate", r.minRate()).with("rateTolerance", r.rateTolerance()))
        .with("classes", rows.stream().map(JsonDocs::series).toList())
        .with("suspects", c.suspects().stream().map(ClassSeries::name).toList());
    if (found != null) {
      o.with("findings", found.stream().map(findings::finding).toList()).with("gate", gate(found));
    }
    if (growth != null) {
      o.with("process", stages(growth));
      if (growth.iterations() != null) {
        o.with("processGrowth", processGrowth(growth));
      }
    }
    return o;
  }

  /** A class across the dumps; the verdict fields only with iterations. */
  private static JsonObject series(ClassSeries s) {
    boolean v = s.verdict() != null;
    JsonObject o = new JsonObject().with("name", s.name());
    if (v) {
      o.with("verdict", FindingsJson.word(s.verdict())).with("suspect", s.verdict().suspect)
          .with("instancesPerIteration", s.instancesPerIteration()).with("bytesPerIteration", s.bytesPerIteration());
    }
    return o.with("instances", s.instances()).with("bytes", s.bytes()).with("classCounts", s.classCounts())
        .with("loaderGrowth", s.loaderGrowth());
  }

  /** The process at each capture; facts the sidecar lacks are left out. */
  private static List<JsonObject> stages(ProcessGrowth growth) {
    List<JsonObject> out = new ArrayList<>();
    for (Capture c : growth.captures()) {
      Sidecar f = c.facts();
      BufferPools.Pool direct = f.bufferPools() == null ? null : f.bufferPools().direct();
      BufferPools.Pool mapped = f.bufferPools() == null ? null : f.bufferPools().mapped();
      NativeMemory n = f.nativeMemoryParsed();
      long committed = n == null ? -1 : n.committedOutsideHeap();
      out.add(new JsonObject().with("dump", c.dump().getFileName().toString()).withNonNull("iteration", f.iteration())
          .withNonNull("rssBytes", f.rssBytes()).withNonNull("threads", f.threads()).withNonNull("heapUsedBytes", f.heapUsed())
          .withNonNull("directBuffers", direct == null ? null : direct.count())
          .withNonNull("directBufferBytes", direct == null ? null : direct.capacity())
          .withNonNull("mappedBufferBytes", mapped == null ? null : mapped.capacity())
          .withNonNull("nativeCommittedBytes", committed < 0 ? null : committed).withNonNull("dumpBytes", f.dumpBytes())
          .withNonNull("dumpMillis", f.dumpMillis()));
    }
    return out;
  }

  /** The verdicts of the process across the captures: threads, RSS, heap used, and each kind of memory outside the heap. */
  private static JsonObject processGrowth(ProcessGrowth g) {
    JsonObject o = new JsonObject();
    if (g.threads() != null) {
      o.with("threads", fact(FindingsJson.word(g.threads()), g.threads().suspect, g.threadsPerIteration()));
    }
    if (g.rss() != null) {
      o.with("rss", fact(FindingsJson.word(g.rss()), g.rssGrowsOutsideHeap(), g.rssPerIteration()));
    }
    if (g.heap() != null) {
      o.with("heapUsed", fact(FindingsJson.word(g.heap()), g.heap().suspect, null));
    }
    List<JsonObject> outside = new ArrayList<>();
    for (OutsideGrowth x : g.outside()) {
      boolean pool = x.kind() == OutsideGrowth.Kind.BUFFER_POOL;
      outside.add(new JsonObject().with("kind", x.kind().word).with("name", x.name())
          .with("verdict", FindingsJson.word(x.verdict())).with("suspect", x.grows())
          .with("bytesPerIteration", x.bytesPerIteration()).withNonNull("countPerIteration", pool ? x.countPerIteration() : null)
          .with("bytes", x.bytes()).withNonNull("counts", x.counts()));
    }
    return o.with("outsideHeap", outside);
  }

  private static JsonObject fact(String verdict, boolean suspect, Double perIteration) {
    return new JsonObject().with("verdict", verdict).with("suspect", suspect)
        .withNonNull("perIteration", perIteration);
  }

  /** paths. */
  JsonObject paths(String label, String type, List<String> matched, PathGroups.Result r, String baseline, Long baselineInstances,
      List<JsonObject> groups, Coverage coverage) {
    return new JsonObject().with("schemaVersion", SCHEMA_VERSION).with("dump", label).with("type", type)
        .with("truncated", coverage.truncated()).withNonNull("truncatedAt", coverage.truncated() ? coverage.truncatedAt() : null)
        .with("heapBytesRead", coverage.heapBytesRead())
        .with("matchedClasses", matched).with("instances", r.instances()).with("bytes", r.bytes()).with("weakOnly", r.weakOnly())
        .with("staleOnly", r.staleOnly()).with("unreachable", r.unreachable()).withNonNull("baseline", baseline)
        .withNonNull("baselineInstances", baselineInstances).with("groups", groups);
  }

  /** A merged chain: how many instances it holds and its hops, root first; what it is compared with, where it is. */
  JsonObject group(PathGroups.Group g, Long baselineCount, Long previousCount, Long growth) {
    return new JsonObject().with("count", g.count()).with("bytes", g.bytes()).with("root", FindingsJson.word(g.root()))
        .with("minDepth", g.minDepth()).with("maxDepth", g.maxDepth()).with("chain", findings.route(g.route()))
        .withNonNull("baselineCount", baselineCount).withNonNull("previousCount", previousCount).withNonNull("growth", growth);
  }

  /** run and demo. */
  JsonObject run(HuntResult r, List<ClassSeries> rows, List<SuspectHolders.Holder> holders, int chains) {
    List<JsonObject> hs = new ArrayList<>();
    for (SuspectHolders.Holder h : holders) {
      ClassSeries s = r.suspects().stream().filter(x -> x.name().equals(h.className())).findFirst().orElseThrow();
      SuspectFacts f = r.facts(h.className());
      hs.add(new JsonObject().with("class", h.className()).with("verdict", FindingsJson.word(s.verdict()))
          .with("instancesPerIteration", s.instancesPerIteration()).with("bytesPerIteration", s.bytesPerIteration())
          .with("directBytes", f.directBytes()).with("directBytesPerIteration", f.directBytesPerIteration())
          .with("mappedBytesPerIteration", f.mappedBytesPerIteration()).with("alikeInstances", f.alike())
          .with("heldThrough", h.heldThrough()).with("instances", h.paths().instances()).with("weakOnly", h.paths().weakOnly())
          .with("staleOnly", h.paths().staleOnly()).with("unreachable", h.paths().unreachable())
          .with("groups", HoldersReport.shownRoutes(h, chains).stream().map(g -> group(g.group(), null, g.before(), g.growth())).toList()));
    }
    return new JsonObject().with("schemaVersion", SCHEMA_VERSION).with("scenario", r.subject())
        .with("iterations", r.comparison().iterations()).with("warmup", r.warmup())
        .with("directory", r.directory() == null ? null : r.directory().toString()).with("stageAdded", r.stageAdded())
        .with("stages", stages(r.process())).with("processGrowth", processGrowth(r.process()))
        .with("comparison", compare(r.comparison(), r.histograms(), rows, null, null)).with("holders", hs)
        .with("findings", r.findings().stream().map(findings::finding).toList()).with("leaking", r.leaking())
        .with("gate", gate(r.findings()));
  }

  /** What --fail-on-leak makes of the findings: pass, leak or cannotJudge. */
  private static String gate(List<? extends Finding> found) {
    return FindingsJson.word(Gate.decide(found));
  }
}
