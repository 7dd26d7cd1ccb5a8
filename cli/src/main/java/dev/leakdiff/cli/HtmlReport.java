package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.analysis.ProcessGrowth;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.Sidecar;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.words.Words;
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
  private final Words words;
  private final String title;
  private final StringBuilder body = new StringBuilder(1 << 16);
  private int figures;
  /** Whether the plots' x axis is the iterations (else the dumps' order). */
  private boolean iterationsAxis;

  HtmlReport(Words words, String title, String subtitle) {
    this.words = words;
    this.title = title;
    body.append("<header><h1>").append(esc(title)).append("</h1>");
    if (subtitle != null) {
      body.append("<p class=\"sub\">").append(esc(subtitle)).append("</p>");
    }
    body.append("</header>\n");
  }

  // ---------------------------------------------------------------- the finding

  /** The findings in words: the leaks (or the line that says there is none), then the others. */
  HtmlReport findings(String heading, List<Finding> leaks, List<Finding> more) {
    return findings(heading, leaks.isEmpty() ? List.of(words.noLeak()) : List.of(), leaks, more);
  }

  /** The same, led by lines of the command's own. */
  HtmlReport findings(String heading, List<String> lead, List<Finding> leaks, List<Finding> more) {
    body.append("<section id=\"finding\" aria-labelledby=\"h-finding\"><h2 id=\"h-finding\">").append(esc(heading)).append("</h2>");
    body.append("<ul class=\"finding\">");
    lead.forEach(l -> body.append("<li>").append(esc(l)).append("</li>"));
    for (Finding f : leaks) {
      String sites = words.allocationSites(f);
      body.append("<li").append(f.leak() ? " class=\"leak\"" : "").append('>').append(esc(words.findingWithoutSites(f)));
      if (sites != null) { // where the objects were created, under the finding
        body.append("<div class=\"sites\">").append(esc(sites))
            .append("</div>");
      }
      body.append("</li>");
    }
    body.append("</ul>");
    if (!more.isEmpty()) {
      body.append("<ul class=\"more\">");
      more.forEach(f -> body.append("<li>").append(esc(words.finding(f))).append("</li>"));
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
    return growth(c, first, Map.of());
  }

  /**
   * The same, with the suspects held only through a root (heldBy: root's name to theirs) folded under the root's plots,
   * closed: many near-identical plots of one cause.
   */
  HtmlReport growth(Comparison c, List<String> first, Map<String, List<String>> heldBy) {
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
    java.util.Set<String> folded = new java.util.HashSet<>();
    heldBy.values().forEach(folded::addAll);
    folded.removeAll(heldBy.keySet());
    int i = 0;
    for (ClassSeries s : shown.values()) {
      boolean suspect = i++ < suspects;
      if (folded.contains(s.name())) {
        continue;
      }
      figure(c, x, s, suspect);
      List<ClassSeries> held = heldBy.getOrDefault(s.name(), List.of()).stream().map(shown::get).filter(h -> h != null).toList();
      if (!held.isEmpty()) {
        body.append("<details class=\"held\"><summary>").append(held.size()).append(" more suspect class(es) held only through <code>")
            .append(dotted(s.name())).append("</code>: they leak because it does</summary><div class=\"multiples\">");
        held.forEach(h -> figure(c, x, h, true));
        body.append("</div></details>\n");
      }
    }
    body.append("</div></section>\n");
    return this;
  }

  /** One class's pair of plots, with its verdict and name. */
  private void figure(Comparison c, long[] x, ClassSeries s, boolean suspect) {
    body.append("<figure class=\"series").append(suspect ? " suspect" : "").append("\" data-class=\"").append(esc(s.name()))
        .append("\"><figcaption><span class=\"verdict v-").append(s.verdict() == null ? "none" : s.verdict().word()).append("\">")
        .append(s.verdict() == null ? "no verdict" : s.verdict().word()).append("</span> <code>").append(dotted(s.name()))
        .append("</code>");
    if (s.verdict() != null) {
      body.append("<br><span class=\"rate\">").append(esc(rateText(s))).append("</span>");
    }
    body.append("</figcaption><div class=\"pair\">");
    double fromI = c.iterations() == null ? Double.NaN : s.instancesPerIteration();
    double fromB = c.iterations() == null ? Double.NaN : s.bytesPerIteration();
    plot(s.name() + ": instances", x, s.instances(), fromI, words::count, "instances");
    plot(s.name() + ": bytes", x, s.bytes(), fromB, words::bytes, "bytes");
    body.append("</div></figure>\n");
  }

  /** A class name, escaped, that a line may break after a package dot or a '$', never inside a word. */
  static String dotted(String name) {
    return esc(name).replace(".", ".<wbr>").replace("$", "$<wbr>");
  }

  private static double relativeGrowth(ClassSeries s) {
    return (double) s.instanceGrowth() / Math.max(1, s.instances()[0]);
  }

  private String rateText(ClassSeries s) {
    return words.signedCount(s.instanceGrowth()) + " objects, " + words.signedBytes(s.byteGrowth()) + " in all; fitted "
        + (s.instancesPerIteration() >= 0 ? "+" : "") + words.rate(s.instancesPerIteration()) + " obj, "
        + words.signedBytes(Math.round(s.bytesPerIteration())) + " per iteration";
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
    HtmlPlot.draw(words, body, ++figures, iterationsAxis, label, x, y, slope, fmt, unit);
  }

  // ---------------------------------------------------------------- the process

  /** RSS, threads and heap used at each capture, plotted like the classes, with the table's values in the descriptions. */
  HtmlReport process(ProcessGrowth g) {
    List<Capture> cs = g.captures();
    long[] x = xValues(g.iterations(), cs.size());
    iterationsAxis = g.iterations() != null;
    body.append("<section id=\"process\" aria-labelledby=\"h-process\"><h2 id=\"h-process\">The process at each stage</h2>");
    body.append("<div class=\"multiples\">");
    processPlot("RSS", cs, x, Sidecar::rssBytes, words::bytes, g.rss());
    processPlot("threads", cs, x, f -> f.threads() == null ? null : (long) f.threads(), words::count, g.threads());
    processPlot("heap used", cs, x, Sidecar::heapUsed, words::bytes, g.heap());
    body.append("</div>");
    List<String> w = g.findings().stream().map(words::finding).toList();
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
      figures = HtmlChainGraph.draw(words, body, figures, chains, marked, markedMeans, maxDepth);
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
      cells.append("<td class=c>").append(dotted(s.name()))
          .append(s.loadedMoreThanOnce() ? " [" + esc(words.classCounts(s)) + "]" : "");
      for (long v : s.instances()) {
        raw.append(v).append(' ');
        cells.append("<td>").append(words.count(v));
      }
      for (long v : s.bytes()) {
        raw.append(v).append(' ');
        cells.append("<td>").append(words.bytes(v));
      }
      raw.append(s.instanceGrowth()).append(' ').append(s.byteGrowth());
      cells.append("<td>").append(words.signedCount(s.instanceGrowth())).append("<td>").append(words.signedBytes(s.byteGrowth()));
      if (verdicts) {
        raw.append(' ').append(String.format(Locale.ROOT, "%.4g %.4g", s.instancesPerIteration(), s.bytesPerIteration()));
        cells.append("<td>").append(words.rate(s.instancesPerIteration())).append("<td>")
            .append(words.signedBytes(Math.round(s.bytesPerIteration())));
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
        + "<title>" + esc(title) + "</title><style>" + HtmlAssets.CSS + "</style></head>\n<body>"
        + "<script>window.leakdiffErrors=[];window.onerror=function(m,s,l){window.leakdiffErrors.push(m+' (line '+l+')');"
        + "var e=document.getElementById('script-errors');if(e){e.textContent=window.leakdiffErrors.join('\\n');e.hidden=false;}};</script>"
        + "<p id=\"script-errors\" role=\"alert\" hidden></p>"
        + "\n"
        + body + "<footer><p>Made by leakdiff. This page is self-contained: it loads nothing and works offline.</p></footer>"
        + "<script>" + HtmlAssets.SCRIPT + "</script></body></html>\n";
  }

  /** Fails when the file exists: leakdiff never replaces a file. Checked before the work, and again when writing. */
  static void refuseExisting(Path file) {
    if (file == null) {
      return;
    }
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, file + " exists already; leakdiff does not replace it: remove it or"
          + " give --html another name");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot write the report " + file + ": " + (Files.exists(dir)
          ? dir + " is not a directory" : "its directory does not exist"));
    }
    if (!Files.isWritable(dir)) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot write the report " + file + ": its directory is not writable");
    }
  }

  /** Writes the page to a new file, readable by its owner alone (its place is checked before the work, and again here). */
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
}
