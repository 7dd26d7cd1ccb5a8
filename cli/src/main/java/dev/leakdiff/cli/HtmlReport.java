package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.Sizes;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.hunt.Capture;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.ProcessGrowth;
import dev.leakdiff.hunt.Sidecar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The report as one self-contained HTML page: inline CSS, script and SVG, nothing fetched. Sections are added
 * most important first (the finding, the growth plots, the process, the chains, the verdict table); each takes
 * values the commands computed and only lays them out.
 */
final class HtmlReport {
  private final String title;
  private final StringBuilder body = new StringBuilder(1 << 16);
  private int figures;
  /** Whether the plots' x axis is the iterations (else the dumps' order). */
  private boolean iterationsAxis;

  HtmlReport(String title, String subtitle) {
    this.title = title;
    body.append("<header><h1>").append(esc(title)).append("</h1>");
    if (subtitle != null) {
      body.append("<p class=\"sub\">").append(esc(subtitle)).append("</p>");
    }
    body.append("</header>\n");
  }

  // ---------------------------------------------------------------- the finding

  /** The finding in words: the Leak: lines, then what grows outside the heap or in class loaders. */
  HtmlReport findings(String heading, List<String> lines, List<String> more) {
    body.append("<section id=\"finding\" aria-labelledby=\"h-finding\"><h2 id=\"h-finding\">").append(esc(heading)).append("</h2>");
    body.append("<ul class=\"finding\">");
    for (String l : lines) {
      String cls = l.startsWith("Leak:") ? " class=\"leak\"" : "";
      body.append("<li").append(cls).append('>').append(esc(l)).append("</li>");
    }
    body.append("</ul>");
    if (!more.isEmpty()) {
      body.append("<ul class=\"more\">");
      more.forEach(l -> body.append("<li>").append(esc(l)).append("</li>"));
      body.append("</ul>");
    }
    body.append("</section>\n");
    return this;
  }

  // ---------------------------------------------------------------- small multiples

  /**
   * A pair of plots (instances, bytes) per class: the leak suspects, those named first leading, then for contrast
   * the biggest one-time (init) classes, by bytes grown and by growth relative to the first dump, and the
   * biggest stable class.
   */
  HtmlReport growth(Comparison c, List<String> first) {
    long[] x = xValues(c.iterations(), c.labels().size());
    iterationsAxis = c.iterations() != null;
    Map<String, ClassSeries> shown = new LinkedHashMap<>();
    Map<String, ClassSeries> byName = new LinkedHashMap<>();
    c.classes().forEach(s -> byName.putIfAbsent(s.name(), s));
    first.stream().map(byName::get).filter(s -> s != null && s.verdict() != null && s.verdict().suspect)
        .forEach(s -> shown.put(s.name(), s));
    c.suspects().forEach(s -> shown.putIfAbsent(s.name(), s));
    int suspects = shown.size();
    List<ClassSeries> init = c.classes().stream().filter(s -> s.verdict() == Verdict.INIT).toList();
    init.stream().sorted(Comparator.comparingLong(ClassSeries::byteGrowth).reversed()).limit(2)
        .forEach(s -> shown.putIfAbsent(s.name(), s));
    init.stream().sorted(Comparator.comparingDouble(HtmlReport::relativeGrowth).reversed()).limit(2)
        .forEach(s -> shown.putIfAbsent(s.name(), s));
    c.classes().stream().filter(s -> s.verdict() == Verdict.STABLE)
        .max(Comparator.comparingLong((ClassSeries s) -> s.bytes()[s.bytes().length - 1]))
        .ifPresent(s -> shown.putIfAbsent(s.name(), s));

    body.append("<section id=\"growth\" aria-labelledby=\"h-growth\"><h2 id=\"h-growth\">Growth per class</h2>");
    body.append("<p class=\"note\">").append(suspects == 0 ? "No class is a leak suspect. " : suspects
        + " leak suspect(s), then for contrast the biggest one-time (init) and stable classes. ");
    body.append(axisNote(c.iterations() != null)).append("</p>");
    body.append("<div class=\"multiples\">");
    int i = 0;
    for (ClassSeries s : shown.values()) {
      boolean suspect = i++ < suspects;
      body.append("<figure class=\"series").append(suspect ? " suspect" : "").append("\" data-class=\"").append(esc(s.name()))
          .append("\"><figcaption><span class=\"verdict v-").append(s.verdict() == null ? "none" : s.verdict().word()).append("\">")
          .append(s.verdict() == null ? "no verdict" : s.verdict().word()).append("</span> <code>").append(esc(s.name()))
          .append("</code>");
      if (s.verdict() != null) {
        body.append("<br><span class=\"rate\">").append(esc(rateText(s))).append("</span>");
      }
      body.append("</figcaption><div class=\"pair\">");
      double fromI = c.iterations() == null ? Double.NaN : s.instancesPerIteration();
      double fromB = c.iterations() == null ? Double.NaN : s.bytesPerIteration();
      plot(s.name() + ": instances", x, s.instances(), fromI, Sizes::count, "instances");
      plot(s.name() + ": bytes", x, s.bytes(), fromB, Sizes::bytes, "bytes");
      body.append("</div></figure>\n");
    }
    body.append("</div></section>\n");
    return this;
  }

  private static double relativeGrowth(ClassSeries s) {
    return (double) s.instanceGrowth() / Math.max(1, s.instances()[0]);
  }

  private static String rateText(ClassSeries s) {
    return Sizes.signedCount(s.instanceGrowth()) + " objects, " + Sizes.signedBytes(s.byteGrowth()) + " in all; fitted "
        + (s.instancesPerIteration() >= 0 ? "+" : "") + Sizes.rate(s.instancesPerIteration()) + " obj, "
        + Sizes.signedBytes(Math.round(s.bytesPerIteration())) + " per iteration";
  }

  private static String axisNote(boolean iterations) {
    return iterations
        ? "Each plot has the iterations on a linear x axis, so growth in proportion to the iterations is a straight line"
            + " (the dashed line is the fitted rate per iteration, measured from the second dump on and drawn across the"
            + " whole axis), a one-time cost is a step at"
            + " the left edge (0 and 1 iterations sit close together) and a rate that itself grows is a curve. The y axis"
            + " spans the values of that plot (at least 5% of the largest), as its top line says; it need not start at zero."
        : "No iteration counts were given (--iterations): the dumps are evenly spaced on the x axis, in the order taken.";
  }

  private static long[] xValues(long[] iterations, int n) {
    if (iterations != null) {
      return iterations;
    }
    long[] x = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    return x;
  }

  /** One small plot: the points joined, and the fitted line from the second point with the given slope (NaN: none). */
  private void plot(String label, long[] x, long[] y, double slope, LongFunction<String> fmt, String unit) {
    final int w = 170;
    final int h = 96;
    final double left = 8;
    final double right = w - 8;
    final double top = 16;
    final double bottom = h - 18;
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (long v : y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    int from = y.length > 2 ? 1 : 0;
    double fitStart = Double.NaN;
    double fitEnd = Double.NaN;
    if (!Double.isNaN(slope) && y.length > 1) {
      fitStart = y[from] + slope * (x[0] - x[from]);
      fitEnd = y[from] + slope * (x[x.length - 1] - x[from]);
    }
    double dataLo = Double.isNaN(fitStart) ? lo : Math.min(lo, Math.min(fitStart, fitEnd));
    double dataHi = Double.isNaN(fitStart) ? hi : Math.max(hi, Math.max(fitStart, fitEnd));
    double span = Math.max(dataHi - dataLo, Math.max(1, 0.05 * Math.max(Math.abs(dataHi), Math.abs(dataLo))));
    double yLo = dataHi - dataLo < span ? (dataLo + dataHi) / 2.0 - span / 2 : dataLo;
    double xSpan = Math.max(1, x[x.length - 1] - x[0]);
    int id = ++figures;
    String xTitle = iterationsAxis ? "iterations" : "dump";
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < y.length; i++) {
      values.append(i == 0 ? "" : "; ").append(fmt.apply(y[i])).append(" at ").append(iterationsAxis ? Sizes.count(x[i]) + (i == y.length - 1 ? " iterations" : "") : "dump " + (i + 1));
    }
    body.append("<svg class=\"plot\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\" role=\"img\" aria-labelledby=\"t").append(id).append(" d").append(id)
        .append("\"><title id=\"t").append(id).append("\">").append(esc(label)).append("</title><desc id=\"d").append(id)
        .append("\">").append(esc(unit)).append(" per dump: ").append(esc(values.toString())).append("</desc>");
    // the range, with the unit where the numbers do not carry one
    String suffix = unit.equals("instances") ? " obj" : unit.equals("threads") ? " threads" : "";
    body.append("<text x=\"2\" y=\"10\" class=\"ax\">").append(esc(fmt.apply(lo))).append(" to ").append(esc(fmt.apply(hi)))
        .append(suffix).append("</text>");
    body.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(fmt(bottom)).append("\" x2=\"")
        .append(right).append("\" y2=\"").append(fmt(bottom)).append("\"/>");
    // ticks at each dump; labels where they do not crowd the previous one
    double lastLabel = -100;
    StringBuilder points = new StringBuilder();
    double[] px = new double[y.length];
    double[] py = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      px[i] = left + (right - left) * (x[i] - x[0]) / xSpan;
      py[i] = bottom - (bottom - top) * (y[i] - yLo) / span;
      points.append(i == 0 ? "" : " ").append(fmt(px[i])).append(',').append(fmt(py[i]));
      body.append("<line class=\"tick\" x1=\"").append(fmt(px[i])).append("\" y1=\"").append(fmt(bottom)).append("\" x2=\"")
          .append(fmt(px[i])).append("\" y2=\"").append(fmt(bottom + 3)).append("\"/>");
      String tick = Sizes.count(x[i]);
      boolean last = i == y.length - 1;
      if (last || (px[i] - lastLabel > 6 * (tick.length() + 1) && px[i] + 3 * tick.length() < right - 24)) {
        body.append("<text class=\"ax\" x=\"").append(fmt(px[i] + (last ? 4 : 0))).append("\" y=\"").append(fmt(bottom + 12))
            .append("\" text-anchor=\"").append(last ? "end" : "middle").append("\">").append(esc(tick)).append("</text>");
        lastLabel = px[i];
      }
    }
    body.append("<text class=\"ax\" x=\"").append(fmt((left + right) / 2 + 10)).append("\" y=\"").append(fmt(bottom + 12))
        .append("\" text-anchor=\"middle\">").append(xTitle).append("</text>");
    if (!Double.isNaN(fitStart)) {
      body.append("<line class=\"fit\" x1=\"").append(fmt(left)).append("\" y1=\"")
          .append(fmt(bottom - (bottom - top) * (fitStart - yLo) / span)).append("\" x2=\"").append(fmt(right)).append("\" y2=\"")
          .append(fmt(bottom - (bottom - top) * (fitEnd - yLo) / span)).append("\"/>");
    }
    body.append("<polyline class=\"line\" points=\"").append(points).append("\"/>");
    for (int i = 0; i < y.length; i++) {
      body.append("<circle cx=\"").append(fmt(px[i])).append("\" cy=\"").append(fmt(py[i])).append("\" r=\"2.5\"/>");
    }
    body.append("</svg>");
  }

  // ---------------------------------------------------------------- the process

  /** RSS, threads and heap used at each capture, plotted like the classes, with the table's values in the descriptions. */
  HtmlReport process(ProcessGrowth g) {
    List<Capture> cs = g.captures();
    long[] x = xValues(g.iterations(), cs.size());
    iterationsAxis = g.iterations() != null;
    body.append("<section id=\"process\" aria-labelledby=\"h-process\"><h2 id=\"h-process\">The process at each stage</h2>");
    body.append("<div class=\"multiples\">");
    processPlot("RSS", cs, x, Sidecar::rssBytes, Sizes::bytes, g.rss());
    processPlot("threads", cs, x, f -> f.threads() == null ? null : (long) f.threads(), Sizes::count, g.threads());
    processPlot("heap used", cs, x, Sidecar::heapUsed, Sizes::bytes, g.heap());
    body.append("</div>");
    List<String> w = g.warnings();
    body.append("<p>").append(w.isEmpty() && g.iterations() != null
        ? "Threads, RSS, buffer pools and native memory do not grow with the iterations beyond what the heap explains."
        : esc(String.join(" ", w))).append("</p>");
    body.append("</section>\n");
    return this;
  }

  private void processPlot(String what, List<Capture> cs, long[] x, java.util.function.Function<Sidecar, Long> fact,
      LongFunction<String> fmt, Verdict v) {
    long[] y = new long[cs.size()];
    for (int i = 0; i < cs.size(); i++) {
      Long value = fact.apply(cs.get(i).facts());
      if (value == null) {
        body.append("<p>").append(esc(what)).append(": not measured at every capture.</p>");
        return;
      }
      y[i] = value;
    }
    body.append("<figure class=\"series\"><figcaption><span class=\"verdict v-").append(v == null ? "none" : v.word()).append("\">")
        .append(v == null ? "no verdict" : v.word()).append("</span> ").append(esc(what)).append("</figcaption>");
    plot("the process's " + what, x, y, Double.NaN, fmt, what);
    body.append("</figure>");
  }

  // ---------------------------------------------------------------- the chains

  /** A merged chain: the group (its hops, root first) and its count in the earlier dump, null without one. */
  record Chain(PathGroups.Group group, Long before) {}

  /**
   * The chains as one graph: GC roots on the left, a node per distinct route prefix (so shared routes merge), on
   * each edge the field and the instances reached through it (with the growth since the earlier dump), the
   * marked classes starred and bold. Chains longer than maxDepth show their first and last hops.
   */
  HtmlReport chains(String heading, String intro, List<Chain> chains, Set<String> marked, String markedMeans, int maxDepth,
      List<String> notes) {
    body.append("<section id=\"chains\" aria-labelledby=\"h-chains\"><h2 id=\"h-chains\">").append(esc(heading)).append("</h2>");
    body.append("<p class=\"note\">").append(esc(intro)).append("</p>");
    if (chains.isEmpty()) {
      body.append("<p>No strong chain holds them.</p>");
    } else {
      figures = HtmlChainGraph.draw(body, figures, chains, marked, markedMeans, maxDepth);
    }
    if (!notes.isEmpty()) {
      body.append("<ul class=\"more\">");
      notes.forEach(n -> body.append("<li>").append(esc(n)).append("</li>"));
      body.append("</ul>");
    }
    body.append("</section>\n");
    return this;
  }

  // ---------------------------------------------------------------- the verdict table

  /** Every class of the comparison, sortable by any column and filterable by name and verdict. */
  HtmlReport table(Comparison c) {
    int n = c.labels().size();
    boolean verdicts = c.iterations() != null;
    List<ClassSeries> rows = c.classes();
    body.append("<section id=\"table\" aria-labelledby=\"h-table\"><h2 id=\"h-table\">Every class</h2>");
    body.append("<div class=\"controls\"><label>Class name contains <input id=\"filter-name\" type=\"search\"></label>");
    if (verdicts) {
      body.append(" <label>Verdict <select id=\"filter-verdict\"><option value=\"\">any</option>"
          + "<option value=\"suspect\">leak suspects (leak, superlinear)</option>");
      for (Verdict v : Verdict.values()) {
        body.append("<option value=\"").append(v.word()).append("\">").append(v.word()).append("</option>");
      }
      body.append("</select></label>");
    }
    body.append(" <span id=\"shown\" aria-live=\"polite\">").append(rows.size()).append(" of ").append(rows.size())
        .append(" classes</span></div>");
    body.append("<div class=\"table-wrap\"><table id=\"verdicts\"><caption>Instances and bytes of each class in each dump");
    body.append(verdicts ? ", with its verdict" : "").append("; click a column's heading to sort by it.</caption><thead><tr>");
    List<String[]> headers = new ArrayList<>(); // label, type
    if (verdicts) {
      headers.add(new String[] {"verdict", "text"});
    }
    headers.add(new String[] {"class", "text"});
    for (int i = 0; i < n; i++) {
      headers.add(new String[] {"objects " + column(c, i), "num"});
    }
    for (int i = 0; i < n; i++) {
      headers.add(new String[] {"bytes " + column(c, i), "num"});
    }
    headers.add(new String[] {"+objects", "num"});
    headers.add(new String[] {"+bytes", "num"});
    if (verdicts) {
      headers.add(new String[] {"objects per iteration", "num"});
      headers.add(new String[] {"bytes per iteration", "num"});
    }
    int k = 0;
    for (int col = 0; col < headers.size(); col++) {
      String[] hd = headers.get(col);
      body.append("<th scope=\"col\" data-type=\"").append(hd[1]).append('"');
      if (hd[1].equals("num")) {
        body.append(" data-k=\"").append(k++).append('"');
      }
      body.append("><button type=\"button\">").append(esc(hd[0])).append("</button></th>");
    }
    body.append("</tr></thead><tbody>\n");
    for (ClassSeries s : rows) {
      StringBuilder raw = new StringBuilder();
      StringBuilder cells = new StringBuilder();
      if (verdicts) {
        cells.append("<td>").append(s.verdict().word());
      }
      cells.append("<td class=c>").append(esc(s.name()))
          .append(s.loadedMoreThanOnce() ? " [" + esc(ComparisonReport.loaders(s)) + "]" : "");
      for (long v : s.instances()) {
        raw.append(v).append(' ');
        cells.append("<td>").append(Sizes.count(v));
      }
      for (long v : s.bytes()) {
        raw.append(v).append(' ');
        cells.append("<td>").append(Sizes.bytes(v));
      }
      raw.append(s.instanceGrowth()).append(' ').append(s.byteGrowth());
      cells.append("<td>").append(Sizes.signedCount(s.instanceGrowth())).append("<td>").append(Sizes.signedBytes(s.byteGrowth()));
      if (verdicts) {
        raw.append(' ').append(String.format(Locale.ROOT, "%.4g %.4g", s.instancesPerIteration(), s.bytesPerIteration()));
        cells.append("<td>").append(Sizes.rate(s.instancesPerIteration())).append("<td>")
            .append(Sizes.signedBytes(Math.round(s.bytesPerIteration())));
      }
      body.append("<tr").append(verdicts ? " data-v=\"" + s.verdict().word() + (s.verdict().suspect ? " suspect" : "") + "\"" : "")
          .append(" data-n=\"").append(raw).append("\">").append(cells).append('\n');
    }
    body.append("</tbody></table></div></section>\n");
    return this;
  }

  private static String column(Comparison c, int i) {
    return c.iterations() == null ? "#" + (i + 1) : "@" + c.iterations()[i];
  }

  // ---------------------------------------------------------------- the page

  String html() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
        + " script-src 'unsafe-inline'; img-src data:\">"
        + "<title>" + esc(title) + "</title><style>" + CSS + "</style></head>\n<body>"
        + "<script>window.leakdiffErrors=[];window.onerror=function(m,s,l){window.leakdiffErrors.push(m+' (line '+l+')');"
        + "var e=document.getElementById('script-errors');if(e){e.textContent=window.leakdiffErrors.join('\\n');e.hidden=false;}};</script>"
        + "<p id=\"script-errors\" role=\"alert\" hidden></p>"
        + "\n"
        + body + "<footer><p>Made by leakdiff. This page is self-contained: it loads nothing and works offline.</p></footer>"
        + "<script>" + SCRIPT + "</script></body></html>\n";
  }

  /** Fails when the file exists: leakdiff never replaces a file. Checked before the work, and again when writing. */
  static void refuseExisting(Path file) {
    if (file != null && Files.exists(file)) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, file + " exists already; leakdiff does not replace it: remove it or"
          + " give --html another name");
    }
  }

  /** Writes the page to a new file, readable by its owner alone. */
  static void write(Path file, String html) {
    refuseExisting(file);
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) { // also a dangling symbolic link, which Files.exists does not see
      throw new LeakdiffException(Kind.CAPTURE_FAILED, file + " exists already; leakdiff does not replace it: remove it or"
          + " give --html another name");
    } catch (NoSuchFileException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot write the report " + file + ": its directory does not exist");
    } catch (IOException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot write the report " + file + " (" + e.getMessage() + ")");
    }
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static final String CSS = String.join("\n",
      "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d1d1f;background:#fff;margin:0 auto;max-width:1200px;padding:0 16px 32px}",
      "h1{font-size:1.45em;margin:.8em 0 .1em}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #ccc;padding-bottom:.15em}",
      ".sub,.note,.legend{color:#444;font-size:.9em}code{font:12.5px ui-monospace,'DejaVu Sans Mono',monospace}",
      "ul.finding{padding-left:1.1em;font:13.5px ui-monospace,'DejaVu Sans Mono',monospace}ul.finding li.leak{font-weight:bold}",
      "ul.finding li.leak::marker{content:'\u26a0 '}",
      ".multiples{display:flex;flex-wrap:wrap;gap:10px}",
      "figure.series{margin:0;border:1px solid #ddd;border-radius:6px;padding:6px 8px;break-inside:avoid;width:min-content}",
      "figure.series.suspect{border:2px solid #b3261e}figcaption{font-size:12.5px;overflow-wrap:anywhere;min-height:2.6em}",
      ".pair{display:flex;gap:4px}.rate{color:#444}",
      ".verdict{display:inline-block;font-size:11px;font-weight:bold;border:1px solid;border-radius:3px;padding:0 4px;text-transform:uppercase}",
      ".v-leak,.v-superlinear{color:#b3261e}.v-init{color:#7a5b00}.v-stable,.v-shrinks,.v-none{color:#3d5a80}.v-grows,.v-late{color:#8a4b08}",
      "svg.plot{background:#fafafa}svg.plot .ax{font:10px ui-monospace,'DejaVu Sans Mono',monospace;fill:#555}",
      "svg.plot .axis,svg.plot .tick{stroke:#999;stroke-width:1}svg.plot .line{fill:none;stroke:#1f4e9c;stroke-width:1.8}",
      "svg.plot circle{fill:#1f4e9c}svg.plot .fit{stroke:#b3261e;stroke-width:1.2;stroke-dasharray:4 3}",
      ".graph-wrap{overflow-x:auto;border:1px solid #ddd;border-radius:6px}",
      "svg.graph text{font:11px ui-monospace,'DejaVu Sans Mono',monospace;fill:#1d1d1f}",
      "svg.graph .node rect{fill:#eef2f8;stroke:#3d5a80}svg.graph .node.root rect{fill:#f2f2f2;stroke:#555;stroke-dasharray:3 2}",
      "svg.graph .node.marked rect{fill:#fde8e6;stroke:#b3261e;stroke-width:2.5}svg.graph .node.marked text{font-weight:bold}",
      "svg.graph .node.elided rect{fill:#fff;stroke:#999;stroke-dasharray:2 2}",
      "svg.graph .edge path{fill:none;stroke:#777;stroke-width:1.3}svg.graph .edge.grows path{stroke:#b3261e;stroke-width:2}",
      "svg.graph .edge .count{fill:#444}svg.graph .edge polygon{fill:#777}svg.graph .edge.grows polygon{fill:#b3261e}",
      ".controls{margin:.4em 0;font-size:.9em}.controls input,.controls select{font:inherit}",
      "table{border-collapse:collapse;font-size:12.5px;width:100%}caption{text-align:left;color:#444;padding:.3em 0}",
      "td.c{font:12px ui-monospace,'DejaVu Sans Mono',monospace;text-align:left;white-space:normal;overflow-wrap:anywhere;min-width:18em}.table-wrap{overflow-x:auto}th,td{padding:2px 6px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}th{white-space:normal;vertical-align:bottom}",
      "td:first-child,th:nth-child(-n+2){text-align:left}th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;color:inherit}",
      "th[aria-sort=ascending] button::after{content:' \u25b2'}th[aria-sort=descending] button::after{content:' \u25bc'}",
      "thead th{position:sticky;top:0;background:#fff;border-bottom:2px solid #999}tr[data-v~=suspect] td:first-child{font-weight:bold;color:#b3261e}",
      "#script-errors{color:#b3261e;white-space:pre-wrap}footer{margin-top:2em;color:#666;font-size:.85em}",
      "@media print{body{max-width:none;font-size:11pt}.controls,th button::after{display:none}.graph-wrap{overflow:visible;border:0}"
          + "svg.graph{max-width:100%;height:auto}thead th{position:static}section{break-inside:auto}h2{break-after:avoid}}");

  private static final String SCRIPT = String.join("\n",
      "(function(){",
      "var table=document.getElementById('verdicts');",
      "if(table){",
      " var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows),heads=table.tHead.rows[0].cells;",
      " var name=document.getElementById('filter-name'),verdict=document.getElementById('filter-verdict'),shown=document.getElementById('shown');",
      " function filter(){var q=name.value.toLowerCase(),v=verdict?verdict.value:'',n=0;",
      "  rows.forEach(function(r){var cls=r.querySelector('td.c').textContent.toLowerCase();",
      "   var ok=cls.indexOf(q)>=0&&(!v||(' '+(r.getAttribute('data-v')||'')+' ').indexOf(' '+v+' ')>=0);r.hidden=!ok;if(ok)n++;});",
      "  shown.textContent=n+' of '+rows.length+' classes';}",
      " name.addEventListener('input',filter);if(verdict)verdict.addEventListener('change',filter);",
      " Array.prototype.forEach.call(heads,function(th,col){th.querySelector('button').addEventListener('click',function(){",
      "  var was=th.getAttribute('aria-sort'),asc=was?was==='descending':th.getAttribute('data-type')==='text';",
      "  Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});",
      "  th.setAttribute('aria-sort',asc?'ascending':'descending');",
      "  var k=th.getAttribute('data-k'),key;",
      "  if(k!==null){k=+k;key=function(r){return +r.getAttribute('data-n').split(' ')[k];};}",
      "  else{key=function(r){return r.cells[col].textContent.toLowerCase();};}",
      "  rows.sort(function(a,b){var x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(asc?1:-1);});",
      "  rows.forEach(function(r){body.appendChild(r);});});});",
      "}",
      // what the browser test reads from the rendered page: how many plots and graph boxes have a size on screen
      "function drawn(sel){return Array.prototype.filter.call(document.querySelectorAll(sel),function(e){var b=e.getBoundingClientRect();return b.width>0||b.height>0;}).length;}",
      "var d=document.documentElement;d.setAttribute('data-plots',drawn('svg.plot polyline'));",
      "d.setAttribute('data-graph-nodes',drawn('svg.graph .node rect'));d.setAttribute('data-graph-edges',drawn('svg.graph .edge path'));",
      "d.setAttribute('data-ready','yes');",
      "})();");
}
