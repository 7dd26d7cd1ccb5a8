package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.SeriesDiff;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.graph.StrongHistogram;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.graph.SuspectValues;
import dev.leakdiff.graph.ThreadNames;
import dev.leakdiff.graph.ThreadStarters;
import dev.leakdiff.graph.ValueRequest;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hunt.capture.AllocationRecording;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.findings.BoundedCache;
import dev.leakdiff.hunt.findings.BytesGrowth;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.findings.LoaderLeak;
import dev.leakdiff.hunt.findings.ThreadLeak;
import dev.leakdiff.layout.Layout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The analysis of a series of captures, read in order: each dump's histogram, and of its graph the instances held
 * through strong references (what the GC may take is no leak); the graphs of the last two dumps are kept for the
 * suspects' chains. {@link #result} turns it all into a {@link HuntResult}: a function of the captures alone.
 */
public final class Analysis {
  /**
   * How captures are read and judged.
   *
   * @param layout the object layout to size objects with, or null to infer it from the dumps
   * @param rerootAt the class whose instance (a scenario, held by its runner) starts the chains through it
   */
  public record Options(VerdictRule rule, Layout layout, Set<String> rerootAt) {}

  private final DumpReader reader;
  private final Options options;
  private final List<ClassHistogram> all = new ArrayList<>();
  private final List<ClassHistogram> strong = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private final HeapGraph[] graphs = new HeapGraph[2];
  private final ShortestPaths[] paths = new ShortestPaths[2];
  private final Path[] dumps = new Path[2];

  public Analysis(DumpReader reader, Options options) {
    this.reader = reader;
    this.options = options;
  }

  /** Reads the next capture's dump. */
  public void add(Capture capture) {
    Path dump = capture.dump();
    graphs[0] = null; // no more than two graphs at a time: the one before and this one
    paths[0] = null;
    ClassHistogram h = reader.one(new DumpRef(dump, null));
    HeapGraph g = reader.graph(dump, DumpSelection.last(), dump.toString(), classes -> c -> true);
    ShortestPaths p = ShortestPaths.compute(g, false, true);
    all.add(h);
    strong.add(StrongHistogram.of(g, p, h));
    labels.add(dump.getFileName().toString());
    graphs[0] = graphs[1];
    paths[0] = paths[1];
    dumps[0] = dumps[1];
    graphs[1] = g;
    paths[1] = p;
    dumps[1] = dump;
  }

  /** The comparison of the strongly held instances of the dumps read so far. */
  public Comparison comparison(long[] iterations) {
    return SeriesDiff.compare(labels, strong, iterations, options.rule());
  }

  /**
   * The result: the comparison, what grows only where the GC may clear it, the process's growth, and for the suspects
   * their chains in the last two dumps, their values (one read of each of those dumps, thread names included), and the
   * findings made of them.
   */
  public HuntResult result(String subject, long[] planned, long warmup, long[] iterations, Path where, List<Capture> captures) {
    Comparison comparison = comparison(iterations);
    List<ClassSeries> clearable = clearable(SeriesDiff.compare(labels, all, iterations, options.rule()), comparison);
    ProcessGrowth growth = ProcessGrowth.of(captures, iterations);
    List<ClassSeries> suspects = comparison.suspects();
    List<SuspectHolders.Holder> holders = List.of();
    ThreadLeak threads = null;
    Map<String, SuspectFacts> facts = Map.of();
    List<LoaderLeak> loaderLeaks = LoaderLeaks.of(comparison.loaderGrowth(), graphs[1], suspects, holders);
    List<Leak> leaks = List.of();
    PathGroups.Options routes = new PathGroups.Options(false, options.rerootAt());
    Supplier<Map<Integer, String>> namesBefore = graphs[0] == null ? Map::of : memo(reader.threadNames(graphs[0], dumps[0]));
    Supplier<Map<Integer, String>> namesNow = graphs[1] == null ? Map::of : memo(reader.threadNames(graphs[1], dumps[1]));
    double span = iterations.length < 2 ? 0 : iterations[iterations.length - 1] - iterations[iterations.length - 2];
    if (!suspects.isEmpty()) {
      List<String> names = suspects.stream().map(ClassSeries::name).toList();
      Values before = values(0, names, false);
      Values now = values(1, names, true);
      namesBefore = before::threadNames;
      namesNow = now::threadNames;
      holders = SuspectHolders.compare(SuspectHolders.chains(graphs[0], paths[0], names, routes, before::threadNames),
          SuspectHolders.chains(graphs[1], paths[1], names, routes, now::threadNames));
      facts = SuspectFacts.of(before.suspects(), now.suspects(), span);
      loaderLeaks = LoaderLeaks.of(comparison.loaderGrowth(), graphs[1], suspects, holders);
      leaks = LeakRoots.of(suspects, holders, iterations, facts, loaderLeaks);
      leaks = LeakCost.of(leaks, holders, new LeakCost.Dump(graphs[0], paths[0], before::threadNames),
          new LeakCost.Dump(graphs[1], paths[1], now::threadNames), routes, span, sites(captures));
      if (names.stream().anyMatch(n -> ThreadStarters.isThreadClass(graphs[1], n))) {
        threads = ThreadLeaks.of(suspects, holders, leaks, graphs[1], now.threadNames());
      }
    }
    long maxHeap = maxHeap(captures);
    // what grows in bytes alone, and what stopped growing in the stage added
    List<BytesGrowth> bytes = List.of();
    List<BoundedCache> bounded = new ArrayList<>();
    Comparison plannedOnly = iterations.length > planned.length && planned.length >= 2
        ? SeriesDiff.compare(labels.subList(0, planned.length), strong.subList(0, planned.length), planned, options.rule()) : null;
    List<ClassSeries> byteCandidates = graphs[0] == null ? List.of() : BytesGrowths.candidates(comparison);
    List<String> plateaus = graphs[1] == null ? List.of() : Bounds.plateauNames(plannedOnly, comparison);
    if (!byteCandidates.isEmpty() || !plateaus.isEmpty()) {
      List<String> byteNames = byteCandidates.stream().map(ClassSeries::name).toList();
      List<String> nowNames = new ArrayList<>(byteNames);
      nowNames.addAll(plateaus);
      Map<String, PathGroups.Result> chainsNow = SuspectHolders.chains(graphs[1], paths[1], nowNames, routes, namesNow);
      if (!byteNames.isEmpty()) {
        bytes = BytesGrowths.of(byteCandidates, SuspectHolders.chains(graphs[0], paths[0], byteNames, routes, namesBefore),
            chainsNow, span, holders, options.rule());
      }
      bounded.addAll(Bounds.plateaus(plannedOnly, comparison, chainsNow, maxHeap));
    }
    if (!leaks.isEmpty()) {
      List<Bounds.Cached> cached = Bounds.cached(leaks, holders, graphs[1], paths[1], routes, namesNow);
      Bounds.Split split = Bounds.split(leaks, cached,
          request -> reader.reading(dumps[1], dumps[1].toString(), progress -> graphs[1].read(request, progress)), maxHeap);
      leaks = split.leaks();
      bounded.addAll(split.caches());
    }
    return new HuntResult(subject, planned, warmup, where, List.copyOf(captures), List.copyOf(strong), comparison, clearable,
        growth, holders, leaks, loaderLeaks, threads, facts, bytes, List.copyOf(bounded));
  }

  /**
   * The allocation samples of the last dump, matched to its objects, when its recording lies beside it (samples
   * allocated before the first capture left out), with the lines that made lambda classes from every capture's
   * recording; else null. A recording that cannot be read is a warning.
   */
  private SiteFinder sites(List<Capture> captures) {
    if (graphs[1] == null || dumps[1] == null) {
      return null;
    }
    Path file = AllocationRecording.of(dumps[1]);
    if (!java.nio.file.Files.isRegularFile(file)) {
      return null;
    }
    try {
      AllocationSamples.Recording r = AllocationSamples.read(file);
      // a recording written holds what happened since the one before: a lambda's class may have been made in any
      List<Path> earlier = new ArrayList<>();
      for (Capture c : captures) {
        Path e = AllocationRecording.of(c.dump());
        if (!e.equals(file) && java.nio.file.Files.isRegularFile(e)) {
          earlier.add(e);
        }
      }
      java.time.Instant after = null;
      if (!captures.isEmpty() && captures.get(0).facts() != null && captures.get(0).facts().time() != null) {
        try {
          after = java.time.Instant.parse(captures.get(0).facts().time());
        } catch (java.time.format.DateTimeParseException e) {
          after = null;
        }
      }
      return new SiteFinder(r, earlier, graphs[1], after, reader.reporter()::warn);
    } catch (java.io.IOException e) {
      reader.reporter().warn(e.getMessage() + "; the leaks are shown without where their objects were created");
      return null;
    }
  }

  /** The JVM's maximum heap as the last capture tells it, or -1. */
  private static long maxHeap(List<Capture> captures) {
    for (int i = captures.size() - 1; i >= 0; i--) {
      Capture c = captures.get(i);
      if (c.facts() != null && c.facts().heapAfter() != null && c.facts().heapAfter().max() > 0) {
        return c.facts().heapAfter().max();
      }
    }
    return -1;
  }

  /**
   * The holders of the named classes (suspects found elsewhere: a watch's histograms): their chains in the last two
   * dumps read, ranked by growth between them.
   */
  public List<SuspectHolders.Holder> holders(java.util.Collection<String> names) {
    PathGroups.Options routes = new PathGroups.Options(false, options.rerootAt());
    return SuspectHolders.compare(
        SuspectHolders.chains(graphs[0], paths[0], names, routes, memo(reader.threadNames(graphs[0], dumps[0]))),
        SuspectHolders.chains(graphs[1], paths[1], names, routes, memo(reader.threadNames(graphs[1], dumps[1]))));
  }

  /**
   * The values of one of the last two dumps the suspects need: their buffers and alike instances, and the threads'
   * names, read in the same pass when there is one; else in a pass of their own when a chain first starts at a thread.
   */
  private record Values(SuspectValues.Result suspects, Supplier<Map<Integer, String>> names) {
    Map<Integer, String> threadNames() {
      return names.get();
    }
  }

  private Values values(int which, List<String> names, boolean alike) {
    HeapGraph g = graphs[which];
    Path dump = dumps[which];
    return reader.reading(dump, dump.toString(), progress -> {
      ValueRequest request = new ValueRequest();
      SuspectValues.Plan plan = SuspectValues.ask(g, paths[which], names, alike, request);
      if (request.isEmpty()) {
        return new Values(SuspectValues.of(plan, request.answers()), memo(reader.threadNames(g, dump)));
      }
      ThreadNames.ask(g, request);
      ValueRequest.Answers answers = g.read(request, progress);
      Map<Integer, String> threadNames = ThreadNames.of(g, answers);
      return new Values(SuspectValues.of(plan, answers), () -> threadNames);
    });
  }

  /** A supplier asked once. */
  private static <T> Supplier<T> memo(Supplier<T> s) {
    Object[] value = new Object[1];
    boolean[] done = new boolean[1];
    return () -> {
      if (!done[0]) {
        value[0] = s.get();
        done[0] = true;
      }
      @SuppressWarnings("unchecked")
      T t = (T) value[0];
      return t;
    };
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
}
