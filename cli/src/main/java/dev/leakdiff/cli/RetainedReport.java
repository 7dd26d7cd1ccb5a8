package dev.leakdiff.cli;

import dev.leakdiff.graph.Frame;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.Retainers;
import dev.leakdiff.graph.RootKind;
import dev.leakdiff.graph.Route;
import dev.leakdiff.hunt.json.JsonObject;
import dev.leakdiff.hunt.words.FindingsJson;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** retained's answer as text, JSON and an HTML page. */
final class RetainedReport {
  /** Frames of the out-of-memory stack the text shows. */
  static final int FRAMES = 12;

  private final Words words;

  RetainedReport(Words words) {
    this.words = words;
  }

  void text(PrintWriter out, RetainedCommand.Analysis a, int maxDepth) {
    Retainers.Result r = a.result();
    summary(a).forEach(out::println);
    if (a.oom() != null) {
      out.println();
      out.println(oomHeading(a));
      List<Frame> frames = a.oom().frames();
      frames.stream().limit(FRAMES).forEach(f -> out.println("    at " + words.frame(f)));
      if (frames.size() > FRAMES) {
        out.printf("    ... %d more frames (--format json lists them)%n", frames.size() - FRAMES);
      }
    }
    if (r.retainers().isEmpty()) {
      out.println();
      out.println("No object keeps anything alive alone: no strong chain reaches the heap's objects.");
      return;
    }
    out.println();
    out.println("The biggest retainers: what each keeps alive alone (what the GC frees if it goes)");
    Table t = new Table("#", ">RETAINED", ">SHARE", ">OBJECTS", "CLASS");
    int i = 1;
    for (Retainers.Retainer x : r.retainers()) {
      t.row("#" + i++, words.bytes(x.retained()), share(x.retained(), r.strongBytes()), words.count(x.objects()), x.className());
    }
    t.print(out);
    i = 1;
    for (Retainers.Retainer x : r.retainers()) {
      out.println();
      out.printf("#%d  %s keeps %s alive (%s of what strong references keep), %s objects%n", i++, x.className(),
          words.bytes(x.retained()), share(x.retained(), r.strongBytes()), words.count(x.objects()));
      Retainers.Pile p = x.pile();
      Route route = p.route() != null ? p.route() : x.route();
      if (route != null) {
        PathsReport.printHops(out, route, maxDepth, "    ", words);
      }
      if (p.id() != x.id()) {
        out.printf("  its bytes pile up in a %s that keeps %s alone%s%n", p.className(), words.bytes(p.retained()),
            p.children() > 0 ? ", holding " + words.count(p.children()) + " objects directly:" : "");
      } else if (p.children() > 0) {
        out.printf("  it holds %s objects directly:%n", words.count(p.children()));
      }
      if (p.children() > 0) {
        parts(out, p.byClass(), "retained");
      }
      out.println("  made of:");
      parts(out, x.madeOf(), "");
    }
  }

  private void parts(PrintWriter out, List<Retainers.Part> parts, String what) {
    Table t = new Table(">    COUNT", ">BYTES", "CLASS");
    for (Retainers.Part part : parts) {
      t.row("    " + words.count(part.count()), words.bytes(part.bytes()) + (what.isEmpty() ? "" : " " + what), part.className());
    }
    t.print(out);
  }

  /** The dump's totals, in lines. */
  List<String> summary(RetainedCommand.Analysis a) {
    Retainers.Result r = a.result();
    return List.of(String.format("%s: %s objects, %s; strong references keep %s alive", a.label(), words.count(r.objects()),
        words.bytes(r.bytes()), words.bytes(r.strongBytes())));
  }

  private String oomHeading(RetainedCommand.Analysis a) {
    String thread = a.oomThread() == null ? "with serial " + a.oom().threadSerial() : "'" + a.oomThread() + "'";
    return "The thread " + thread + " ran out of memory here (the dump was written at -XX:+HeapDumpOnOutOfMemoryError):";
  }

  private static String share(long part, long whole) {
    return whole <= 0 ? "-" : String.format("%.1f%%", 100.0 * part / whole);
  }

  JsonObject json(RetainedCommand.Analysis a) {
    FindingsJson fj = new FindingsJson(words);
    Retainers.Result r = a.result();
    List<JsonObject> retainers = new ArrayList<>();
    for (Retainers.Retainer x : r.retainers()) {
      Retainers.Pile p = x.pile();
      retainers.add(new JsonObject().with("class", x.className()).with("id", x.id()).with("retainedBytes", x.retained())
          .with("objects", x.objects()).with("share", r.strongBytes() <= 0 ? 0.0 : (double) x.retained() / r.strongBytes())
          .with("route", x.route() == null ? null : fj.route(x.route()))
          .with("pile", new JsonObject().with("class", p.className()).with("id", p.id()).with("retainedBytes", p.retained())
              .with("route", p.route() == null ? null : fj.route(p.route())).with("children", p.children())
              .with("childrenByClass", parts(p.byClass(), "retainedBytes")))
          .with("madeOf", parts(x.madeOf(), "bytes")));
    }
    JsonObject oom = null;
    if (a.oom() != null) {
      List<JsonObject> frames = new ArrayList<>();
      a.oom().frames().forEach(f -> frames.add(new JsonObject().with("class", f.className()).with("method", f.method())
          .with("file", f.file()).with("line", f.line())));
      oom = new JsonObject().with("threadSerial", a.oom().threadSerial()).with("thread", a.oomThread()).with("frames", frames);
    }
    return new JsonObject().with("schemaVersion", JsonDocs.SCHEMA_VERSION).with("dump", a.label())
        .with("objects", r.objects()).with("bytes", r.bytes()).with("strongBytes", r.strongBytes())
        .with("outOfMemory", oom).with("retainers", retainers);
  }

  private static List<JsonObject> parts(List<Retainers.Part> parts, String bytes) {
    List<JsonObject> out = new ArrayList<>();
    parts.forEach(p -> out.add(new JsonObject().with("class", p.className()).with("count", p.count()).with(bytes, p.bytes())));
    return out;
  }

  HtmlReport html(RetainedCommand.Analysis a, int maxDepth) {
    HtmlReport page = new HtmlReport(words, "leakdiff retained: " + a.label(), null);
    List<String> lead = new ArrayList<>(summary(a));
    if (a.oom() != null) {
      lead.add(oomHeading(a));
      a.oom().frames().stream().limit(FRAMES).forEach(f -> lead.add("at " + words.frame(f)));
    }
    Retainers.Result r = a.result();
    List<HtmlReport.Chain> chains = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int i = 1;
    for (Retainers.Retainer x : r.retainers()) {
      Route route = x.pile().route() != null ? x.pile().route() : x.route();
      if (route != null) {
        chains.add(new HtmlReport.Chain(new PathGroups.Group(route, 1, x.retained(), RootKind.UNKNOWN, route.size(),
            route.size()), null));
      }
      StringBuilder made = new StringBuilder();
      x.madeOf().forEach(p -> made.append(made.length() == 0 ? "" : ", ").append(words.count(p.count())).append(' ')
          .append(p.className()).append(" (").append(words.bytes(p.bytes())).append(')'));
      notes.add(String.format("#%d %s keeps %s (%s), made of %s", i++, x.className(), words.bytes(x.retained()),
          share(x.retained(), r.strongBytes()), made));
    }
    return page.findings("What holds most of the heap", lead, List.of(), List.of())
        .chains("The biggest retainers", "The chain from a GC root to each retainer, down to where its bytes pile up.",
            chains, Set.copyOf(r.retainers().stream().map(Retainers.Retainer::className).toList()), "a retainer",
            maxDepth, notes);
  }
}
