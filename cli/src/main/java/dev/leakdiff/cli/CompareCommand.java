package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.SeriesDiff;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.hunt.Iterations;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.analysis.Analysis;
import dev.leakdiff.hunt.analysis.DumpReader;
import dev.leakdiff.hunt.analysis.HuntResult;
import dev.leakdiff.hunt.analysis.DumpRef;
import dev.leakdiff.hunt.analysis.ProcessGrowth;
import dev.leakdiff.hunt.analysis.SeriesCheck;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.findings.CannotJudge;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.words.FindingsJson;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** leakdiff compare: per-class growth across a series of dumps, with a verdict per class. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Per-class growth across heap dumps taken after more and more iterations of an operation.",
        "With --iterations each class gets a verdict: leak, superlinear, grows, late, init, stable or shrinks."},
    footer = {"%nExamples:%n  leakdiff compare --iterations 1,10,100 after1.hprof after10.hprof \\",
        "      after100.hprof",
        "  leakdiff compare --iterations 0,1,10,100 --fail-on-leak \\",
        "      base.hprof a.hprof b.hprof c.hprof",
        "  leakdiff compare leakdiff-captures",
        "  leakdiff compare several-dumps.hprof"})
final class CompareCommand implements Callable<Integer> {
  private final Words words;

  CompareCommand(Words words) {
    this.words = words;
  }

  @Spec
  CommandSpec spec;

  @Mixin
  Options.TableJsonCsv format;

  @Mixin
  Options.Verdicts report;

  @Parameters(arity = "1..*", paramLabel = "DUMP",
      description = "Two or more dumps in the order they were taken (FILE#N picks one dump of a file); one file holding several dumps compares them in order.")
  List<String> dumps;

  @Option(names = "--iterations", split = ",", paramLabel = "COUNTS", hideParamSyntax = true,
      description = "Iterations run before each dump, one count per dump, increasing (0 for a baseline), e.g. 1,10,100.")
  long[] iterations;


  @Option(names = "--paths", description = "On a capture directory: also who holds the leak suspects (their chains from GC"
      + " roots in the last two captures) and the cause, as run reports them; reads each dump's object graph.")
  boolean paths;

  @Mixin
  Options.Depth depth;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Options.Format f = format.format;
    report.html.check();
    boolean directory = dumps.size() == 1 && java.nio.file.Files.isDirectory(java.nio.file.Path.of(dumps.get(0)));
    if (paths && format.format != Options.Format.table) {
      throw new LeakdiffException(Kind.USAGE, "--paths goes with the table format");
    }
    if (paths && !directory) {
      throw new LeakdiffException(Kind.USAGE, "--paths reads a capture directory (dumps with their sidecars); for other"
          + " dumps: leakdiff paths --type CLASS --baseline EARLIER LATER");
    }
    CliReporter reporter = new CliReporter(err, words);
    DumpReader loader = new DumpReader(reporter, report.layout.layout());
    List<SeriesCheck.Dump> series = new ArrayList<>();
    List<Capture> captures = null;
    long[] recorded = null;
    if (directory) {
      java.nio.file.Path dir = java.nio.file.Path.of(dumps.get(0));
      captures = Capture.in(dir);
      if (captures.size() < 2) {
        throw new LeakdiffException(Kind.USAGE, dir + ": holds " + captures.size() + " capture(s) (LABEL.hprof with LABEL.json);"
            + " compare needs two or more");
      }
      for (Capture c : captures) {
        DumpRef ref = new DumpRef(c.dump(), null);
        series.add(new SeriesCheck.Dump(c.dump().getFileName().toString(), ref, loader.one(ref), c.facts()));
      }
      if (captures.stream().allMatch(c -> c.iteration() != null)) {
        recorded = captures.stream().mapToLong(Capture::iteration).toArray();
        iterations = iterations == null ? recorded : iterations;
      }
    } else if (dumps.size() == 1) {
      DumpRef ref = DumpRef.parse(dumps.get(0));
      List<ClassHistogram> all = loader.all(ref.file());
      if (all.size() < 2) {
        throw new LeakdiffException(Kind.USAGE, ref.file() + " holds one heap dump; compare needs two or more dumps");
      }
      for (ClassHistogram h : all) {
        series.add(new SeriesCheck.Dump(ref.file() + "#" + h.dumpIndex(), new DumpRef(ref.file(), h.dumpIndex()), h, null));
      }
    } else {
      for (String d : dumps) {
        DumpRef ref = DumpRef.parse(d);
        series.add(new SeriesCheck.Dump(ref.label(), ref, loader.one(ref), null));
      }
    }
    List<ClassHistogram> histograms = series.stream().map(SeriesCheck.Dump::histogram).toList();
    if (iterations != null) {
      Iterations.check(iterations, histograms.size());
    }
    List<CannotJudge> unjudged = SeriesCheck.of(series, iterations, recorded);
    unjudged.forEach(u -> reporter.warn(words.finding(u)));
    VerdictRule rule = report.rule.rule();
    Comparison c = SeriesDiff.compare(series.stream().map(SeriesCheck.Dump::label).toList(), histograms, iterations, rule);
    List<ClassSeries> shown = ComparisonReport.shown(c, report.rows.top, report.rows.all);
    ProcessGrowth growth = captures == null ? null : ProcessGrowth.of(captures, c.iterations());
    List<Finding> found = ComparisonReport.findings(c, growth, unjudged);
    ComparisonReport tables = new ComparisonReport(words);
    switch (f) {
      case json -> Json.print(out, new JsonDocs(new FindingsJson(words)).compare(c, histograms, shown, growth, found));
      case csv -> tables.csv(out, c, shown);
      default -> {
        tables.table(out, c, histograms, shown, found);
        if (growth != null) {
          new ProcessReport(words).print(out, growth);
        }
        if (paths && c.iterations() != null) {
          List<Finding> all = new ArrayList<>(holders(out, loader, captures, c.iterations()));
          all.addAll(unjudged);
          found = all;
        } else if (!paths) {
          tables.nextStep(out, c, series.size() < 2 ? null : series.get(series.size() - 2).ref().label(),
              series.get(series.size() - 1).ref().label(), directory ? java.nio.file.Path.of(dumps.get(0)) : null);
        }
      }
    }
    out.flush();
    List<Finding> judged = found;
    report.html.write(reporter, () -> tables.html(c, growth, judged));
    return report.failOnLeak.exitCode(found);
  }

  /**
   * Who holds the suspects, read as run reads them (instances held through strong references, chains in the last two
   * dumps), and the findings that follow, printed; returns the findings, the gate's too.
   */
  private List<Finding> holders(PrintWriter out, DumpReader loader, List<Capture> captures, long[] counts) {
    Analysis a = new Analysis(loader, new Analysis.Options(report.rule.rule(), report.layout.layout(), java.util.Set.of()));
    captures.forEach(a::add);
    java.nio.file.Path dir = java.nio.file.Path.of(dumps.get(0));
    HuntResult r = a.result(dir.toString(), counts, 0, counts, dir, captures);
    new HoldersReport(out, words, 3, depth.maxDepth).print(r);
    out.println();
    List<Finding> leaks = r.leakFindings();
    if (leaks.isEmpty()) {
      out.println(words.noLeak());
    }
    leaks.forEach(f -> out.println(words.finding(f)));
    return r.findings();
  }
}
