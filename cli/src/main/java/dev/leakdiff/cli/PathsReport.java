package dev.leakdiff.cli;

import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.Route;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The chains of paths (and of run's holders) as text, and as a Graphviz graph. */
final class PathsReport {
  private final Words words;

  PathsReport(Words words) {
    this.words = words;
  }

  void text(PrintWriter out, PathsCommand.Analysis now, PathsCommand.Analysis before, List<PathsCommand.Row> rows,
      String type, boolean includeWeak, int maxDepth) {
    PathGroups.Result r = now.result();
    List<String> summary = summary(now, before, type, includeWeak);
    out.println(summary.get(0));
    summary.subList(1, summary.size()).forEach(l -> out.println("  " + l));
    int i = 1;
    for (PathsCommand.Row row : rows) {
      PathGroups.Group g = row.group();
      out.println();
      if (before != null) {
        out.printf("#%d  %s instances (%s -> %s), %s, root: %s, %s%n", i++, words.signedCount(row.growth()),
            words.count(row.before()), words.count(g.count()), words.bytes(g.bytes()), words.rootKind(g.root()),
            words.depth(g.minDepth(), g.maxDepth()));
      } else {
        out.printf("#%d  %s instances, %s, root: %s, %s%n", i++, words.count(g.count()), words.bytes(g.bytes()),
            words.rootKind(g.root()), words.depth(g.minDepth(), g.maxDepth()));
      }
      printHops(out, g.route(), maxDepth, "    ", words);
    }
    if (rows.size() < r.groups().size()) {
      out.printf("%n%d more group(s); --chains shows more%n", r.groups().size() - rows.size());
    }
  }

  /** What was found, in lines: the instances of the type, then how they are held (and the baseline's count). */
  List<String> summary(PathsCommand.Analysis now, PathsCommand.Analysis before, String type, boolean includeWeak) {
    PathGroups.Result r = now.result();
    List<String> lines = new ArrayList<>();
    String what = now.matched().size() == 1 ? now.matched().get(0) : "'" + type + "' (" + now.matched().size() + " classes)";
    lines.add(String.format("%s: %s instances of %s, %s", now.label(), words.count(r.instances()), what, words.bytes(r.bytes())));
    lines.add(String.format("%s held through strong references, in %s group(s)", words.count(r.strong()),
        words.count(r.groups().size())));
    if (!includeWeak) {
      lines.add(String.format("%s reachable only through weak, soft, phantom or finalizer references (--include-weak follows them)",
          words.count(r.weakOnly())));
    }
    if (r.staleOnly() > 0) {
      lines.add(String.format("%s held only through cleared references (stale entries their owner drops at its next access)",
          words.count(r.staleOnly())));
    }
    lines.add(String.format("%s unreachable: no chain from a GC root in the dump", words.count(r.unreachable())));
    if (now.coverage().truncated()) {
      lines.add(words.cutOff(now.label(), now.coverage()));
    }
    if (before != null) {
      lines.add(String.format("baseline %s: %s instances", before.label(), words.count(before.result().instances())));
    }
    return lines;
  }

  /** paths' HTML page: what was found, and the shown groups as one graph, the searched classes starred. */
  HtmlReport html(PathsCommand.Analysis now, PathsCommand.Analysis before, List<PathsCommand.Row> rows, String type,
      boolean includeWeak, int maxDepth) {
    HtmlReport page = new HtmlReport(words, "leakdiff paths: " + type + " in " + now.label(), null);
    List<HtmlReport.Chain> chains = rows.stream()
        .map(row -> new HtmlReport.Chain(row.group(), before == null ? null : row.before())).toList();
    int more = now.result().groups().size() - rows.size();
    return page.findings("What holds them", summary(now, before, type, includeWeak), List.of(), List.of())
        .chains("The chains", "The " + rows.size() + " biggest group(s)" + (before == null ? "" : " by growth since " + before.label())
            + " of the chains from GC roots to the instances, merged by route.", chains, new HashSet<>(now.matched()),
            "the class searched (--type)", maxDepth, more > 0 ? List.of(more + " more group(s); --chains shows more") : List.of());
  }

  /**
   * A chain, one hop per line, the references aligned: a chain longer than maxDepth shows its first and
   * last hops and says how many it leaves out between them.
   */
  static void printHops(PrintWriter out, Route route, int maxDepth, String indent, Words words) {
    List<Hop> hops = route.hops();
    List<String> refs = hops.stream().map(h -> words.reference(h.reference())).toList();
    int width = 0;
    for (String r : refs) {
      width = Math.max(width, r.length());
    }
    for (int h = 0; h < hops.size(); h++) {
      if (hops.size() > maxDepth && h == maxDepth / 2) {
        int skipped = hops.size() - maxDepth;
        out.printf("%s... %d more hops ...%n", indent, skipped);
        h += skipped - 1;
        continue;
      }
      out.printf("%s%-" + width + "s  -> %s%n", indent, refs.get(h), hops.get(h).className());
    }
  }

  /** A Graphviz graph of the merged chains: one node per distinct prefix, the instance counts on the last. */
  void dot(PrintWriter out, List<PathsCommand.Row> rows) {
    out.println("digraph paths {");
    out.println("  rankdir=LR; node [shape=box, fontname=\"monospace\"];");
    Map<String, Integer> nodes = new HashMap<>();
    Set<String> lines = new LinkedHashSet<>();
    for (PathsCommand.Row row : rows) {
      StringBuilder prefix = new StringBuilder();
      String previous = null;
      List<Hop> hops = row.group().route().hops();
      for (int h = 0; h < hops.size(); h++) {
        Hop hop = hops.get(h);
        String reference = words.reference(hop.reference());
        prefix.append(reference).append('>').append(hop.className()).append('\n');
        String key = prefix.toString();
        boolean created = !nodes.containsKey(key);
        int id = nodes.computeIfAbsent(key, k -> nodes.size());
        if (created) {
          String label = hop.className() + (h == hops.size() - 1 ? "\\n" + words.count(row.group().count()) + " instances" : "");
          lines.add(String.format("  n%d [label=\"%s\"];", id, escape(label)));
        }
        if (previous == null) {
          lines.add(String.format("  root%d [shape=plaintext, label=\"%s\"]; root%d -> n%d;", id, escape(reference), id, id));
        } else {
          lines.add(String.format("  %s -> n%d [label=\"%s\"];", previous, id, escape(reference)));
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
