package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * leakdiff demo --html, opened in headless Chromium (Debian's chromium package, installed here when missing, as a
 * fresh CI machine needs): the page runs its script without error, the plots and the chain graph are drawn, the
 * table sorts and filters, the chain graph is on the first screen, and the demo's facts are in the page (the table's
 * 0, 1, 10, 100 line, the synonym cache's step, RESULT_HISTORY holding the tables).
 */
class HtmlReportBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";

  @TempDir
  static Path tmp;

  static Path report;
  static String html;

  @BeforeAll
  static void demo() throws Exception {
    report = tmp.resolve("report.html");
    ScenarioDumps.Result r = ScenarioDumps.run("demo", "--html", report.toString());
    assertEquals(ExitCode.OK.code, r.code(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Leak: " + RunDemoTest.TABLE + " grows by 1 per iteration")), r.out());
    html = Files.readString(report);
  }

  @Test
  void theDemoPageHoldsTheTablesLineTheSynonymsStepAndTheStaticMapHoldingTheTables() throws Exception {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
    HtmlReportTest.selfContained(html);
    Document d = Jsoup.parse(html);
    assertEquals(List.of("finding", "chains", "growth", "process", "table"), d.select("body > section").eachAttr("id"),
        "the answer, who holds the leak, comes before the plots");
    assertTrue(d.selectFirst("#finding li.leak").text().startsWith("Leak: tech.tablesaw.api.Table grows by 1 per iteration"));

    Element table = HtmlReportTest.figure(d, RunDemoTest.TABLE);
    assertEquals(RunDemoTest.TABLE, d.selectFirst("#growth figure").attr("data-class"), "the root of the leak comes first");
    assertEquals("leak", table.selectFirst(".verdict").text());
    assertEquals("tech.<wbr>tablesaw.<wbr>api.<wbr>Table", table.selectFirst("figcaption code").html().replace("\n", ""),
        "a name breaks at its package dots alone");
    // the suspects held only through the table are folded under its plots, closed
    Element held = d.selectFirst("#growth details.held");
    assertTrue(held != null && !held.hasAttr("open"), "no closed fold of the held suspects");
    assertTrue(held.selectFirst("summary").text().contains("held only through tech.tablesaw.api.Table"), held.selectFirst("summary").text());
    List<String> folded = held.select("figure").eachAttr("data-class");
    assertTrue(folded.contains("double[]") && !folded.contains(RunDemoTest.TABLE), folded.toString());
    assertTrue(d.select("#growth > .multiples > figure.suspect").size() < 5, "the unfolded suspects are the roots");
    assertEquals("instances per dump: 0 at 0; 1 at 1; 10 at 10; 100 at 100 iterations", table.selectFirst("svg.plot desc").text());
    Element synonyms = HtmlReportTest.figure(d, "dev.leakdiff.demo.Synonyms$Synonym");
    assertTrue(synonyms != null, "the synonym cache is shown for contrast");
    assertEquals("init", synonyms.selectFirst(".verdict").text());
    assertEquals("instances per dump: 0 at 0; 300 at 1; 300 at 10; 300 at 100 iterations", synonyms.selectFirst("svg.plot desc").text());
    assertEquals(3, d.select("#process svg.plot").size());

    Element graph = d.selectFirst("#chains svg.graph");
    assertEquals("static IndexWorker.RESULT_HISTORY", graph.selectFirst("g.node.root text").text());
    Element marked = graph.select("g.node.marked").stream()
        .filter(n -> n.selectFirst("title").text().equals(RunDemoTest.TABLE)).findFirst().orElseThrow();
    assertEquals("\u2605 Table", marked.selectFirst("text").text());
    assertTrue(graph.selectFirst("desc").text().contains("static dev.leakdiff.demo.IndexWorker.RESULT_HISTORY -> java.util.HashMap"
        + " -> [value] -> java.util.ArrayList (a leak suspect) -> [*] -> " + RunDemoTest.TABLE), graph.selectFirst("desc").text());
    assertTrue(graph.select("g.edge text.count").eachText().contains("100 (+90)"));
  }

  @Test
  void chromiumRendersThePlotsAndTheGraphWithNoScriptError() throws Exception {
    Browser b = chromium(report, "--dump-dom");
    Document dom = Jsoup.parse(b.out());
    Element root = dom.selectFirst("html");
    assertEquals("yes", root.attr("data-ready"), "the page's script did not run to its end");
    assertTrue(dom.selectFirst("#script-errors").text().isEmpty(), dom.selectFirst("#script-errors").text());
    assertFalse(b.err().contains("Uncaught"), b.err());
    int plots = dom.select("svg.plot").size();
    assertTrue(plots >= 2 * 28 + 3, "plots: " + plots);
    assertTrue(dom.select("details.held:not([open]) svg.plot").size() > 0, "the held suspects' plots are folded");
    assertEquals(Integer.toString(plots), root.attr("data-plots"), "plots with a size on the rendered page");
    int nodes = dom.select("svg.graph g.node").size();
    assertTrue(nodes >= 4);
    assertEquals(Integer.toString(nodes), root.attr("data-graph-nodes"));
    assertEquals(Integer.toString(dom.select("svg.graph g.edge").size()), root.attr("data-graph-edges"));

    // and drawn: the screenshot is not a blank page
    Path png = tmp.resolve("shot.png");
    chromium(report, "--screenshot=" + png, "--window-size=1280,900", "--hide-scrollbars");
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1280, img.getWidth());
    long ink = 0;
    long red = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int bl = rgb & 255;
        if (r + g + bl < 600) {
          ink++;
        }
        if (r > 150 && g < 80 && bl < 80) {
          red++;
        }
      }
    }
    assertTrue(ink > img.getWidth() * img.getHeight() / 100, "ink: " + ink);
    assertTrue(red > 200, "the suspects' red borders: " + red);
  }

  /** The answer is on the first screen: the chain graph begins within the first 900 px of a 1400 x 900 window. */
  @Test
  void theChainGraphIsOnTheFirstScreen() throws Exception {
    Document dom = Jsoup.parse(chromium(report, "--dump-dom", "--window-size=1400,900").out());
    Element root = dom.selectFirst("html");
    assertEquals("yes", root.attr("data-ready"));
    int top = Integer.parseInt(root.attr("data-graph-top"));
    assertTrue(top > 0 && top < 900 - 150, "the chain graph begins " + top + " px down");
  }

  @Test
  void aScriptErrorIsSeen() throws Exception {
    Path broken = tmp.resolve("broken.html");
    Files.writeString(broken, html.replace("</body>", "<script>undefinedFunctionOfTheTest();</script></body>"));
    Browser b = chromium(broken, "--dump-dom");
    Document dom = Jsoup.parse(b.out());
    assertTrue(dom.selectFirst("#script-errors").text().contains("undefinedFunctionOfTheTest"), b.out().length() + " chars");
    assertTrue(b.err().contains("Uncaught"), b.err());
  }

  @Test
  void theTableSortsAndFilters() throws Exception {
    Path page = tmp.resolve("interact.html");
    String script = "<script>(function(){var d=document.documentElement,t=document.getElementById('verdicts');"
        + "var th=Array.prototype.filter.call(t.tHead.rows[0].cells,function(c){return c.textContent==='objects @100';})[0];"
        + "th.querySelector('button').click();"
        + "d.setAttribute('data-first',t.tBodies[0].rows[0].querySelector('td.c').textContent);"
        + "d.setAttribute('data-sort',th.getAttribute('aria-sort'));"
        + "var f=document.getElementById('filter-name');f.value='tablesaw.api';f.dispatchEvent(new Event('input'));"
        + "var v=document.getElementById('filter-verdict');v.value='leak';v.dispatchEvent(new Event('change'));"
        + "d.setAttribute('data-visible',Array.prototype.filter.call(t.tBodies[0].rows,function(r){return !r.hidden;})"
        + ".map(function(r){return r.querySelector('td.c').textContent;}).sort().join(','));"
        + "d.setAttribute('data-shown',document.getElementById('shown').textContent);})();</script>";
    Files.writeString(page, html.replace("</body>", script + "</body>"));
    Document dom = Jsoup.parse(chromium(page, "--dump-dom").out());
    Element root = dom.selectFirst("html");
    assertEquals("", dom.selectFirst("#script-errors").text());
    Document d = Jsoup.parse(html);
    String biggest = d.select("#verdicts tbody tr").stream()
        .max(Comparator.comparingLong(r -> Long.parseLong(r.attr("data-n").split(" ")[3])))
        .map(r -> r.selectFirst("td.c").text()).orElseThrow();
    assertEquals(biggest, root.attr("data-first"));
    assertEquals("descending", root.attr("data-sort"));
    List<String> expected = d.select("#verdicts tbody tr").stream()
        .filter(r -> r.attr("data-v").startsWith("leak ") && r.selectFirst("td.c").text().contains("tablesaw.api"))
        .map(r -> r.selectFirst("td.c").text()).sorted().toList();
    assertTrue(expected.containsAll(List.of(RunDemoTest.TABLE, "tech.tablesaw.api.DoubleColumn", "tech.tablesaw.api.IntColumn")));
    assertEquals(String.join(",", expected), root.attr("data-visible"));
    assertTrue(root.attr("data-shown").startsWith(expected.size() + " of "), root.attr("data-shown"));
  }

  record Browser(String out, String err) {}

  /** Runs headless Chromium on a file with the given flags; fails (never skips) when it cannot be had. */
  static Browser chromium(Path file, String... flags) throws IOException, InterruptedException {
    ensureChromium();
    Path profile = Files.createTempDirectory(tmp, "profile");
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
    cmd.addAll(List.of(flags));
    cmd.add(file.toUri().toString());
    Path out = tmp.resolve("chromium.out");
    Path err = tmp.resolve("chromium.err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s: " + Files.readString(err));
    }
    assertEquals(0, p.exitValue(), Files.readString(err));
    return new Browser(Files.readString(out), Files.readString(err));
  }

  private static synchronized void ensureChromium() throws IOException, InterruptedException {
    if (Files.isExecutable(Path.of(CHROMIUM))) {
      return;
    }
    // a fresh machine (CI runs as root on Debian): install Debian's chromium package
    Path log = Files.createTempFile("apt", ".log");
    for (List<String> cmd : List.of(List.of("apt-get", "update"), List.of("apt-get", "install", "-y", "chromium"))) {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        fail("chromium is missing and apt-get cannot run (" + e.getMessage() + "); install Debian's chromium package");
        return;
      }
      if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        String text = Files.readString(log);
        fail(String.join(" ", cmd) + " failed; install Debian's chromium package (as root). Its output ends:\n"
            + text.substring(Math.max(0, text.length() - 3000)));
      }
    }
    assertTrue(Files.isExecutable(Path.of(CHROMIUM)), "apt-get installed chromium, but " + CHROMIUM + " is not there");
  }
}
