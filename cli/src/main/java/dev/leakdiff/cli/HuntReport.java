package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.Sizes;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.Findings;
import dev.leakdiff.hunt.HuntResult;
import dev.leakdiff.hunt.HuntSpec;
import dev.leakdiff.hunt.LeakHunt;
import dev.leakdiff.hunt.LeakRoot;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The report of run and demo: the verdict table, the process at each stage, who holds each suspect, the finding. */
final class HuntReport {
  private final PrintWriter out;
  private final RunOptions options;

  private HuntReport(PrintWriter out, RunOptions options) {
    this.out = out;
    this.options = options;
  }

  /** Runs the hunt, prints its report as the options ask, and returns the exit code. */
  static int print(CommandLine cl, RunOptions options, HuntSpec spec) {
    options.report.html.check();
    HuntResult r = new LeakHunt(new CliReporter(cl.getErr())).hunt(spec);
    PrintWriter out = cl.getOut();
    HuntReport report = new HuntReport(out, options);
    List<ClassSeries> rows = ComparisonReport.shown(r.comparison(), options.report.rows.top, options.report.rows.all);
    if (options.report.format.format == Options.Format.json) {
      Json.print(out, report.json(r, rows));
    } else {
      report.text(r, rows);
    }
    out.flush();
    options.report.html.write(cl.getErr(), () -> report.html(r));
    return options.report.failOnLeak.exitCode(r.leaks());
  }

  private void text(HuntResult r, List<ClassSeries> rows) {
    Comparison c = r.comparison();
    out.printf("leakdiff run: %s, dumps after %s iterations (warm-up %s%s)%n%n", r.spec().scenarioName(),
        Arrays.stream(c.iterations()).mapToObj(Sizes::count).collect(Collectors.joining(", ")),
        Sizes.count(r.spec().warmup()), Findings.addedStage(r));
    ComparisonReport.table(out, c, r.histograms(), rows, false);
    out.println("Counts are of instances held through strong references: what the GC may clear is left out.");
    for (ClassSeries s : r.clearable()) {
      out.printf("Not a leak: %s grows by %s per iteration only where weak, soft or cleared references hold it: a cache"
          + " the GC may clear%n", s.name(), Sizes.rate(s.instancesPerIteration()));
    }
    Findings.lateLines(r).forEach(out::println);
    out.println();
    out.println("The process at each stage:");
    ProcessReport.table(out, r.process(), true);
    List<String> warnings = r.process().warnings();
    if (warnings.isEmpty()) {
      out.println("Threads, RSS, buffer pools and native memory do not grow with the iterations beyond what the heap explains.");
    }
    warnings.forEach(out::println);
    Findings.outsideExplained(r).forEach(out::println);
    if (!r.roots().isEmpty()) {
      out.printf("%nWho holds the leak suspects: chains from GC roots in %s, ranked by their growth since %s%n",
          r.lastDumpName(), r.previousDumpName());
      r.roots().forEach(root -> root(r, root));
    }
    out.println();
    out.println(r.directory() == null ? "The dumps were deleted (--no-keep)." : "Dumps, sidecars and the scenario's log are in "
        + r.directory() + " (leakdiff compare and paths read them).");
    Findings.leakLines(r).forEach(out::println);
  }

  private void root(HuntResult result, LeakRoot r) {
    out.println();
    PathGroups.Result p = r.holder().paths();
    String facts = Findings.factsText(r.series().name(), result.facts(r.series().name()));
    out.printf("%s  %s per iteration%s%s%n", r.series().name(), Findings.perIteration(r.series()), facts,
        r.holds().isEmpty() ? "" : "; with the " + r.holds().size() + " suspect class(es) it holds, "
            + Sizes.signedBytes(Math.round(r.bytesPerIteration())) + " per iteration");
    long strong = p.strong();
    out.printf("  %s instances, %s held through strong references in %s group(s)%s%n", Sizes.count(p.instances()),
        Sizes.count(strong), Sizes.count(p.groups().size()),
        (p.weakOnly() > 0 ? ", " + Sizes.count(p.weakOnly()) + " only weakly" : "")
            + (p.staleOnly() > 0 ? ", " + Sizes.count(p.staleOnly()) + " only through cleared references" : ""));
    List<SuspectHolders.Route> routes = shownRoutes(r.holder());
    for (int i = 0; i < routes.size(); i++) {
      SuspectHolders.Route route = routes.get(i);
      PathGroups.Group g = route.group();
      out.printf("  #%d  %s instances (%s -> %s), %s, root: %s, %s%n", i + 1, Sizes.signedCount(route.growth()),
          Sizes.count(route.before()), Sizes.count(g.count()), Sizes.bytes(g.bytes()), g.rootKind(), g.depthText());
      PathsReport.printHops(out, g.hops(), options.depth.maxDepth, "      ");
    }
    if (routes.size() < p.groups().size()) {
      out.printf("  %d more group(s)%s%n", p.groups().size() - routes.size(), routes.size() < options.chains ? " that do not grow" : "");
    }
    if (!r.holds().isEmpty()) {
      out.println("  holds these suspects too (they leak because it does):");
      for (ClassSeries h : r.holds()) {
        out.println("    " + Findings.suspectLine(h, result.facts(h.name())));
      }
    }
  }

  /** The routes to show: those that grew, fastest first, up to --chains; the biggest one when none grew. */
  private List<SuspectHolders.Route> shownRoutes(SuspectHolders.Holder h) {
    List<SuspectHolders.Route> grew = h.routes().stream().filter(r -> r.growth() > 0).limit(Math.max(1, options.chains)).toList();
    return grew.isEmpty() ? h.routes().stream().limit(1).toList() : grew;
  }

  /** The HTML page: the finding, the plots, the process, the chains of the roots of the leak drawn, every class. */
  private HtmlReport html(HuntResult r) {
    Comparison c = r.comparison();
    HtmlReport page = new HtmlReport("leakdiff run: " + r.spec().scenarioName(), "dumps after "
        + Arrays.stream(c.iterations()).mapToObj(Sizes::count).collect(Collectors.joining(", ")) + " iterations (warm-up "
        + Sizes.count(r.spec().warmup()) + ")" + (r.directory() == null ? "; the dumps were deleted" : "; dumps in " + r.directory()));
    List<String> more = new java.util.ArrayList<>(r.process().warnings());
    c.loaderGrowth().forEach(s -> more.add(ComparisonReport.loaderLine(s)));
    more.addAll(Findings.outsideExplained(r));
    more.addAll(Findings.lateLines(r));
    page.findings("The finding", Findings.leakLines(r), more);
    page.growth(c, r.roots().stream().map(root -> root.series().name()).toList());
    page.process(r.process());
    if (!r.roots().isEmpty()) {
      List<HtmlReport.Chain> chains = new java.util.ArrayList<>();
      List<String> notes = new java.util.ArrayList<>();
      for (LeakRoot root : r.roots()) {
        shownRoutes(root.holder()).forEach(route -> chains.add(new HtmlReport.Chain(route.group(), route.before())));
        if (!root.holds().isEmpty()) {
          notes.add(root.series().name() + " holds " + root.holds().size() + " more suspect class(es), which leak because it does: "
              + root.holds().stream().map(ClassSeries::name).collect(Collectors.joining(", ")));
        }
      }
      page.chains("Who holds the leak", "Chains from GC roots in " + r.lastDumpName() + " to each suspect at the root of the leak,"
          + " the fastest-growing first, growth counted since " + r.previousDumpName() + ".", chains,
          r.suspects().stream().map(ClassSeries::name).collect(Collectors.toSet()), "a leak suspect", options.depth.maxDepth, notes);
    }
    return page.table(c);
  }

  private JsonDocs.Run json(HuntResult r, List<ClassSeries> rows) {
    Map<String, ClassSeries> series = new HashMap<>();
    r.suspects().forEach(s -> series.put(s.name(), s));
    List<JsonDocs.Holder> holders = r.holders().stream()
        .map(h -> JsonDocs.Holder.of(h, series.get(h.className()), r.facts(h.className()), shownRoutes(h))).toList();
    return new JsonDocs.Run(JsonDocs.SCHEMA_VERSION, r.spec().scenarioName(), r.comparison().iterations(), r.spec().warmup(),
        r.directory() == null ? null : r.directory().toString(), JsonDocs.Stage.of(r.process()), r.process().warnings(),
        JsonDocs.ProcessVerdicts.of(r.process()), JsonDocs.Compare.of(r.comparison(), r.histograms(), rows, null), holders,
        r.roots().stream().map(root -> JsonDocs.Root.of(root, r)).toList(), JsonDocs.Threads.of(r.threadLeak()),
        r.clearable().stream().map(JsonDocs.Series::of).toList(), Findings.leakLines(r));
  }
}
