package dev.leakdiff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassStat;
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
  enum Sort { bytes, count }

  @Spec
  CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Option(names = "--sort", defaultValue = "bytes", description = "bytes (default) or count.")
  Sort sort;

  @Parameters(paramLabel = "DUMP", description = "A heap dump (.hprof, gzip-compressed or not); FILE#N picks the N-th dump (0-based) of a file holding several.")
  String dump;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClassHistogram h = new DumpLoader(err, common.layout()).one(DumpRef.parse(dump));
    List<ClassStat> rows = new ArrayList<>();
    for (ClassStat c : h.classes()) { // a loop, not a lambda: spinning one up is milliseconds of a short run
      if (c.instances() > 0) {
        rows.add(c);
      }
    }
    int present = rows.size();
    if (sort == Sort.count) {
      rows.sort(ClassStat.BY_COUNT);
    }
    rows = rows.subList(0, common.limit(rows.size()));
    switch (common.format) {
      case json -> json(out, h, rows);
      case csv -> csv(out, rows);
      default -> table(out, h, rows, present);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void table(PrintWriter out, ClassHistogram h, List<ClassStat> rows, int present) {
    out.println(h.source() + ": dump " + (h.dumpIndex() + 1) + " of " + h.dumpCount() + ", object layout " + h.layout().describe());
    out.println();
    Table t = new Table(">#", ">INSTANCES", ">BYTES", "CLASS");
    int i = 1;
    for (ClassStat c : rows) {
      t.row(String.valueOf(i++), Sizes.count(c.instances()), Sizes.bytes(c.bytes()), c.name());
    }
    t.row("", "", "", "");
    t.row("total", Sizes.count(h.totalObjects()), Sizes.bytes(h.totalBytes()), "(" + Sizes.count(present) + " classes)");
    t.print(out);
    if (h.truncated()) {
      out.println();
      out.println("The dump is truncated: these figures cover what was read before the break.");
    }
  }

  private void json(PrintWriter out, ClassHistogram h, List<ClassStat> rows) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schemaVersion", Json.SCHEMA_VERSION);
    root.set("dump", Json.dump(h, null));
    ArrayNode classes = root.putArray("classes");
    for (ClassStat c : rows) {
      ObjectNode n = classes.addObject();
      n.put("name", c.name());
      n.put("instances", c.instances());
      n.put("bytes", c.bytes());
      n.put("classCount", c.classCount());
    }
    Json.print(out, root);
  }

  private void csv(PrintWriter out, List<ClassStat> rows) {
    out.println("class,instances,bytes,class_count");
    for (ClassStat c : rows) {
      out.println(Csv.quote(c.name()) + "," + c.instances() + "," + c.bytes() + "," + c.classCount());
    }
  }
}
