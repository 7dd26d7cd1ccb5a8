package dev.leakdiff.cli;

import dev.leakdiff.diff.Coverage;
import dev.leakdiff.diff.TypeMatcher;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.analysis.DumpReader;
import dev.leakdiff.hunt.analysis.DumpRef;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.json.JsonObject;
import dev.leakdiff.hunt.words.FindingsJson;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** leakdiff paths: who holds the instances of a type, as merged shortest chains from GC roots. */
@Command(name = "paths", mixinStandardHelpOptions = true,
    description = {"Merged shortest reference chains from GC roots to every instance of a type.",
        "Chains that follow the same route are one group, counted, the biggest first."},
    footer = {"%nExamples:%n  leakdiff paths --type DataFrame app.hprof",
        "  leakdiff paths --type 'com.acme.*Cache*' --raw app.hprof",
        "  leakdiff paths --type LeakedItem --baseline after10.hprof after100.hprof"})
final class PathsCommand implements Callable<Integer> {
  private final Words words;

  PathsCommand(Words words) {
    this.words = words;
  }

  @Spec
  CommandSpec spec;

  @Option(names = "--type", required = true, paramLabel = "NAME",
      description = "A simple name (DataFrame), a fully qualified name, a glob (*Cache*) or an array type (byte[]).")
  String type;

  @Option(names = "--exact", description = "Only the named class, not its subclasses.")
  boolean exact;

  @Option(names = "--include-weak", description = "Follow the referent of weak, soft, phantom and finalizer references too.")
  boolean includeWeak;

  @Option(names = "--raw", description = "Show every field of JDK collections' internals (table, [i], next, value),"
      + " and how each class is held (its loader's list of classes) rather than counting classes as roots.")
  boolean raw;

  @Option(names = "--chains", defaultValue = "10", paramLabel = "N", description = "Chain groups to show (default ${DEFAULT-VALUE}).")
  int chains;

  @Option(names = "--limit", hidden = true, paramLabel = "N", description = "The old name of --chains.")
  void limit(int n) {
    chains = n;
  }

  @Mixin
  Options.Depth depth;

  @Mixin
  Options.TableJsonDot format;

  @Mixin
  Options.Html html;

  @Option(names = "--baseline", paramLabel = "EARLIER",
      description = "An earlier dump: chains are matched by route and ranked by their growth since it.")
  Path baseline;

  @Parameters(paramLabel = "DUMP", description = "The heap dump; FILE#N picks the N-th dump (0-based) of a file holding several;"
      + " a capture directory: its last capture, with the one before as the baseline.")
  String dump;

  /** The result of one dump. */
  record Analysis(String label, PathGroups.Result result, List<String> matched, Coverage coverage) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    html.check();
    CliReporter reporter = new CliReporter(err, words);
    DumpReader reader = new DumpReader(reporter, null);
    String target = dump;
    String earlier = baseline == null ? null : baseline.toString();
    if (Files.isDirectory(Path.of(dump))) {
      List<Capture> captures = Capture.in(Path.of(dump));
      if (captures.isEmpty()) {
        throw new LeakdiffException(Kind.USAGE, dump + ": holds no capture (LABEL.hprof with LABEL.json); name a dump");
      }
      target = captures.get(captures.size() - 1).dump().toString();
      if (earlier == null && captures.size() > 1) {
        earlier = captures.get(captures.size() - 2).dump().toString();
      }
      reporter.say("the last capture of " + dump + ": " + target + (earlier == null ? "" : ", against " + earlier));
    }
    Analysis now = analyse(DumpRef.parse(target), reader, reporter);
    Analysis before = earlier == null ? null : analyse(DumpRef.parse(earlier), reader, reporter);
    Options.Format f = format.format;
    List<Row> rows = rows(now, before);
    PathsReport report = new PathsReport(words);
    switch (f) {
      case json -> Json.print(out, json(now, before, rows));
      case dot -> report.dot(out, rows);
      default -> report.text(out, now, before, rows, type, includeWeak, depth.maxDepth);
    }
    out.flush();
    html.write(reporter, () -> report.html(now, before, rows, type, includeWeak, depth.maxDepth));
    return ExitCode.OK.code;
  }

  private Analysis analyse(DumpRef ref, DumpReader reader, CliReporter reporter) {
    Path file = ref.file();
    List<String> matchedNames = new ArrayList<>();
    boolean[][] targets = new boolean[1][];
    HeapGraph g = reader.graph(file, ref.selection(), ref.label(), classes -> {
      targets[0] = TypeMatcher.match(classes, type, exact);
      return c -> targets[0][c];
    });
    g.warnings().forEach(reporter::warn);
    boolean[] t = targets[0];
    for (int c = 0; c < t.length; c++) {
      if (t[c]) {
        matchedNames.add(g.classes().get(c).name());
      }
    }
    if (matchedNames.isEmpty()) {
      throw new LeakdiffException(Kind.USAGE, file + ": no class matches '" + type + "'; the closest: " + closest(g));
    }
    if (matchedNames.size() > 1) {
      reporter.say(String.format("'%s' matches %d classes in %s: %s", type, matchedNames.size(), file,
          String.join(", ", matchedNames.subList(0, Math.min(8, matchedNames.size()))) + (matchedNames.size() > 8 ? ", ..." : "")));
    }
    ShortestPaths paths = ShortestPaths.compute(g, includeWeak, !raw);
    PathGroups.Result result = PathGroups.compute(g, paths, t, PathGroups.Options.raw(raw), reader.threadNames(g, file));
    return new Analysis(ref.label(), result, matchedNames, g.coverage());
  }

  /** Class names near the asked type, with their instance counts (interfaces are not in a dump). */
  private String closest(HeapGraph g) {
    int[] counts = new int[g.classes().size()];
    for (int o = 0; o < g.objectCount(); o++) {
      if (!g.isClassObject(o)) {
        counts[g.classIndex(o)]++;
      }
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int c = 0; c < counts.length; c++) {
      byName.merge(g.classes().get(c).name(), counts[c], Integer::sum);
    }
    List<String> names = TypeMatcher.closest(new ArrayList<>(byName.keySet()), type, 5);
    List<String> shown = new ArrayList<>();
    for (String n : names) {
      shown.add(n + " (" + words.count(byName.get(n)) + " instances)");
    }
    return String.join(", ", shown);
  }

  /** A group in the report: its hops and counts now and (with --baseline) before. */
  record Row(PathGroups.Group group, long before) {
    long growth() {
      return group.count() - before;
    }
  }

  private List<Row> rows(Analysis now, Analysis before) {
    List<Row> rows = new ArrayList<>();
    Map<List<Hop>, Long> old = new HashMap<>();
    if (before != null) {
      before.result().groups().forEach(g -> old.put(g.key(), g.count()));
    }
    for (PathGroups.Group g : now.result().groups()) {
      rows.add(new Row(g, old.getOrDefault(g.key(), 0L)));
    }
    if (before != null) {
      rows.sort((a, b) -> Long.compare(b.growth(), a.growth()));
    }
    return rows.subList(0, Math.min(rows.size(), Math.max(1, chains)));
  }

  private JsonObject json(Analysis now, Analysis before, List<Row> rows) {
    JsonDocs docs = new JsonDocs(new FindingsJson(words));
    List<JsonObject> groups = new ArrayList<>();
    for (Row row : rows) {
      groups.add(docs.group(row.group(), before == null ? null : row.before(), null, before == null ? null : row.growth()));
    }
    return docs.paths(now.label(), type, now.matched(), now.result(), before == null ? null : before.label(),
        before == null ? null : before.result().instances(), groups, now.coverage());
  }
}
