package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.Reference;
import dev.leakdiff.graph.RootKind;
import dev.leakdiff.graph.Route;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.findings.LoaderGrowth;
import dev.leakdiff.hunt.words.Words;
import dev.leakdiff.hunt.LeakdiffException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report's structure, parsed with jsoup: the sections in order, a pair of plots per suspect with text
 * alternatives, the chain graph, the whole table, nothing that reaches the network, the size with hundreds of
 * suspects, and the file it writes (owner-only, never over an existing one), from compare and paths too.
 */
class HtmlReportTest {
  static final long[] ITERATIONS = {0, 1, 10, 100};

  @TempDir
  Path tmp;

  static ClassSeries series(String name, Verdict v, long... counts) {
    long[] bytes = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      bytes[i] = counts[i] * 24;
    }
    double rate = (double) (counts[3] - counts[1]) / 99;
    return new ClassSeries(name, counts, bytes, new int[] {1, 1, 1, 1}, v, rate, rate * 24);
  }

  /** suspects leaking classes, a one-time cache, and stable ones: the shape of a real comparison. */
  static Comparison comparison(int suspects, int stable) {
    List<ClassSeries> rows = new ArrayList<>();
    for (int i = 0; i < suspects; i++) {
      rows.add(series("com.example.leaky.package.Suspect" + i + "$Inner", Verdict.LEAK, 5, 5 + i + 1, 5 + 10 * (i + 1), 5 + 100 * (i + 1)));
    }
    rows.add(series("com.example.Cache$Entry", Verdict.INIT, 0, 300, 300, 300));
    rows.add(series("<b>odd</b> & \"name\"", Verdict.INIT, 2, 3, 3, 3));
    for (int i = 0; i < stable; i++) {
      rows.add(series("java.util.something.Stable" + i, Verdict.STABLE, 1000 + i, 1000 + i, 1000 + i, 1000 + i));
    }
    return new Comparison(List.of("iter-0.hprof", "iter-1.hprof", "iter-10.hprof", "iter-100.hprof"), ITERATIONS, rows,
        new long[] {1, 2, 3, 4}, new long[] {10, 20, 30, 40}, VerdictRule.DEFAULT);
  }

  /**
   * A group of a chain written as pairs of a reference and a class: "static OWNER.NAME" (a static field of a class loaded
   * by "app"), "OWNER[value]", "OWNER[key]", "OWNER[*]" (a collection's), or "OWNER.NAME" (a field).
   */
  static PathGroups.Group group(long count, String... chain) {
    List<Hop> hops = new ArrayList<>();
    for (int i = 0; i < chain.length; i += 2) {
      hops.add(new Hop(reference(chain[i]), chain[i + 1]));
    }
    return new PathGroups.Group(new Route(hops), count, count * 24, RootKind.SYSTEM_CLASS, hops.size(), hops.size());
  }

  private static Reference reference(String spec) {
    if (spec.startsWith("static ")) {
      String f = spec.substring("static ".length());
      return Reference.staticField(f.substring(0, f.lastIndexOf('.')), f.substring(f.lastIndexOf('.') + 1), "app");
    }
    for (String[] k : new String[][] {{"[value]", "MAP_VALUE"}, {"[key]", "MAP_KEY"}, {"[*]", "ELEMENT"}}) {
      if (spec.endsWith(k[0])) {
        return Reference.of(Reference.Kind.valueOf(k[1]), spec.substring(0, spec.length() - k[0].length()));
      }
    }
    return Reference.field(spec.substring(0, spec.lastIndexOf('.')), spec.substring(spec.lastIndexOf('.') + 1));
  }

  static final String[] HISTORY_CHAIN = {
      "static com.example.Worker.HISTORY", "java.util.HashMap",
      "java.util.HashMap[value]", "java.util.ArrayList",
      "java.util.ArrayList[*]", "com.example.Table"};

  private static HtmlReport page(Comparison c) {
    ClassSeries table = series("com.example.Table", Verdict.LEAK, 0, 1, 10, 100);
    return new HtmlReport(Words.english(), "leakdiff run: test", "dumps after 0, 1, 10, 100 iterations")
        .findings("The finding", List.of(new Leak(table, null, List.of(), 24, null, null, null, List.of(), null, null)),
            List.of(new LoaderGrowth(series("x", Verdict.STABLE, 1, 1, 1, 1))))
        .growth(c, List.of("com.example.leaky.package.Suspect3$Inner"))
        .chains("Who holds the leak", "Chains.", List.of(new HtmlReport.Chain(group(100, HISTORY_CHAIN), 10L),
            new HtmlReport.Chain(group(7, "static com.example.Worker.HISTORY", "java.util.HashMap",
                "java.util.HashMap[key]", "com.example.Key"), 7L)), Set.of("com.example.Table"), "a leak suspect", 16, List.of())
        .table(c);
  }

  /** Fails on anything that would make the browser fetch: src, href (but in-page #fragments), url(), @import, a scheme. */
  static void selfContained(String html) {
    Document d = Jsoup.parse(html);
    for (Element e : d.getAllElements()) {
      for (String a : List.of("src", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href")) {
        assertFalse(e.hasAttr(a), e.tagName() + " has " + a);
      }
      assertTrue(!e.hasAttr("href") || e.attr("href").startsWith("#"), e.outerHtml());
    }
    assertFalse(d.select("link, iframe, object, embed, img, base").size() > 0, "an element that loads a resource");
    String lower = html.toLowerCase();
    assertFalse(lower.contains("url("), "url( in the page");
    assertFalse(lower.contains("@import"), "@import in the page");
    assertFalse(lower.contains("://"), "a URL in the page");
    assertFalse(lower.contains("fetch(") || lower.contains("xmlhttprequest") || lower.contains("websocket"), "network script");
  }

  @Test
  void theSectionsComeInOrderWithAPairOfPlotsPerSuspectAndTextAlternatives() {
    Comparison c = comparison(5, 30);
    String html = page(c).html();
    Document d = Jsoup.parse(html);
    assertEquals(List.of("finding", "growth", "chains", "table"), d.select("body > section").eachAttr("id"));
    assertTrue(d.selectFirst("#finding li.leak").text().startsWith("Leak: com.example.Table grows by 1 per iteration"),
        d.selectFirst("#finding li.leak").text());

    // the suspects (the named one first), then the biggest init by bytes, the clearest step, the biggest stable
    List<String> figures = d.select("#growth figure.series").eachAttr("data-class");
    assertEquals("com.example.leaky.package.Suspect3$Inner", figures.get(0));
    assertEquals(5, d.select("#growth figure.series.suspect").size());
    assertTrue(figures.contains("com.example.Cache$Entry"), figures.toString());
    assertTrue(figures.contains("java.util.something.Stable29"), figures.toString());
    assertEquals(8, figures.size(), figures.toString());
    Element cache = figure(d, "com.example.Cache$Entry");
    assertEquals("init", cache.selectFirst(".verdict").text());
    for (Element svg : d.select("svg.plot")) {
      assertEquals("img", svg.attr("role"));
      String[] ids = svg.attr("aria-labelledby").split(" ");
      assertEquals(svg.selectFirst("title").id(), ids[0]);
      assertEquals(svg.selectFirst("desc").id(), ids[1]);
      assertEquals(4, svg.select("circle").size());
      assertEquals(4, svg.selectFirst("polyline").attr("points").split(" ").length);
    }
    // the step: 0 then 300 three times, in the description and as points (one low, three at the same height)
    Element steps = cache.selectFirst("svg.plot");
    assertEquals("instances per dump: 0 at 0; 300 at 1; 300 at 10; 300 at 100 iterations", steps.selectFirst("desc").text());
    List<String> ys = steps.select("circle").eachAttr("cy");
    assertEquals(List.of(ys.get(1), ys.get(1)), ys.subList(2, 4));
    assertTrue(Double.parseDouble(ys.get(0)) > Double.parseDouble(ys.get(1)) + 40, ys.toString());
    // a straight line: the points lie on the fitted line, on a linear x axis
    Element line = figure(d, "com.example.leaky.package.Suspect0$Inner").selectFirst("svg.plot");
    double[][] p = points(line.selectFirst("polyline").attr("points"));
    for (int i = 1; i < 3; i++) {
      double expected = p[0][1] + (p[3][1] - p[0][1]) * (p[i][0] - p[0][0]) / (p[3][0] - p[0][0]);
      assertEquals(expected, p[i][1], 0.6, "point " + i + " off the line");
    }
    assertEquals(0.1 * (p[3][0] - p[0][0]), p[2][0] - p[0][0], 0.6, "x is linear in the iterations");
    assertTrue(line.selectFirst("line.fit") != null);

    // a name with markup is text, never markup
    assertTrue(d.select("b").isEmpty());
    assertTrue(html.contains("&lt;b&gt;odd&lt;/b&gt; &amp; &quot;name&quot;"));
    selfContained(html);
  }

  static Element figure(Document d, String className) {
    return d.select("figure.series").stream().filter(f -> f.attr("data-class").equals(className)).findFirst().orElse(null);
  }

  private static double[][] points(String attr) {
    String[] ps = attr.split(" ");
    double[][] out = new double[ps.length][];
    for (int i = 0; i < ps.length; i++) {
      String[] xy = ps[i].split(",");
      out[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }
    return out;
  }

  @Test
  void theChainGraphMergesRoutesFromTheRootAndStarsTheLeakingClass() {
    Document d = Jsoup.parse(page(comparison(2, 2)).html());
    Element graph = d.selectFirst("#chains svg.graph");
    assertEquals("img", graph.attr("role"));
    assertTrue(graph.selectFirst("desc").text().contains("static com.example.Worker.HISTORY -> java.util.HashMap -> [value] ->"),
        graph.selectFirst("desc").text());
    // one root, one HashMap (the routes share it), then ArrayList, Table and Key
    List<String> labels = graph.select("g.node text").eachText();
    assertEquals(List.of("static Worker.HISTORY", "HashMap", "ArrayList", "\u2605 Table", "Key"), labels);
    assertEquals(1, graph.select("g.node.root").size());
    assertEquals(List.of("\u2605 Table"), graph.select("g.node.marked text").eachText());
    assertEquals("com.example.Table", graph.selectFirst("g.node.marked title").text());
    // on the edges: the field, the instances reached through it and their growth; the merged edge adds them up
    List<String> counts = graph.select("g.edge text.count").eachText();
    assertEquals(List.of("107 (+90)", "100 (+90)", "7 (0)", "100 (+90)"), counts);
    assertEquals(List.of("[value]", "[key]", "[*]"), graph.select("g.edge text.field").eachText());
    assertEquals(3, graph.select("g.edge.grows").size());
    // a root's node sits left of everything it holds
    double rootX = Double.parseDouble(graph.selectFirst("g.node.root rect").attr("x"));
    for (Element r : graph.select("g.node:not(.root) rect")) {
      assertTrue(Double.parseDouble(r.attr("x")) > rootX);
    }
  }

  @Test
  void aChainLongerThanMaxDepthShowsItsEndsAndSaysHowManyHopsItLeavesOut() {
    List<String> chain = new ArrayList<>(List.of("static com.example.Deep.ROOT", "com.example.Node0"));
    for (int i = 1; i < 30; i++) {
      chain.add("com.example.Node" + (i - 1) + ".next");
      chain.add("com.example.Node" + i);
    }
    Document d = Jsoup.parse(new HtmlReport(Words.english(), "t", null).chains("Chains", "x",
        List.of(new HtmlReport.Chain(group(3, chain.toArray(new String[0])), null)), Set.of("com.example.Node29"), "searched", 8,
        List.of()).html());
    List<String> labels = d.select("g.node text").eachText();
    assertEquals(1 + 8 + 1, labels.size(), labels.toString());
    assertEquals("... 22 more hops ...", labels.get(5));
    assertEquals("\u2605 Node29", labels.get(labels.size() - 1));
    assertTrue(d.select("g.edge text.count").eachText().stream().allMatch(t -> t.equals("3")));
  }

  @Test
  void theTableHoldsEveryClassWithItsRawNumbersForSorting() {
    Comparison c = comparison(3, 40);
    Document d = Jsoup.parse(page(c).html());
    Element table = d.selectFirst("table#verdicts");
    assertEquals(c.classes().size(), table.select("tbody tr").size());
    List<String> heads = table.select("thead th").eachText();
    assertEquals("verdict", heads.get(0));
    assertEquals("class", heads.get(1));
    assertEquals(2 + 4 + 4 + 2 + 2, heads.size(), heads.toString());
    assertEquals(12, table.select("thead th[data-type=num]").size());
    Element first = table.selectFirst("tbody tr");
    assertEquals("leak suspect", first.attr("data-v"));
    assertEquals("com.example.leaky.package.Suspect0$Inner", first.selectFirst("td.c").text());
    String[] raw = first.attr("data-n").split(" ");
    assertEquals(12, raw.length);
    assertEquals("105", raw[3]);
    assertEquals(Long.toString(105 * 24), raw[7]);
    assertTrue(d.selectFirst("input#filter-name") != null && d.selectFirst("select#filter-verdict") != null);
    assertTrue(d.selectFirst("#filter-name").parent().is("label"));
    assertTrue(d.select("select#filter-verdict option").eachAttr("value").containsAll(List.of("suspect", "leak", "init", "stable")));
  }

  @Test
  void fourHundredSuspectsAmongThreeThousandClassesStayUnderTwoMegabytes() {
    String html = page(comparison(400, 3000)).html();
    long size = html.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(size < 2_000_000, size + " bytes");
    assertEquals(800, Jsoup.parse(html).select("figure.series.suspect svg.plot").size());
    selfContained(html);
  }

  @Test
  void theFileIsOwnerOnlyAndAnExistingFileIsNeverReplaced() throws Exception {
    Path file = tmp.resolve("report.html");
    HtmlReport.write(file, "<p>one</p>");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    LeakdiffException e = assertThrows(LeakdiffException.class, () -> HtmlReport.write(file, "<p>two</p>"));
    assertEquals(ExitCode.CAPTURE_FAILED.code, ExitCode.of(e));
    assertEquals("<p>one</p>", Files.readString(file));
    Path link = tmp.resolve("dangling.html");
    Files.createSymbolicLink(link, tmp.resolve("nowhere.html"));
    LeakdiffException dangling = assertThrows(LeakdiffException.class, () -> HtmlReport.write(link, "x"));
    assertTrue(dangling.getMessage().contains("exists already"), dangling.getMessage());
    assertFalse(Files.exists(tmp.resolve("nowhere.html")));
    LeakdiffException missing = assertThrows(LeakdiffException.class,
        () -> HtmlReport.write(tmp.resolve("no-such-dir").resolve("r.html"), "x"));
    assertTrue(missing.getMessage().contains("its directory does not exist"), missing.getMessage());
  }

  @Test
  void compareWritesItsPageBesideTheTableAndRefusesAnExistingFileBeforeReadingADump() throws Exception {
    Path dir = ScenarioDumps.planted();
    Path file = tmp.resolve("compare.html");
    String[] args = {"compare", "--iterations", "0,1,10,100", "--html", file.toString(), dir.resolve("iter-0.hprof").toString(),
        dir.resolve("iter-1.hprof").toString(), dir.resolve("iter-10.hprof").toString(), dir.resolve("iter-100.hprof").toString()};
    ScenarioDumps.Result r = ScenarioDumps.run(args);
    assertEquals(ExitCode.OK.code, r.code(), r.err());
    assertTrue(r.out().contains("Leak suspects"), r.out());
    assertTrue(r.err().contains("the HTML report is in " + file), r.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String html = Files.readString(file);
    selfContained(html);
    Document d = Jsoup.parse(html);
    assertEquals(List.of("finding", "growth", "table"), d.select("body > section").eachAttr("id"));
    assertTrue(d.select("#growth figure.suspect").eachAttr("data-class").contains("PlantedLeak$LeakedItem"));
    Element cache = figure(d, "PlantedLeak$CacheEntry");
    assertTrue(cache != null, "the planted cache is shown for contrast");
    assertEquals("init", cache.selectFirst(".verdict").text());

    long before = Files.size(file);
    ScenarioDumps.Result again = ScenarioDumps.run(args);
    assertEquals(ExitCode.CAPTURE_FAILED.code, again.code(), again.err());
    assertEquals("", again.out());
    assertTrue(again.err().contains(file + " exists already"), again.err());
    assertFalse(again.err().contains("Exception") || again.err().contains("\tat "), again.err());
    assertEquals(before, Files.size(file));
  }

  /** An --html that cannot be written (no such directory, a file where its directory should be) fails before any dump is read. */
  @Test
  void anHtmlFileThatCannotBeMadeFailsBeforeTheWork() throws Exception {
    Path dir = ScenarioDumps.planted();
    Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
    String[] dumps = {dir.resolve("iter-0.hprof").toString(), dir.resolve("iter-1.hprof").toString(),
        dir.resolve("iter-10.hprof").toString(), dir.resolve("iter-100.hprof").toString()};
    for (Path html : List.of(tmp.resolve("no-such-dir").resolve("r.html"), aFile.resolve("r.html"))) {
      List<List<String>> commands = List.of(
          List.of("compare", "--iterations", "0,1,10,100", "--html", html.toString(), dumps[0], dumps[1], dumps[2], dumps[3]),
          List.of("paths", "--type", "HeldByStatic", "--html", html.toString(), ScenarioDumps.holders().toString()));
      for (List<String> command : commands) {
        ScenarioDumps.Result r = ScenarioDumps.run(command.toArray(new String[0]));
        assertEquals(ExitCode.CAPTURE_FAILED.code, r.code(), command + ": " + r.err());
        assertEquals("", r.out(), command.toString());
        assertTrue(r.err().contains("cannot write the report " + html), r.err());
        assertFalse(r.err().contains("layout") || r.err().contains("dump 1 of"), "no dump was read: " + r.err());
      }
    }
  }

  @Test
  void pathsDrawsItsChainsWithTheSearchedClassStarred() throws Exception {
    Path file = tmp.resolve("paths.html");
    ScenarioDumps.Result r = ScenarioDumps.run("paths", "--type", "HeldByStatic", "--html", file.toString(),
        ScenarioDumps.holders().toString());
    assertEquals(ExitCode.OK.code, r.code(), r.err());
    String html = Files.readString(file);
    selfContained(html);
    Document d = Jsoup.parse(html);
    assertEquals(List.of("finding", "chains"), d.select("body > section").eachAttr("id"));
    Element graph = d.selectFirst("svg.graph");
    assertEquals("static Holders.STATIC_LIST", graph.selectFirst("g.node.root text").text());
    assertEquals(List.of("\u2605 Holders$HeldByStatic"), graph.select("g.node.marked text").eachText());
  }
}
