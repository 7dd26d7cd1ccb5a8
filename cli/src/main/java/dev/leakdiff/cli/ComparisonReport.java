package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.hunt.analysis.ProcessGrowth;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.hunt.findings.CannotJudge;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.findings.LateGrowth;
import dev.leakdiff.hunt.findings.LoaderGrowth;
import dev.leakdiff.hunt.findings.Suspect;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The report of a comparison, shared by compare and run: the tables and the CSV. */
final class ComparisonReport {
  private final Words words;

  ComparisonReport(Words words) {
    this.words = words;
  }

  /**
   * The findings of a comparison: what keeps the series from a verdict, each suspect, each class that grew in the last
   * interval alone, each class loaded by more and more loaders, growth outside the heap.
   */
  static List<Finding> findings(Comparison c, ProcessGrowth growth, List<CannotJudge> unjudged) {
    List<Finding> out = new ArrayList<>(unjudged);
    c.suspects().forEach(s -> out.add(new Suspect(s)));
    long[] its = c.iterations();
    for (ClassSeries s : c.classes()) {
      if (s.verdict() == Verdict.LATE) {
        out.add(new LateGrowth(s, its[its.length - 2], its[its.length - 1]));
      }
    }
    c.loaderGrowth().forEach(s -> out.add(new LoaderGrowth(s)));
    if (growth != null) {
      out.addAll(growth.findings());
    }
    return out;
  }

  /** Suspects first, then the classes that changed most, up to --top; every class with --all. */
  static List<ClassSeries> shown(Comparison c, int top, boolean all) {
    Set<ClassSeries> rows = new LinkedHashSet<>(c.suspects());
    List<ClassSeries> changed = c.classes().stream()
        .filter(s -> all || s.instanceGrowth() != 0 || s.byteGrowth() != 0 || changedInBetween(s))
        .toList();
    rows.addAll(changed.subList(0, top <= 0 || all ? changed.size() : Math.min(top, changed.size())));
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

  private static String column(Comparison c, int i) {
    return c.iterations() == null ? "#" + (i + 1) : "@" + c.iterations()[i];
  }

  /**
   * compare's report: the dumps, one row per class, the suspects again with their growth per iteration, the classes
   * that grew late, and what keeps the series from a verdict.
   */
  void table(PrintWriter out, Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows, List<Finding> found) {
    table(out, c, hs, rows, true);
    found.stream().filter(f -> f instanceof LateGrowth || f instanceof CannotJudge).forEach(f -> out.println(words.finding(f)));
  }

  /** The dumps, then one row per class; then, when listSuspects, the suspects again with their growth per iteration. */
  void table(PrintWriter out, Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows, boolean listSuspects) {
    int n = hs.size();
    Table dumpsTable = new Table("DUMP", ">ITERATIONS", ">OBJECTS", ">BYTES", "FILE");
    for (int i = 0; i < n; i++) {
      dumpsTable.row(column(c, i), c.iterations() == null ? "-" : words.count(c.iterations()[i]),
          words.count(c.totalObjects()[i]), words.bytes(c.totalBytes()[i]), c.labels().get(i));
    }
    dumpsTable.print(out);
    out.printf("objects: %s (%s); object layout %s%n%n", words.signedCount(c.totalObjects()[n - 1] - c.totalObjects()[0]),
        "last minus first", words.layout(hs.get(n - 1).layout()));

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
        cells.add(words.verdict(s.verdict()));
      }
      for (long v : s.instances()) {
        cells.add(words.count(v));
      }
      for (long v : s.bytes()) {
        cells.add(words.bytes(v));
      }
      cells.add(words.signedCount(s.instanceGrowth()));
      cells.add(words.signedBytes(s.byteGrowth()));
      if (verdicts) {
        cells.add(s.verdict().suspect ? words.perIteration(s) : "");
      }
      cells.add(s.name() + (s.loadedMoreThanOnce() ? "  [" + words.classCounts(s) + "]" : ""));
      t.row(cells.toArray(new String[0]));
    }
    t.print(out);
    out.println();
    if (!verdicts) {
      return; // the finding that the series cannot be judged says what to give
    }
    List<ClassSeries> suspects = c.suspects();
    if (suspects.isEmpty()) {
      out.println("No leak suspects: no class grows in proportion to the iterations.");
    } else if (!listSuspects) {
      out.printf("Leak suspects: %d classes grow in proportion to the iterations%n", suspects.size());
    } else {
      out.printf("Leak suspects (%d): classes whose instances grow in proportion to the iterations%n", suspects.size());
      for (ClassSeries s : suspects) {
        out.println("  " + words.finding(new Suspect(s)));
      }
      out.println("(These count every instance in the dumps; leakdiff run counts only those held through strong references.)");
    }
    for (ClassSeries s : c.loaderGrowth()) {
      out.println(words.finding(new LoaderGrowth(s)));
    }
  }

  /**
   * The next step after the suspects: the one most likely to hold the others, and the command that shows its chains
   * (before and last: the last two dumps, as paths reads them); on a capture directory, compare --paths for them all.
   */
  void nextStep(PrintWriter out, Comparison c, String before, String last, Path captureDir) {
    if (c.iterations() == null || c.suspects().isEmpty()) {
      return;
    }
    ClassSeries root = likelyRoot(c.suspects());
    out.printf("%nLikely cause: %s (%s per iteration): of the suspects, %s; what the others are may be what it holds.%n",
        root.name(), words.perIteration(root), isOwn(root.name()) ? "the program's own class that grows the least"
            : "the class that grows the least");
    out.printf("Its chains from GC roots, ranked by their growth: leakdiff paths --type %s --baseline %s %s%n", root.name(),
        before, last);
    if (captureDir != null) {
      boolean recorded = java.nio.file.Files.isRegularFile(dev.leakdiff.hunt.capture.AllocationRecording.of(captureDir.resolve(last)))
          || java.nio.file.Files.isRegularFile(dev.leakdiff.hunt.capture.AllocationRecording.of(Path.of(last)));
      out.printf("Every leak's chains and its cause%s, as run gives them: leakdiff compare --paths %s%n",
          recorded ? ", with where its objects were created (the allocation recordings beside the dumps)" : "", captureDir);
    }
  }

  /**
   * The suspect most likely to hold the others, from the counts alone (the chains tell for sure): a class of the
   * program's own rather than the JDK's or an array, the fewest new instances per iteration (a leak adds a holder and
   * the many things it holds), then the most bytes.
   */
  static ClassSeries likelyRoot(List<ClassSeries> suspects) {
    List<ClassSeries> own = suspects.stream().filter(s -> isOwn(s.name())).toList();
    return (own.isEmpty() ? suspects : own).stream()
        .min(java.util.Comparator.comparingDouble(ClassSeries::instancesPerIteration)
            .thenComparing(java.util.Comparator.comparingDouble(ClassSeries::bytesPerIteration).reversed()))
        .orElseThrow();
  }

  private static boolean isOwn(String name) {
    return !(name.endsWith("[]") || name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun."));
  }

  /** compare's HTML page: the suspects, their plots, the process (compare DIR), every class. */
  HtmlReport html(Comparison c, ProcessGrowth growth, List<Finding> found) {
    HtmlReport page = new HtmlReport(words, "leakdiff compare", "dumps: " + String.join(", ", c.labels())
        + (c.iterations() == null ? "" : "; iterations " + java.util.Arrays.stream(c.iterations()).mapToObj(words::count)
            .collect(java.util.stream.Collectors.joining(", "))));
    String lead = c.iterations() == null ? "Give --iterations (one count per dump, e.g. 1,10,100) for a verdict per class."
        : c.suspects().isEmpty() ? "No leak suspects: no class grows in proportion to the iterations."
        : String.format("Leak suspects (%d): classes whose instances grow in proportion to the iterations", c.suspects().size());
    page.findings("The finding", List.of(lead), found.stream().filter(Finding::leak).toList(),
        found.stream().filter(f -> !f.leak()).toList()).growth(c, List.of());
    if (growth != null) {
      page.process(growth);
    }
    return page.table(c);
  }

  void csv(PrintWriter out, Comparison c, List<ClassSeries> rows) {
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
      sb.append(s.verdict() == null ? "" : dev.leakdiff.hunt.words.FindingsJson.word(s.verdict()));
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
