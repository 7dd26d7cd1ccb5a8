package dev.leakdiff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.diff.SeriesDiff;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.graph.HeapGraph;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The method in one go, for run and demo: a child JVM runs the scenario; after each stage of iterations a
 * live dump and its sidecar are captured; the dumps are compared; the chains holding each leak suspect are
 * found in the last dump; one report says it all.
 */
final class LeakHunt {
  private final PrintWriter out;
  private final PrintWriter err;
  private final RunOptions options;
  private final VerdictRule rule;
  private final CommonOptions common;

  LeakHunt(PrintWriter out, PrintWriter err, RunOptions options) {
    this.out = out;
    this.err = err;
    this.options = options;
    this.rule = options.rule.rule();
    this.common = options.common;
  }

  /** A leak suspect that nothing else suspect holds, with the suspects held through it. */
  record LeakRoot(SuspectHolders.Holder holder, ClassSeries series, List<ClassSeries> holds) {
    double bytesPerIteration() {
      return series.bytesPerIteration() + holds.stream().mapToDouble(ClassSeries::bytesPerIteration).sum();
    }
  }

  int hunt(String className, String method, List<String> classpath, List<String> extraJvmArgs) {
    long[] iterations = options.iterations;
    if (iterations.length < 2) {
      throw new UserError(ExitCodes.USAGE, "--iterations needs two or more counts, e.g. 0,1,10,100");
    }
    for (int i = 0; i < iterations.length; i++) {
      if (iterations[i] < 0 || iterations[i] > Integer.MAX_VALUE || (i > 0 && iterations[i] <= iterations[i - 1])) {
        throw new UserError(ExitCodes.USAGE, "--iterations must be 0 or more and increase from one dump to the next");
      }
    }
    if (options.warmup < 0 || options.timeoutSeconds < 0) {
      throw new UserError(ExitCodes.USAGE, "--warmup and --timeout must be 0 or more");
    }
    if (common.format == CommonOptions.Format.csv) {
      throw new UserError(ExitCodes.USAGE, "run reports as a table or json, not csv (compare DIR --format csv gives the classes)");
    }
    String scenario = className + (method == null ? "" : "#" + method);
    Path java = javaExecutable();
    boolean madeDir = options.dir == null || !Files.exists(options.dir);
    Path dir = directory();
    Path log = dir.resolve("scenario.log");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(extraJvmArgs);
    command.addAll(options.jvmArgs);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath) + File.pathSeparator + ownCode());
    command.add(ScenarioRunner.class.getName());
    command.add(className);
    if (method != null) {
      command.add(method);
    }

    List<Capturer.Result> results = new ArrayList<>();
    boolean finished = false;
    try {
      err.printf("leakdiff: running %s in a child JVM (log: %s)%n", scenario, log);
      try (ScenarioProcess child = ScenarioProcess.start(command, log, scenario, options.timeoutSeconds)) {
        if (options.warmup > 0) {
          err.printf("leakdiff: warm-up, %s iterations%n", Sizes.count(options.warmup));
          child.run(options.warmup);
        }
        long done = 0;
        for (long target : iterations) {
          if (target > done) {
            done = child.run(target - done) - options.warmup;
          }
          Capturer.Result r = capture(child.pid(), dir, target);
          err.printf("leakdiff: after %s iteration%s: %s dumped in %.1f s%n", Sizes.count(target), target == 1 ? "" : "s",
              Sizes.bytes(r.bytes()), r.millis() / 1000.0);
          results.add(r);
        }
        child.quit();
      }
      int code = report(scenario, dir, results);
      finished = true;
      return code;
    } finally {
      if (options.noKeep) {
        cleanUp(dir, results, madeDir, finished);
      }
    }
  }

  private Capturer.Result capture(long pid, Path dir, long iteration) {
    try {
      return Capturer.capture(pid, dir, "iter-" + iteration, Math.toIntExact(iteration), true, false,
          options.timeoutSeconds == 0 ? Long.MAX_VALUE / 4 : options.timeoutSeconds);
    } catch (UserError e) {
      throw e;
    } catch (Exception e) {
      throw new UserError(ExitCodes.CAPTURE_FAILED, "the dump after " + iteration + " iterations failed: " + Capturer.rootMessage(e));
    }
  }

  private int report(String scenario, Path dir, List<Capturer.Result> results) {
    List<Captures.Capture> captures = new ArrayList<>();
    List<ClassHistogram> histograms = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    DumpLoader loader = new DumpLoader(err, common.layout());
    for (Capturer.Result r : results) {
      try {
        captures.add(Captures.read(r.sidecar(), r.dump()));
      } catch (IOException e) {
        throw new UserError(ExitCodes.NO_INPUT, r.sidecar() + ": cannot read the sidecar (" + e.getMessage() + ")");
      }
      histograms.add(loader.one(new DumpRef(r.dump(), null)));
      labels.add(r.dump().getFileName().toString());
    }
    Comparison c = SeriesDiff.compare(labels, histograms, options.iterations, rule);
    ProcessGrowth growth = ProcessGrowth.of(captures, options.iterations);
    List<ClassSeries> suspects = c.suspects();
    Path last = results.get(results.size() - 1).dump();
    Path previous = results.get(results.size() - 2).dump();
    List<SuspectHolders.Holder> holders = suspects.isEmpty() ? List.of() : holders(previous, last, suspects);
    List<LeakRoot> roots = roots(suspects, holders);
    List<ClassSeries> rows = ComparisonReport.shown(c, common.top, false);
    String where = options.noKeep ? null : dir.toString();
    if (common.format == CommonOptions.Format.json) {
      json(scenario, where, c, histograms, rows, growth, holders, roots);
    } else {
      text(scenario, where, c, histograms, rows, growth, roots, previous, last);
    }
    out.flush();
    return options.failOnLeak && !suspects.isEmpty() ? ExitCodes.LEAK_FOUND : ExitCodes.OK;
  }

  /** The holders of the suspects: their chains in the last dump, ranked by their growth since the one before. */
  private List<SuspectHolders.Holder> holders(Path before, Path now, List<ClassSeries> suspects) {
    List<String> names = suspects.stream().map(ClassSeries::name).toList();
    return SuspectHolders.compare(chains(before, names), chains(now, names));
  }

  private Map<String, PathGroups.Result> chains(Path dump, List<String> names) {
    Set<String> wanted = Set.copyOf(names);
    HeapGraph g = DumpLoader.reading(dump, dump.toString(), err, progress -> HeapGraph.build(dump, new DumpRef(dump, null).selection(),
        classes -> c -> wanted.contains(classes.get(c).name()), progress));
    ShortestPaths paths = ShortestPaths.compute(g, false, true);
    return SuspectHolders.chains(g, paths, names, false, DumpLoader.threadNames(g, dump, new DumpRef(dump, null).selection(), err));
  }

  /** The suspects held through no other suspect, each with those it holds (through any depth), most bytes first. */
  static List<LeakRoot> roots(List<ClassSeries> suspects, List<SuspectHolders.Holder> holders) {
    Map<String, ClassSeries> series = new HashMap<>();
    suspects.forEach(s -> series.put(s.name(), s));
    Map<String, String> through = new HashMap<>();
    holders.forEach(h -> through.put(h.className(), h.heldThrough()));
    Map<String, List<ClassSeries>> held = new LinkedHashMap<>();
    for (SuspectHolders.Holder h : holders) {
      String top = h.className();
      Set<String> seen = new java.util.HashSet<>();
      while (through.get(top) != null && seen.add(top)) {
        top = through.get(top);
      }
      held.computeIfAbsent(top, k -> new ArrayList<>());
      if (!top.equals(h.className())) {
        held.get(top).add(series.get(h.className()));
      }
    }
    List<LeakRoot> roots = new ArrayList<>();
    for (SuspectHolders.Holder h : holders) {
      if (held.containsKey(h.className())) {
        List<ClassSeries> holds = new ArrayList<>(held.get(h.className()));
        holds.sort(Comparator.comparingDouble(ClassSeries::bytesPerIteration).reversed());
        roots.add(new LeakRoot(h, series.get(h.className()), holds));
      }
    }
    roots.sort(Comparator.comparingDouble(LeakRoot::bytesPerIteration).reversed());
    return roots;
  }

  private void text(String scenario, String where, Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows,
      ProcessGrowth growth, List<LeakRoot> roots, Path previous, Path last) {
    out.printf("leakdiff run: %s, dumps after %s iterations (warm-up %s)%n%n", scenario,
        java.util.Arrays.stream(options.iterations).mapToObj(Sizes::count).collect(Collectors.joining(", ")),
        Sizes.count(options.warmup));
    ComparisonReport.table(out, c, hs, rows, false);
    out.println();
    out.println("The process at each stage:");
    growth.table(out, true);
    List<String> warnings = growth.warnings();
    if (warnings.isEmpty()) {
      out.println("Threads and RSS do not grow with the iterations beyond what the heap explains.");
    }
    warnings.forEach(out::println);
    if (!roots.isEmpty()) {
      out.printf("%nWho holds the leak suspects: chains from GC roots in %s, ranked by their growth since %s%n",
          last.getFileName(), previous.getFileName());
      for (LeakRoot r : roots) {
        out.println();
        PathGroups.Result p = r.holder().paths();
        out.printf("%s  %s per iteration%s%n", r.series().name(), ComparisonReport.perIteration(r.series()),
            r.holds().isEmpty() ? "" : "; with the " + r.holds().size() + " suspect class(es) it holds, "
                + Sizes.signedBytes(Math.round(r.bytesPerIteration())) + " per iteration");
        long strong = p.instances() - p.weakOnly() - p.unreachable();
        out.printf("  %s instances, %s held through strong references in %s group(s)%s%n", Sizes.count(p.instances()),
            Sizes.count(strong), Sizes.count(p.groups().size()),
            p.weakOnly() > 0 ? ", " + Sizes.count(p.weakOnly()) + " only weakly" : "");
        List<SuspectHolders.Route> routes = shownRoutes(r.holder());
        for (int i = 0; i < routes.size(); i++) {
          SuspectHolders.Route route = routes.get(i);
          PathGroups.Group g = route.group();
          out.printf("  #%d  %s instances (%s -> %s), %s, root: %s, %s%n", i + 1, Sizes.signedCount(route.growth()),
              Sizes.count(route.before()), Sizes.count(g.count()), Sizes.bytes(g.bytes()), g.rootKind(), g.depthText());
          PathsCommand.printHops(out, g.hops(), options.maxDepth, "      ");
        }
        if (routes.size() < p.groups().size()) {
          out.printf("  %d more group(s)%s%n", p.groups().size() - routes.size(), routes.size() < options.chains ? " that do not grow" : "");
        }
        if (!r.holds().isEmpty()) {
          out.println("  holds these suspects too (they leak because it does):");
          for (ClassSeries h : r.holds()) {
            out.printf("    %-11s %s: %s%n", h.verdict().word(), h.name(), ComparisonReport.perIteration(h));
          }
        }
      }
    }
    out.println();
    out.println(where == null ? "The dumps were deleted (--no-keep)." : "Dumps, sidecars and the scenario's log are in " + where
        + " (leakdiff compare and paths read them).");
    if (roots.isEmpty()) {
      out.println("No leak: no class grows in proportion to the iterations.");
    } else {
      for (LeakRoot r : roots) {
        out.printf("Leak: %s grows by %s per iteration (%s per iteration with what it holds)%s%n", r.series().name(),
            Sizes.rate(r.series().instancesPerIteration()), Sizes.signedBytes(Math.round(r.bytesPerIteration())),
            r.holder().routes().isEmpty() ? ", held by no strong chain" : ", held by " + route(r.holder().routes().get(0).group()));
      }
    }
  }

  /** The routes to show: those that grew, fastest first, up to --chains; the biggest one when none grew. */
  private List<SuspectHolders.Route> shownRoutes(SuspectHolders.Holder h) {
    List<SuspectHolders.Route> grew = h.routes().stream().filter(r -> r.growth() > 0).limit(Math.max(1, options.chains)).toList();
    return grew.isEmpty() ? h.routes().stream().limit(1).toList() : grew;
  }

  /** A chain on one line: the references root first, the loader of a static's class left out. */
  static String route(PathGroups.Group g) {
    List<String> refs = new ArrayList<>();
    for (PathGroups.Hop h : g.hops()) {
      refs.add(h.reference().replaceFirst(" \\(class loaded by [^)]*\\)$", ""));
    }
    return String.join(" -> ", refs);
  }


  private void json(String scenario, String where, Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows,
      ProcessGrowth growth, List<SuspectHolders.Holder> holders, List<LeakRoot> roots) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schemaVersion", Json.SCHEMA_VERSION);
    root.put("scenario", scenario);
    root.set("iterations", Json.MAPPER.valueToTree(options.iterations));
    root.put("warmup", options.warmup);
    root.put("directory", where);
    root.set("stages", growth.json());
    root.set("processWarnings", Json.MAPPER.valueToTree(growth.warnings()));
    root.set("comparison", ComparisonReport.json(c, hs, rows, null));
    Map<String, ClassSeries> series = new HashMap<>();
    c.suspects().forEach(s -> series.put(s.name(), s));
    ArrayNode hn = root.putArray("holders");
    for (SuspectHolders.Holder h : holders) {
      ObjectNode n = hn.addObject();
      ClassSeries s = series.get(h.className());
      n.put("class", h.className());
      n.put("verdict", s.verdict().word());
      n.put("instancesPerIteration", s.instancesPerIteration());
      n.put("bytesPerIteration", s.bytesPerIteration());
      n.put("heldThrough", h.heldThrough());
      n.put("instances", h.paths().instances());
      n.put("weakOnly", h.paths().weakOnly());
      n.put("unreachable", h.paths().unreachable());
      ArrayNode groups = n.putArray("groups");
      for (SuspectHolders.Route route : shownRoutes(h)) {
        groups.add(PathsCommand.groupJson(route.group()).put("previousCount", route.before()).put("growth", route.growth()));
      }
    }
    ArrayNode rn = root.putArray("leakRoots");
    for (LeakRoot r : roots) {
      ObjectNode n = rn.addObject();
      n.put("class", r.series().name());
      n.put("instancesPerIteration", r.series().instancesPerIteration());
      n.put("bytesPerIterationWithHeld", r.bytesPerIteration());
      n.set("holds", Json.MAPPER.valueToTree(r.holds().stream().map(ClassSeries::name).toList()));
      n.put("route", r.holder().routes().isEmpty() ? null : route(r.holder().routes().get(0).group()));
    }
    Json.print(out, root);
  }


  /** The directory for the dumps: --dir, else a fresh one here, or a temporary one with --no-keep. Owner only. */
  private Path directory() {
    try {
      Path dir = options.dir;
      if (dir == null && options.noKeep) {
        return Files.createTempDirectory("leakdiff-run-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      if (dir == null) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        dir = Path.of("leakdiff-run-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
          dir = Path.of("leakdiff-run-" + stamp + "-" + i);
        }
      }
      if (!Files.exists(dir)) {
        Files.createDirectories(dir);
        Capturer.ownerOnly(dir);
      } else if (!Files.isDirectory(dir)) {
        throw new UserError(ExitCodes.CAPTURE_FAILED, dir + " is not a directory");
      }
      List<String> mine = new ArrayList<>(List.of("scenario.log"));
      for (long i : options.iterations) {
        mine.add("iter-" + i + ".hprof");
        mine.add("iter-" + i + ".json");
      }
      for (String name : mine) {
        if (Files.exists(dir.resolve(name))) {
          throw new UserError(ExitCodes.CAPTURE_FAILED, dir + " already holds " + name + " (an earlier run?); leakdiff never"
              + " replaces a file: give another --dir");
        }
      }
      return dir.toAbsolutePath();
    } catch (IOException e) {
      throw new UserError(ExitCodes.CAPTURE_FAILED, "cannot create the directory for the dumps (" + Capturer.rootMessage(e) + ")");
    }
  }

  /** --no-keep: deletes what this run wrote, the dumps and sidecars, the log unless the run failed, the directory if it made it. */
  private void cleanUp(Path dir, List<Capturer.Result> results, boolean madeDir, boolean finished) {
    try {
      for (Capturer.Result r : results) {
        Files.deleteIfExists(r.dump());
        Files.deleteIfExists(r.sidecar());
      }
      if (finished) {
        Files.deleteIfExists(dir.resolve("scenario.log"));
        if (madeDir) {
          try (var left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
              Files.delete(dir);
            }
          }
        }
      }
    } catch (IOException e) {
      err.println("leakdiff: warning: could not delete everything in " + dir + " (" + e.getMessage() + ")");
    }
  }

  private Path javaExecutable() {
    if (options.java == null) {
      return Path.of(System.getProperty("java.home"), "bin", "java");
    }
    Path j = options.java;
    if (Files.isDirectory(j)) {
      j = j.resolve("bin").resolve("java");
    }
    if (!Files.isExecutable(j)) {
      throw new UserError(ExitCodes.NO_INPUT, "--java " + options.java + " is not a java executable or a JDK directory");
    }
    return j;
  }

  /** Where leakdiff's own classes are: its jar, or its classes directory when run from the build. */
  static Path ownCode() {
    try {
      return Path.of(LeakHunt.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
