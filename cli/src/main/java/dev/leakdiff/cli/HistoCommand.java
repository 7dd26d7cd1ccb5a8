package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassStat;
import dev.leakdiff.hunt.analysis.DumpReader;
import dev.leakdiff.hunt.analysis.DumpRef;
import dev.leakdiff.hunt.words.FindingsJson;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** leakdiff histo: the class histogram of one heap dump. */
@Command(name = "histo", mixinStandardHelpOptions = true,
    description = "Class histogram of a heap dump: instances and shallow bytes per class.",
    footer = {"%nExample:%n  leakdiff histo --top 10 --sort count app.hprof"})
final class HistoCommand implements Callable<Integer> {
  private final Words words;

  HistoCommand(Words words) {
    this.words = words;
  }

  enum Sort { bytes, count }

  @Spec
  CommandSpec spec;

  @Mixin
  Options.TableJsonCsv format;

  @Mixin
  Options.Top rows;

  @Mixin
  Options.LayoutOption layout;

  @Option(names = "--sort", defaultValue = "bytes", paramLabel = "ORDER", description = "bytes (default) or count.")
  Sort sort;

  // picocli reads "$$" as "$": the names below are Foo$$Lambda$127+0x... and Foo$$Lambda#2
  @Option(names = "--jvm-names", description = "Name lambda classes as the JVM did (Foo$$$$Lambda$$127+0x00007f4e00c01234), not"
      + " Foo$$$$Lambda#2, the name that matches across JVMs.")
  boolean jvmNames;

  @Parameters(paramLabel = "DUMP", description = "A heap dump (.hprof, gzip-compressed or not); FILE#N picks the N-th dump (0-based) of a file holding several.")
  String dump;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Options.Format f = format.format;
    ClassHistogram h = new DumpReader(new CliReporter(err, words), layout.layout(), jvmNames).one(DumpRef.parse(dump));
    List<ClassStat> shown = new ArrayList<>();
    for (ClassStat c : h.classes()) { // a loop, not a lambda: spinning one up is milliseconds of a short run
      if (c.instances() > 0) {
        shown.add(c);
      }
    }
    int present = shown.size();
    if (sort == Sort.count) {
      shown.sort(ClassStat.BY_COUNT);
    }
    shown = shown.subList(0, rows.limit(shown.size()));
    switch (f) {
      case json -> Json.print(out, new JsonDocs(new FindingsJson(words)).histo(h, shown));
      case csv -> csv(out, shown);
      default -> table(out, h, shown, present);
    }
    out.flush();
    return ExitCode.OK.code;
  }

  private void table(PrintWriter out, ClassHistogram h, List<ClassStat> rows, int present) {
    out.println(h.source() + ": dump " + (h.dumpIndex() + 1) + " of " + h.dumpCount() + ", object layout " + words.layout(h.layout()));
    out.println();
    Table t = new Table(">#", ">INSTANCES", ">BYTES", "CLASS");
    int i = 1;
    for (ClassStat c : rows) {
      t.row(String.valueOf(i++), words.count(c.instances()), words.bytes(c.bytes()), c.name());
    }
    t.row("", "", "", "");
    t.row("total", words.count(h.totalObjects()), words.bytes(h.totalBytes()), "(" + words.count(present) + " classes)");
    t.print(out);
    if (h.truncated()) {
      out.println();
      out.println("The dump is truncated: these figures cover what was read before the break.");
    }
  }

  private void csv(PrintWriter out, List<ClassStat> rows) {
    out.println("class,instances,bytes,class_count");
    for (ClassStat c : rows) {
      out.println(Csv.quote(c.name()) + "," + c.instances() + "," + c.bytes() + "," + c.classCount());
    }
  }
}
