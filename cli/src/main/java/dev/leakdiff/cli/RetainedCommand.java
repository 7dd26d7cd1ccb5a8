package dev.leakdiff.cli;

import dev.leakdiff.graph.Dominators;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.OutOfMemoryStack;
import dev.leakdiff.graph.Retainers;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.hunt.analysis.DumpReader;
import dev.leakdiff.hunt.analysis.DumpRef;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** leakdiff retained: what holds most of one dump, from its dominator tree. */
@Command(name = "retained", mixinStandardHelpOptions = true,
    description = {"What holds most of one heap dump: the objects that keep the most memory alive alone (their",
        "retained size), the chain from a GC root to each, where its bytes pile up and what they are; and, in a dump",
        "written at -XX:+HeapDumpOnOutOfMemoryError, the stack of the thread that ran out of memory."},
    footer = {"%nExamples:%n  leakdiff retained java_pid4242.hprof",
        "  leakdiff retained --top 3 --format json app.hprof"})
final class RetainedCommand implements Callable<Integer> {
  private final Words words;

  RetainedCommand(Words words) {
    this.words = words;
  }

  @Spec
  CommandSpec spec;

  @Option(names = "--top", defaultValue = "5", paramLabel = "N", description = "Retainers to show (default ${DEFAULT-VALUE}).")
  int top;

  @Mixin
  Options.Depth depth;

  @Mixin
  Options.TableJson format;

  @Mixin
  Options.Html html;

  @Parameters(paramLabel = "DUMP", description = "The heap dump; FILE#N picks the N-th dump (0-based) of a file holding several.")
  String dump;

  /** What was found in the dump. */
  record Analysis(String label, Retainers.Result result, OutOfMemoryStack oom, String oomThread) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (top < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top must be 1 or more, not " + top);
    }
    html.check();
    Options.Format f = format.format;
    CliReporter reporter = new CliReporter(err, words);
    DumpReader reader = new DumpReader(reporter, null);
    DumpRef ref = DumpRef.parse(dump);
    HeapGraph g = reader.graph(ref.file(), ref.selection(), ref.label(), classes -> c -> true);
    g.warnings().forEach(reporter::warn);
    Supplier<Map<Integer, String>> names = reader.threadNames(g, ref.file());
    Retainers.Result result = reader.reading(ref.file(), ref.label() + " (dominators)", progress -> {
      Dominators d = Dominators.compute(g);
      ShortestPaths paths = ShortestPaths.compute(g, false, true);
      return Retainers.of(g, d, paths, top, names);
    });
    OutOfMemoryStack oom = OutOfMemoryStack.of(g);
    String oomThread = oom == null ? null : names.get().get(oom.threadSerial());
    Analysis a = new Analysis(ref.label(), result, oom, oomThread);
    RetainedReport report = new RetainedReport(words);
    switch (f) {
      case json -> Json.print(out, report.json(a));
      default -> report.text(out, a, depth.maxDepth);
    }
    out.flush();
    html.write(reporter, () -> report.html(a, depth.maxDepth));
    return ExitCode.OK.code;
  }
}
