package dev.leakdiff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.SeriesDiff;
import dev.leakdiff.diff.VerdictRule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        "With --iterations each class gets a verdict: leak, superlinear, grows, init, stable or shrinks."},
    footer = {"%nExamples:%n  leakdiff compare --iterations 1,10,100 after1.hprof after10.hprof after100.hprof",
        "  leakdiff compare --iterations 0,1,10,100 --fail-on-leak base.hprof a.hprof b.hprof c.hprof",
        "  leakdiff compare several-dumps.hprof"})
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Parameters(arity = "1..*", paramLabel = "DUMP",
      description = "Two or more dumps in the order they were taken (FILE#N picks one dump of a file); one file holding several dumps compares them in order.")
  List<String> dumps;

  @Option(names = "--iterations", split = ",", paramLabel = "N",
      description = "Iterations run before each dump, one count per dump, increasing (0 for a baseline), e.g. 1,10,100.")
  long[] iterations;

  @Option(names = "--fail-on-leak", description = "Exit with code 3 when a class is a leak suspect (for CI).")
  boolean failOnLeak;

  @Option(names = "--all", description = "Show every class, also those that did not change.")
  boolean all;

  @Option(names = "--noise", defaultValue = "5", paramLabel = "OBJECTS",
      description = "A change of at most this many objects between two dumps is noise (default ${DEFAULT-VALUE}).")
  long noise;

  @Option(names = "--noise-fraction", defaultValue = "0.001", paramLabel = "F",
      description = "... or of at most this fraction of the class's count (default ${DEFAULT-VALUE}).")
  double noiseFraction;

  @Option(names = "--min-rate", defaultValue = "0.5", paramLabel = "R",
      description = "A class grows only if it adds at least R objects per iteration in the last interval (default ${DEFAULT-VALUE}).")
  double minRate;

  @Option(names = "--tolerance", defaultValue = "0.5", paramLabel = "T",
      description = "How far (relative) an interval's growth may stray from the steady rate and still be a leak (default ${DEFAULT-VALUE}).")
  double tolerance;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DumpLoader loader = new DumpLoader(err, common.layout());
    List<String> labels = new ArrayList<>();
    List<ClassHistogram> histograms = new ArrayList<>();
    List<Captures.Capture> captures = null;
    if (dumps.size() == 1 && java.nio.file.Files.isDirectory(java.nio.file.Path.of(dumps.get(0)))) {
      java.nio.file.Path dir = java.nio.file.Path.of(dumps.get(0));
      captures = Captures.in(dir);
      if (captures.size() < 2) {
        throw new UserError(ExitCodes.USAGE, dir + ": holds " + captures.size() + " capture(s) (LABEL.hprof with LABEL.json);"
            + " compare needs two or more");
      }
      for (Captures.Capture c : captures) {
        histograms.add(loader.one(new DumpRef(c.dump(), null)));
        labels.add(c.dump().getFileName().toString());
      }
      if (iterations == null && captures.stream().allMatch(c -> c.iteration() != null)) {
        iterations = captures.stream().mapToLong(Captures.Capture::iteration).toArray();
      }
    } else if (dumps.size() == 1) {
      DumpRef ref = DumpRef.parse(dumps.get(0));
      histograms.addAll(loader.all(ref.file()));
      if (histograms.size() < 2) {
        throw new UserError(ExitCodes.USAGE, ref.file() + " holds one heap dump; compare needs two or more dumps");
      }
      for (ClassHistogram h : histograms) {
        labels.add(ref.file() + "#" + h.dumpIndex());
      }
    } else {
      for (String d : dumps) {
        DumpRef ref = DumpRef.parse(d);
        histograms.add(loader.one(ref));
        labels.add(ref.label());
      }
    }
    if (iterations != null && iterations.length != histograms.size()) {
      throw new UserError(ExitCodes.USAGE, "--iterations gives " + iterations.length + " counts for " + histograms.size() + " dumps");
    }
    if (iterations != null) {
      for (int i = 1; i < iterations.length; i++) {
        if (iterations[i] <= iterations[i - 1] || iterations[0] < 0) {
          throw new UserError(ExitCodes.USAGE, "--iterations must be 0 or more and increase from one dump to the next");
        }
      }
    }
    VerdictRule rule = new VerdictRule(noise, noiseFraction, minRate, tolerance);
    Comparison c = SeriesDiff.compare(labels, histograms, iterations, rule);
    List<ClassSeries> rows = shown(c);
    ProcessGrowth growth = captures == null ? null : ProcessGrowth.of(captures, c.iterations());
    switch (common.format) {
      case json -> json(out, c, histograms, rows, growth);
      case csv -> csv(out, c, rows);
      default -> {
        table(out, c, histograms, rows);
        if (growth != null) {
          growth.print(out);
        }
      }
    }
    out.flush();
    return failOnLeak && !c.suspects().isEmpty() ? ExitCodes.LEAK_FOUND : ExitCodes.OK;
  }

  /** Suspects first, then the classes that changed most, up to --top; every class with --all. */
  private List<ClassSeries> shown(Comparison c) {
    Set<ClassSeries> rows = new LinkedHashSet<>(c.suspects());
    List<ClassSeries> changed = c.classes().stream()
        .filter(s -> all || s.instanceGrowth() != 0 || s.byteGrowth() != 0 || changedInBetween(s))
        .toList();
    rows.addAll(changed.subList(0, common.limit(changed.size())));
    rows.addAll(c.loaderGrowth());
    return new ArrayList<>(rows);
  }

  private static boolean changedInBetween(ClassSeries s) {
    for (long v : s.instances()) {
      if (v != s.instances()[0]) {
        return true;
      }
    }
    return false;
  }

  private String column(Comparison c, int i) {
    return c.iterations() == null ? "#" + (i + 1) : "@" + c.iterations()[i];
  }

  private void table(PrintWriter out, Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows) {
    int n = hs.size();
    Table dumpsTable = new Table("DUMP", ">ITERATIONS", ">OBJECTS", ">BYTES", "FILE");
    for (int i = 0; i < n; i++) {
      dumpsTable.row(column(c, i), c.iterations() == null ? "-" : Sizes.count(c.iterations()[i]),
          Sizes.count(c.totalObjects()[i]), Sizes.bytes(c.totalBytes()[i]), c.labels().get(i));
    }
    dumpsTable.print(out);
    out.printf("objects: %s (%s); object layout %s%n%n", Sizes.signedCount(c.totalObjects()[n - 1] - c.totalObjects()[0]),
        "last minus first", hs.get(n - 1).layout().describe());

    List<String> headers = new ArrayList<>();
    boolean verdicts = c.iterations() != null;
    if (verdicts) {
      headers.add("VERDICT");
    }
    for (int i = 0; i < n; i++) {
      headers.add(">" + column(c, i));
    }
    for (int i = 0; i < n; i++) {
      headers.add(">BYTES" + column(c, i));
    }
    headers.add(">+OBJECTS");
    headers.add(">+BYTES");
    if (verdicts) {
      headers.add(">PER ITERATION");
    }
    headers.add("CLASS");
    Table t = new Table(headers.toArray(new String[0]));
    for (ClassSeries s : rows) {
      List<String> cells = new ArrayList<>();
      if (verdicts) {
        cells.add(s.verdict().word());
      }
      for (long v : s.instances()) {
        cells.add(Sizes.count(v));
      }
      for (long v : s.bytes()) {
        cells.add(Sizes.bytes(v));
      }
      cells.add(Sizes.signedCount(s.instanceGrowth()));
      cells.add(Sizes.signedBytes(s.byteGrowth()));
      if (verdicts) {
        cells.add(s.verdict().suspect ? perIteration(s) : "");
      }
      cells.add(s.name() + (s.loadedMoreThanOnce() ? "  [" + loaders(s) + "]" : ""));
      t.row(cells.toArray(new String[0]));
    }
    t.print(out);
    out.println();
    if (!verdicts) {
      out.println("Give --iterations (one count per dump, e.g. 1,10,100) for a verdict per class.");
      return;
    }
    List<ClassSeries> suspects = c.suspects();
    if (suspects.isEmpty()) {
      out.println("No leak suspects: no class grows in proportion to the iterations.");
    } else {
      out.printf("Leak suspects (%d): classes whose instances grow in proportion to the iterations%n", suspects.size());
      for (ClassSeries s : suspects) {
        out.printf("  %-11s %s%n", s.verdict().word(), s.name() + ": " + perIteration(s));
      }
    }
    for (ClassSeries s : c.loaderGrowth()) {
      out.printf("Class loader growth: %s is loaded by more and more class loaders (%s)%n", s.name(), loaders(s));
    }
  }

  private static String perIteration(ClassSeries s) {
    return "+" + Sizes.rate(s.instancesPerIteration()) + " obj, " + Sizes.signedBytes(Math.round(s.bytesPerIteration()));
  }

  private static String loaders(ClassSeries s) {
    StringBuilder sb = new StringBuilder("classes: ");
    for (int i = 0; i < s.classCounts().length; i++) {
      sb.append(i == 0 ? "" : " -> ").append(s.classCounts()[i]);
    }
    return sb.toString();
  }

  private void json(PrintWriter out, Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows, ProcessGrowth growth) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schemaVersion", Json.SCHEMA_VERSION);
    ArrayNode ds = root.putArray("dumps");
    for (int i = 0; i < hs.size(); i++) {
      ObjectNode d = Json.dump(hs.get(i), c.labels().get(i));
      if (c.iterations() != null) {
        d.put("iterations", c.iterations()[i]);
      }
      ds.add(d);
    }
    VerdictRule r = c.rule();
    ObjectNode rule = root.putObject("rule");
    rule.put("noiseObjects", r.noiseObjects());
    rule.put("noiseFraction", r.noiseFraction());
    rule.put("minRate", r.minRate());
    rule.put("rateTolerance", r.rateTolerance());
    ArrayNode classes = root.putArray("classes");
    for (ClassSeries s : rows) {
      ObjectNode n = classes.addObject();
      n.put("name", s.name());
      if (s.verdict() != null) {
        n.put("verdict", s.verdict().word());
        n.put("suspect", s.verdict().suspect);
        n.put("instancesPerIteration", s.instancesPerIteration());
        n.put("bytesPerIteration", s.bytesPerIteration());
      }
      n.set("instances", Json.MAPPER.valueToTree(s.instances()));
      n.set("bytes", Json.MAPPER.valueToTree(s.bytes()));
      n.set("classCounts", Json.MAPPER.valueToTree(s.classCounts()));
      n.put("loaderGrowth", s.loaderGrowth());
    }
    root.set("suspects", Json.MAPPER.valueToTree(c.suspects().stream().map(ClassSeries::name).toList()));
    if (growth != null) {
      root.set("process", growth.json());
    }
    Json.print(out, root);
  }

  private void csv(PrintWriter out, Comparison c, List<ClassSeries> rows) {
    int n = c.labels().size();
    StringBuilder h = new StringBuilder("class,verdict");
    for (int i = 0; i < n; i++) {
      h.append(",instances_").append(i);
    }
    for (int i = 0; i < n; i++) {
      h.append(",bytes_").append(i);
    }
    h.append(",instances_per_iteration,bytes_per_iteration");
    out.println(h);
    for (ClassSeries s : rows) {
      StringBuilder sb = new StringBuilder(Csv.quote(s.name())).append(',');
      sb.append(s.verdict() == null ? "" : s.verdict().word());
      for (long v : s.instances()) {
        sb.append(',').append(v);
      }
      for (long v : s.bytes()) {
        sb.append(',').append(v);
      }
      sb.append(',').append(s.verdict() == null ? "" : String.format(Locale.ROOT, "%.3f", s.instancesPerIteration()));
      sb.append(',').append(s.verdict() == null ? "" : String.format(Locale.ROOT, "%.1f", s.bytesPerIteration()));
      out.println(sb);
    }
  }

}
