package dev.leakdiff.cli;

import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.diff.Sizes;
import dev.leakdiff.diff.TypeMatcher;
import dev.leakdiff.hunt.DumpReader;
import dev.leakdiff.hunt.DumpRef;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.graph.HeapGraph;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  @Spec
  CommandSpec spec;

  @Option(names = "--type", required = true, paramLabel = "NAME",
      description = "A simple name (DataFrame), a fully qualified name, a glob (*Cache*) or an array type (byte[]).")
  String type;

  @Option(names = "--exact", description = "Only the named class, not its subclasses.")
  boolean exact;

  @Option(names = "--include-weak", description = "Follow the referent of weak, soft, phantom and finalizer references too.")
  boolean includeWeak;

  @Option(names = "--raw", description = {"Show every field of JDK collections' internals (table, [i], next, value),",
      "and how each class is held (its loader's list of classes) rather than counting classes as roots."})
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
  Options.FormatOption format;

  @Mixin
  Options.Html html;

  @Option(names = "--baseline", paramLabel = "EARLIER",
      description = "An earlier dump: chains are matched by route and ranked by their growth since it.")
  Path baseline;

  @Parameters(paramLabel = "DUMP", description = "The heap dump; FILE#N picks the N-th dump (0-based) of a file holding several.")
  String dump;

  /** The result of one dump. */
  record Analysis(String label, PathGroups.Result result, List<String> matched) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    html.check();
    DumpReader reader = new DumpReader(new CliReporter(err), null);
    Analysis now = analyse(DumpRef.parse(dump), reader);
    Analysis before = baseline == null ? null : analyse(DumpRef.parse(baseline.toString()), reader);
    if (now.result().instances() == 0 && now.matched().isEmpty()) {
      return ExitCodes.OK;
    }
    Options.Format f = format.only("paths", Options.Format.table, Options.Format.json, Options.Format.dot);
    List<Row> rows = rows(now, before);
    switch (f) {
      case json -> Json.print(out, json(now, before, rows));
      case dot -> PathsReport.dot(out, rows);
      default -> PathsReport.text(out, now, before, rows, type, includeWeak, depth.maxDepth);
    }
    out.flush();
    html.write(err, () -> PathsReport.html(now, before, rows, type, includeWeak, depth.maxDepth));
    return ExitCodes.OK;
  }

  private Analysis analyse(DumpRef ref, DumpReader reader) {
    Path file = ref.file();
    List<String> matchedNames = new ArrayList<>();
    boolean[][] targets = new boolean[1][];
    HeapGraph g = reader.reading(file, ref.label(), progress -> HeapGraph.build(file, ref.selection(), classes -> {
      targets[0] = TypeMatcher.match(classes, type, exact);
      return c -> targets[0][c];
    }, progress));
    g.warnings().forEach(w -> reader.reporter().warn(w));
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
      reader.reporter().say(String.format("'%s' matches %d classes in %s: %s", type, matchedNames.size(), file,
          String.join(", ", matchedNames.subList(0, Math.min(8, matchedNames.size()))) + (matchedNames.size() > 8 ? ", ..." : "")));
    }
    ShortestPaths paths = ShortestPaths.compute(g, includeWeak, !raw);
    PathGroups.Result result = PathGroups.compute(g, paths, t, raw, reader.threadNames(g, file, ref.selection()));
    return new Analysis(ref.label(), result, matchedNames);
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
      shown.add(n + " (" + Sizes.count(byName.get(n)) + " instances)");
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
    Map<String, Long> old = new HashMap<>();
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

  private JsonDocs.Paths json(Analysis now, Analysis before, List<Row> rows) {
    PathGroups.Result r = now.result();
    List<JsonDocs.Group> groups = new ArrayList<>();
    for (Row row : rows) {
      groups.add(JsonDocs.Group.of(row.group(), before == null ? null : row.before(), null,
          before == null ? null : row.growth()));
    }
    return new JsonDocs.Paths(JsonDocs.SCHEMA_VERSION, now.label(), type, now.matched(), r.instances(), r.bytes(), r.weakOnly(), r.staleOnly(),
        r.unreachable(), before == null ? null : before.label(), before == null ? null : before.result().instances(), groups);
  }
}
