package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.analysis.HuntResult;
import dev.leakdiff.hunt.findings.ClearableCache;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.findings.Held;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.scenario.HuntSpec;
import dev.leakdiff.hunt.scenario.LeakHunt;
import dev.leakdiff.hunt.words.FindingsJson;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The report of run and demo: the verdict table, the process at each stage, who holds each suspect, the findings. */
final class HuntReport {
  private final PrintWriter out;
  private final RunOptions options;
  private final Words words;

  private HuntReport(PrintWriter out, RunOptions options, Words words) {
    this.out = out;
    this.options = options;
    this.words = words;
  }

  /** Runs the hunt, prints its report as the options ask, and returns the exit code. */
  static int print(CommandLine cl, RunOptions options, HuntSpec spec, Words words) {
    options.report.html.check();
    CliReporter reporter = new CliReporter(cl.getErr(), words);
    HuntResult r = new LeakHunt(reporter).hunt(spec);
    PrintWriter out = cl.getOut();
    HuntReport report = new HuntReport(out, options, words);
    List<ClassSeries> rows = ComparisonReport.shown(r.comparison(), options.report.rows.top, options.report.rows.all);
    if (options.format.format == Options.Format.json) {
      Json.print(out, new JsonDocs(new FindingsJson(words)).run(r, rows, r.holders(), options.chains));
    } else {
      report.text(r, rows);
    }
    out.flush();
    options.report.html.write(reporter, () -> report.html(r));
    return options.report.failOnLeak.exitCode(r.findings());
  }

  private String iterations(HuntResult r) {
    return Arrays.stream(r.comparison().iterations()).mapToObj(words::count).collect(Collectors.joining(", "));
  }

  private void text(HuntResult r, List<ClassSeries> rows) {
    Comparison c = r.comparison();
    out.printf("leakdiff run: %s, dumps after %s iterations (warm-up %s%s)%n%n", r.subject(), iterations(r),
        words.count(r.warmup()), r.stageAdded() ? "; the last stage added: something grew in the one before alone, or grew more slowly" : "");
    new ComparisonReport(words).table(out, c, r.histograms(), rows, false);
    out.println("Counts are of instances held through strong references: what the GC may clear is left out.");
    r.clearable().forEach(s -> out.println(words.finding(new ClearableCache(s))));
    r.late().forEach(l -> out.println(words.finding(l)));
    out.println();
    out.println("The process at each stage:");
    new ProcessReport(words).table(out, r.process(), true);
    List<? extends Finding> outside = r.process().findings();
    if (outside.isEmpty()) {
      out.println("Threads, RSS, buffer pools and native memory do not grow with the iterations beyond what the heap explains.");
    }
    outside.forEach(f -> out.println(words.finding(f)));
    if (r.heldOffHeap() != null) {
      out.println(words.finding(r.heldOffHeap()));
    }
    new HoldersReport(out, words, options.chains, options.depth.maxDepth).print(r);
    out.println();
    out.println(r.directory() == null ? "The dumps were deleted (--no-keep)." : "Dumps, sidecars and the scenario's log are in "
        + r.directory() + " (leakdiff compare and paths read them).");
    List<Finding> leaks = r.leakFindings();
    if (leaks.isEmpty()) {
      out.println(words.noLeak());
    }
    leaks.forEach(f -> out.println(words.finding(f)));
    r.bounded().stream().filter(b -> !b.leak()).forEach(b -> out.println(words.finding(b)));
  }

  /** The HTML page: the findings, the plots, the process, the chains of the leaks drawn, every class. */
  private HtmlReport html(HuntResult r) {
    Comparison c = r.comparison();
    HtmlReport page = new HtmlReport(words, "leakdiff run: " + r.subject(), "dumps after " + iterations(r) + " iterations (warm-up "
        + words.count(r.warmup()) + ")" + (r.directory() == null ? "; the dumps were deleted" : "; dumps in " + r.directory()));
    List<Finding> more = new ArrayList<>(r.process().findings());
    c.loaderGrowth().forEach(s -> more.add(new dev.leakdiff.hunt.findings.LoaderGrowth(s)));
    if (r.heldOffHeap() != null) {
      more.add(r.heldOffHeap());
    }
    more.addAll(r.late());
    r.bounded().stream().filter(b -> !b.leak()).forEach(more::add);
    page.findings("The finding", r.leakFindings(), more);
    // the answer first: who holds the leak, then the plots (each root's, with what it alone holds folded under it)
    if (!r.leaks().isEmpty()) {
      List<HtmlReport.Chain> chains = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      for (Leak leak : r.leaks()) {
        HoldersReport.shownRoutes(r.holder(leak.className()), options.chains)
            .forEach(route -> chains.add(new HtmlReport.Chain(route.group(), route.before())));
        if (!leak.holds().isEmpty()) {
          notes.add(leak.className() + " holds " + leak.holds().size() + " more suspect class(es), which leak because it does: "
              + leak.holds().stream().map(Held::name).collect(Collectors.joining(", ")));
        }
      }
      page.chains("Who holds the leak", "Chains from GC roots in " + r.lastDumpName() + " to each suspect at the root of the leak,"
          + " the fastest-growing first, growth counted since " + r.previousDumpName() + ".", chains,
          r.suspects().stream().map(ClassSeries::name).collect(Collectors.toSet()), "a leak suspect", options.depth.maxDepth, notes);
    }
    Map<String, List<String>> heldBy = new LinkedHashMap<>();
    for (Leak leak : r.leaks()) {
      heldBy.put(leak.className(), leak.holds().stream().filter(h -> h.role() == Held.Role.HELD).map(Held::name).toList());
    }
    page.growth(c, r.leaks().stream().map(Leak::className).toList(), heldBy);
    page.process(r.process());
    return page.table(c);
  }
}
