package dev.leakdiff.cli;

import static dev.leakdiff.cli.HtmlReport.esc;
import static dev.leakdiff.cli.HtmlReport.fmt;

import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.hunt.words.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTML report's chain graph, in SVG: GC roots on the left, a node per distinct route prefix (so shared
 * routes merge), on each edge the field and the instances reached through it, the marked classes starred.
 */
final class HtmlChainGraph {
  private HtmlChainGraph() {}

  private static final class Node {
    final String key;
    final String label;
    final String full;
    final int column;
    final boolean marked;
    final List<Node> children = new ArrayList<>();
    String edgeLabel = "";
    boolean elided;
    long count;
    long growth;
    boolean hasGrowth;
    double row;

    Node(String key, String label, String full, int column, boolean marked) {
      this.key = key;
      this.label = label;
      this.full = full;
      this.column = column;
      this.marked = marked;
    }
  }

  /** Draws the chains into body as one SVG figure, numbered after the figures before it; returns the figures now. */
  static int draw(Words words, StringBuilder body, int figures, List<HtmlReport.Chain> chains, Set<String> marked,
      String markedMeans, int maxDepth) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    List<Node> roots = new ArrayList<>();
    StringBuilder desc = new StringBuilder();
    int c = 0;
    for (HtmlReport.Chain chain : chains) {
      PathGroups.Group g = chain.group();
      List<Hop> hops = g.route().hops();
      if (hops.isEmpty()) {
        continue;
      }
      String rootKind = words.rootKind(g.root());
      desc.append(++c == 1 ? "" : " ").append("Chain ").append(c).append(": ").append(words.count(g.count()))
          .append(" instances").append(chain.before() == null ? "" : " (" + words.signedCount(g.count() - chain.before()) + ")")
          .append(", root ").append(rootKind).append(": ");
      String rootRef = words.route(new dev.leakdiff.graph.Route(hops.subList(0, 1)));
      String key = "root\n" + rootKind + "\n" + rootRef;
      Node parent = nodes.get(key);
      if (parent == null) {
        parent = new Node(key, words.shortReference(hops.get(0).reference()), rootKind + " root: "
            + words.reference(hops.get(0).reference()), 0, false);
        nodes.put(key, parent);
        roots.add(parent);
      }
      add(parent, g.count(), chain.before());
      desc.append(rootRef);
      int column = 1;
      for (int h = 0; h < hops.size(); h++) {
        Hop hop = hops.get(h);
        String field = h == 0 ? "" : words.field(hop.reference());
        Node n;
        if (hops.size() > maxDepth && h == maxDepth / 2) {
          int skipped = hops.size() - maxDepth;
          key = key + "\n..." + skipped;
          n = child(nodes, parent, key, "... " + skipped + " more hops ...", "hops left out: " + skipped, column, false);
          n.elided = true;
          h += skipped - 1;
          desc.append(" -> ").append(skipped).append(" more hops");
        } else {
          key = key + "\n" + words.reference(hop.reference()) + "\n" + hop.className();
          boolean mark = marked.contains(hop.className());
          n = child(nodes, parent, key, (mark ? "\u2605 " : "") + simpleName(hop.className()), hop.className(), column, mark);
          desc.append(" -> ").append(field.isEmpty() ? "" : field + " -> ").append(hop.className()).append(mark ? " (" + markedMeans + ")" : "");
        }
        if (n.edgeLabel.isEmpty() && !field.isEmpty() && !n.elided) {
          n.edgeLabel = field;
        }
        add(n, g.count(), chain.before());
        parent = n;
        column++;
      }
      desc.append('.');
    }
    // rows: leaves one after another, a parent in the middle of its children
    double[] next = {0};
    roots.forEach(r -> place(r, next));
    int columns = nodes.values().stream().mapToInt(n -> n.column).max().orElse(0) + 1;
    double[] boxWidth = new double[columns];
    double[] gap = new double[columns];
    for (Node n : nodes.values()) {
      boxWidth[n.column] = Math.max(boxWidth[n.column], textWidth(n.label) + 16);
      gap[n.column] = Math.max(gap[n.column], Math.max(textWidth(n.edgeLabel), textWidth(edgeCount(words, n))) + 24);
    }
    double[] xs = new double[columns];
    double x = 8;
    for (int k = 0; k < columns; k++) {
      x += k == 0 ? 0 : gap[k];
      xs[k] = x;
      x += boxWidth[k];
    }
    final double rowHeight = 52;
    final double boxHeight = 24;
    double width = x + 8;
    double height = next[0] * rowHeight + 8;
    int id = ++figures;
    body.append("<div class=\"graph-wrap\"><svg class=\"graph\" viewBox=\"0 0 ").append(fmt(width)).append(' ').append(fmt(height))
        .append("\" width=\"").append(fmt(width)).append("\" height=\"").append(fmt(height))
        .append("\" role=\"img\" aria-labelledby=\"t").append(id).append(" d").append(id).append("\"><title id=\"t").append(id)
        .append("\">Chains from GC roots (left) to the held objects (right), merged by route</title><desc id=\"d").append(id)
        .append("\">").append(esc(desc.toString())).append("</desc>");
    for (Node n : nodes.values()) {
      double ny = 4 + n.row * rowHeight + (rowHeight - boxHeight) / 2;
      for (Node ch : n.children) {
        double x1 = xs[n.column] + boxWidth[n.column];
        double y1 = ny + boxHeight / 2;
        double x2 = xs[ch.column];
        double y2 = 4 + ch.row * rowHeight + rowHeight / 2;
        double mx = (x1 + x2) / 2;
        body.append("<g class=\"edge").append(ch.hasGrowth && ch.growth > 0 ? " grows" : "").append("\"><title>")
            .append(esc((ch.edgeLabel.isEmpty() ? "" : ch.edgeLabel + ": ") + edgeCount(words, ch) + " instances reached"))
            .append("</title><path d=\"M").append(fmt(x1)).append(',').append(fmt(y1)).append(" C").append(fmt(mx)).append(',')
            .append(fmt(y1)).append(' ').append(fmt(mx)).append(',').append(fmt(y2)).append(' ').append(fmt(x2 - 6)).append(',')
            .append(fmt(y2)).append("\"/><polygon points=\"").append(fmt(x2 - 7)).append(',').append(fmt(y2 - 4)).append(' ')
            .append(fmt(x2)).append(',').append(fmt(y2)).append(' ').append(fmt(x2 - 7)).append(',').append(fmt(y2 + 4)).append("\"/>");
        double lx = x2 - gap[ch.column] / 2;
        if (!ch.edgeLabel.isEmpty()) {
          body.append("<text class=\"field\" x=\"").append(fmt(lx)).append("\" y=\"").append(fmt(y2 - 5))
              .append("\" text-anchor=\"middle\">").append(esc(ch.edgeLabel)).append("</text>");
        }
        body.append("<text class=\"count\" x=\"").append(fmt(lx)).append("\" y=\"").append(fmt(y2 + 13))
            .append("\" text-anchor=\"middle\">").append(esc(edgeCount(words, ch))).append("</text></g>");
      }
      String cls = n.column == 0 ? "node root" : n.marked ? "node marked" : n.elided ? "node elided" : "node";
      body.append("<g class=\"").append(cls).append("\"><title>").append(esc(n.full)).append("</title><rect x=\"")
          .append(fmt(xs[n.column])).append("\" y=\"").append(fmt(ny)).append("\" width=\"").append(fmt(boxWidth[n.column]))
          .append("\" height=\"").append(fmt(boxHeight)).append("\" rx=\"4\"/><text x=\"").append(fmt(xs[n.column] + 8))
          .append("\" y=\"").append(fmt(ny + 16)).append("\">").append(esc(n.label)).append("</text></g>");
    }
    body.append("</svg></div>");
    body.append("<p class=\"legend\">Left: the GC roots. Each box is a class on the way, each edge the field or element"
        + " that holds the next object, with the instances reached through it");
    body.append(chains.stream().anyMatch(ch -> ch.before() != null) ? " and in brackets their growth since the earlier dump." : ".");
    body.append(" \u2605 and a bold box: ").append(esc(markedMeans)).append(". Hover a box for its full class name.</p>");
    return figures;
  }

  private static void add(Node n, long count, Long before) {
    n.count += count;
    if (before != null) {
      n.growth += count - before;
      n.hasGrowth = true;
    }
  }

  private static Node child(Map<String, Node> nodes, Node parent, String key, String label, String full, int column, boolean mark) {
    Node n = nodes.get(key);
    if (n == null) {
      n = new Node(key, label, full, column, mark);
      nodes.put(key, n);
      parent.children.add(n);
    }
    return n;
  }

  private static void place(Node n, double[] next) {
    if (n.children.isEmpty()) {
      n.row = next[0]++;
      return;
    }
    n.children.forEach(ch -> place(ch, next));
    n.row = (n.children.get(0).row + n.children.get(n.children.size() - 1).row) / 2;
  }

  private static String edgeCount(Words words, Node n) {
    return words.count(n.count) + (n.hasGrowth ? " (" + words.signedCount(n.growth) + ")" : "");
  }

  private static String simpleName(String className) {
    int bracket = className.indexOf('[');
    String base = bracket < 0 ? className : className.substring(0, bracket);
    String name = base.substring(base.lastIndexOf('.') + 1) + (bracket < 0 ? "" : className.substring(bracket));
    return name.length() > 48 ? name.substring(0, 45) + "..." : name;
  }

  private static double textWidth(String s) {
    return s.length() * 6.7;
  }
}
