package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Comparison;
import dev.leakdiff.diff.Sizes;
import dev.leakdiff.hunt.Findings;
import dev.leakdiff.hunt.ProcessGrowth;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The report of a comparison, shared by compare and run: the tables and the CSV. */
final class ComparisonReport {
  private ComparisonReport() {}

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

  static void table(PrintWriter out, Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows) {
    table(out, c, hs, rows, true);
  }

  /** The dumps, then one row per class; then, when listSuspects, the suspects again with their growth per iteration. */
  static void table(PrintWriter out, Comparison c, List<ClassHistogram> hs, List<ClassSeries> rows, boolean listSuspects) {
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
        cells.add(s.verdict().suspect ? Findings.perIteration(s) : "");
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
    } else if (!listSuspects) {
      out.printf("Leak suspects: %d classes grow in proportion to the iterations%n", suspects.size());
    } else {
      out.printf("Leak suspects (%d): classes whose instances grow in proportion to the iterations%n", suspects.size());
      for (ClassSeries s : suspects) {
        out.println("  " + Findings.suspectLine(s));
      }
      out.println("(These count every instance in the dumps; leakdiff run counts only those held through strong references.)");
    }
    for (ClassSeries s : c.loaderGrowth()) {
      out.println(loaderLine(s));
    }
  }

  static String loaderLine(ClassSeries s) {
    return String.format("Class loader growth: %s is loaded by more and more class loaders (%s)", s.name(), loaders(s));
  }

  /** compare's HTML page: the suspects, their plots, the process (compare DIR), every class. */
  static HtmlReport html(Comparison c, ProcessGrowth growth) {
    HtmlReport page = new HtmlReport("leakdiff compare", "dumps: " + String.join(", ", c.labels())
        + (c.iterations() == null ? "" : "; iterations " + java.util.Arrays.stream(c.iterations()).mapToObj(Sizes::count)
            .collect(java.util.stream.Collectors.joining(", "))));
    List<String> lines = new ArrayList<>();
    if (c.iterations() == null) {
      lines.add("Give --iterations (one count per dump, e.g. 1,10,100) for a verdict per class.");
    } else if (c.suspects().isEmpty()) {
      lines.add("No leak suspects: no class grows in proportion to the iterations.");
    } else {
      lines.add(String.format("Leak suspects (%d): classes whose instances grow in proportion to the iterations", c.suspects().size()));
      c.suspects().forEach(s -> lines.add(Findings.suspectLine(s)));
    }
    List<String> more = new ArrayList<>(c.loaderGrowth().stream().map(ComparisonReport::loaderLine).toList());
    if (growth != null) {
      more.addAll(growth.warnings());
    }
    page.findings("The finding", lines, more).growth(c, List.of());
    if (growth != null) {
      page.process(growth);
    }
    return page.table(c);
  }

  static String loaders(ClassSeries s) {
    StringBuilder sb = new StringBuilder("classes: ");
    for (int i = 0; i < s.classCounts().length; i++) {
      sb.append(i == 0 ? "" : " -> ").append(s.classCounts()[i]);
    }
    return sb.toString();
  }

  static void csv(PrintWriter out, Comparison c, List<ClassSeries> rows) {
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
