package dev.leakdiff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.diff.TypeMatcher;
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
  enum Format { text, json, dot }

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

  @Option(names = "--limit", defaultValue = "10", paramLabel = "N", description = "Groups to show (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--max-depth", defaultValue = "16", paramLabel = "N",
      description = "Longer chains show their first and last hops with the middle elided (default ${DEFAULT-VALUE}).")
  int maxDepth;

  @Option(names = "--format", defaultValue = "text", description = "text (default), json or dot (Graphviz).")
  Format format;

  @Option(names = "--baseline", paramLabel = "EARLIER",
      description = "An earlier dump: chains are matched by route and ranked by their growth since it.")
  Path baseline;

  @Parameters(paramLabel = "DUMP", description = "The heap dump; FILE#N picks the N-th dump (0-based) of a file holding several.")
  String dump;

  /** The result of one dump. */
  private record Analysis(String label, PathGroups.Result result, List<String> matched) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Analysis now = analyse(DumpRef.parse(dump), err);
    Analysis before = baseline == null ? null : analyse(DumpRef.parse(baseline.toString()), err);
    if (now.result().instances() == 0 && now.matched().isEmpty()) {
      return ExitCodes.OK;
    }
    List<Row> rows = rows(now, before);
    switch (format) {
      case json -> json(out, now, before, rows);
      case dot -> dot(out, rows);
      default -> text(out, now, before, rows);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Analysis analyse(DumpRef ref, PrintWriter err) {
    Path file = ref.file();
    List<String> matchedNames = new ArrayList<>();
    boolean[][] targets = new boolean[1][];
    HeapGraph g = DumpLoader.reading(file, ref.label(), err, progress -> HeapGraph.build(file, ref.selection(), classes -> {
      targets[0] = TypeMatcher.match(classes, type, exact);
      return c -> targets[0][c];
    }, progress));
    g.warnings().forEach(w -> err.println("leakdiff: warning: " + w));
    boolean[] t = targets[0];
    for (int c = 0; c < t.length; c++) {
      if (t[c]) {
        matchedNames.add(g.classes().get(c).name());
      }
    }
    if (matchedNames.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, file + ": no class matches '" + type + "'; the closest: " + closest(g));
    }
    if (matchedNames.size() > 1) {
      err.printf("leakdiff: '%s' matches %d classes in %s: %s%n", type, matchedNames.size(), file,
          String.join(", ", matchedNames.subList(0, Math.min(8, matchedNames.size()))) + (matchedNames.size() > 8 ? ", ..." : ""));
    }
    ShortestPaths paths = ShortestPaths.compute(g, includeWeak, !raw);
    PathGroups.Result result = PathGroups.compute(g, paths, t, raw, DumpLoader.threadNames(g, file, ref.selection(), err));
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
  private record Row(PathGroups.Group group, long before) {
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
    return rows.subList(0, Math.min(rows.size(), Math.max(1, limit)));
  }

  private void text(PrintWriter out, Analysis now, Analysis before, List<Row> rows) {
    PathGroups.Result r = now.result();
    String what = now.matched().size() == 1 ? now.matched().get(0) : "'" + type + "' (" + now.matched().size() + " classes)";
    out.printf("%s: %s instances of %s, %s%n", now.label(), Sizes.count(r.instances()), what, Sizes.bytes(r.bytes()));
    long strong = r.instances() - r.weakOnly() - r.unreachable();
    out.printf("  %s held through strong references, in %s group(s)%n", Sizes.count(strong), Sizes.count(r.groups().size()));
    if (!includeWeak) {
      out.printf("  %s reachable only through weak, soft, phantom or finalizer references (--include-weak follows them)%n",
          Sizes.count(r.weakOnly()));
    }
    out.printf("  %s unreachable (garbage a live dump would not hold)%n", Sizes.count(r.unreachable()));
    if (before != null) {
      out.printf("  baseline %s: %s instances%n", before.label(), Sizes.count(before.result().instances()));
    }
    int i = 1;
    for (Row row : rows) {
      PathGroups.Group g = row.group();
      out.println();
      if (before != null) {
        out.printf("#%d  %s instances (%s -> %s), %s, root: %s, %s%n", i++, Sizes.signedCount(row.growth()),
            Sizes.count(row.before()), Sizes.count(g.count()), Sizes.bytes(g.bytes()), g.rootKind(), g.depthText());
      } else {
        out.printf("#%d  %s instances, %s, root: %s, %s%n", i++, Sizes.count(g.count()), Sizes.bytes(g.bytes()),
            g.rootKind(), g.depthText());
      }
      printHops(out, g.hops(), maxDepth, "    ");
    }
    if (rows.size() < r.groups().size()) {
      out.printf("%n%d more group(s); --limit shows more%n", r.groups().size() - rows.size());
    }
  }

  private void json(PrintWriter out, Analysis now, Analysis before, List<Row> rows) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schemaVersion", Json.SCHEMA_VERSION);
    root.put("dump", now.label());
    root.put("type", type);
    root.set("matchedClasses", Json.MAPPER.valueToTree(now.matched()));
    PathGroups.Result r = now.result();
    root.put("instances", r.instances());
    root.put("bytes", r.bytes());
    root.put("weakOnly", r.weakOnly());
    root.put("unreachable", r.unreachable());
    if (before != null) {
      root.put("baseline", before.label());
      root.put("baselineInstances", before.result().instances());
    }
    ArrayNode groups = root.putArray("groups");
    for (Row row : rows) {
      ObjectNode g = groupJson(row.group());
      if (before != null) {
        g.put("baselineCount", row.before());
        g.put("growth", row.growth());
      }
      groups.add(g);
    }
    Json.print(out, root);
  }

  /** A group as JSON: its count, bytes, root kind, depths and chain; callers add what they compare it with. */
  static ObjectNode groupJson(PathGroups.Group group) {
    ObjectNode g = Json.MAPPER.createObjectNode();
    g.put("count", group.count());
    g.put("bytes", group.bytes());
    g.put("root", group.rootKind());
    g.put("minDepth", group.minDepth());
    g.put("maxDepth", group.maxDepth());
    g.set("chain", chainJson(group.hops()));
    return g;
  }

  /**
   * A chain, one hop per line, the references aligned: a chain longer than maxDepth shows its first and
   * last hops and says how many it leaves out between them.
   */
  static void printHops(PrintWriter out, List<PathGroups.Hop> hops, int maxDepth, String indent) {
    int width = 0;
    for (PathGroups.Hop h : hops) {
      width = Math.max(width, h.reference().length());
    }
    for (int h = 0; h < hops.size(); h++) {
      if (hops.size() > maxDepth && h == maxDepth / 2) {
        int skipped = hops.size() - maxDepth;
        out.printf("%s... %d more hops ...%n", indent, skipped);
        h += skipped - 1;
        continue;
      }
      PathGroups.Hop hop = hops.get(h);
      out.printf("%s%-" + width + "s  -> %s%n", indent, hop.reference(), hop.className());
    }
  }

  static ArrayNode chainJson(List<PathGroups.Hop> hops) {
    ArrayNode chain = Json.MAPPER.createArrayNode();
    for (PathGroups.Hop h : hops) {
      chain.addObject().put("reference", h.reference()).put("class", h.className());
    }
    return chain;
  }

  /** A Graphviz graph of the merged chains: one node per distinct prefix, the instance counts on the last. */
  private void dot(PrintWriter out, List<Row> rows) {
    out.println("digraph paths {");
    out.println("  rankdir=LR; node [shape=box, fontname=\"monospace\"];");
    Map<String, Integer> nodes = new HashMap<>();
    Set<String> lines = new LinkedHashSet<>();
    for (Row row : rows) {
      StringBuilder prefix = new StringBuilder();
      String previous = null;
      List<PathGroups.Hop> hops = row.group().hops();
      for (int h = 0; h < hops.size(); h++) {
        PathGroups.Hop hop = hops.get(h);
        prefix.append(hop.reference()).append('>').append(hop.className()).append('\n');
        String key = prefix.toString();
        boolean created = !nodes.containsKey(key);
        int id = nodes.computeIfAbsent(key, k -> nodes.size());
        if (created) {
          String label = hop.className() + (h == hops.size() - 1 ? "\\n" + Sizes.count(row.group().count()) + " instances" : "");
          lines.add(String.format("  n%d [label=\"%s\"];", id, escape(label)));
        }
        if (previous == null) {
          lines.add(String.format("  root%d [shape=plaintext, label=\"%s\"]; root%d -> n%d;", id, escape(hop.reference()), id, id));
        } else {
          lines.add(String.format("  %s -> n%d [label=\"%s\"];", previous, id, escape(hop.reference())));
        }
        previous = "n" + id;
      }
    }
    lines.forEach(out::println);
    out.println("}");
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n");
  }
}
