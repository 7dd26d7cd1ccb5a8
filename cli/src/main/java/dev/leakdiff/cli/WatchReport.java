package dev.leakdiff.cli;

import dev.leakdiff.diff.Trend;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.json.Json;
import dev.leakdiff.hunt.json.JsonObject;
import dev.leakdiff.hunt.watch.Fact;
import dev.leakdiff.hunt.watch.Judgement;
import dev.leakdiff.hunt.watch.Sample;
import dev.leakdiff.hunt.watch.Watch;
import dev.leakdiff.hunt.words.WatchWords;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What watch prints as it goes and at the end: on a terminal a live table redrawn in place; piped, a plain line per
 * sample and per verdict change; as JSON lines, one record per sample, per verdict change and the report (docs/json.md).
 */
final class WatchReport implements Watch.Listener {
  /** Cursor to the start of the line n lines up, then clear to the end of the screen. */
  static String up(int n) {
    return "\033[" + n + "F\033[J";
  }

  private final Words words;
  private final WatchWords ww;
  private final String unit;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean jsonl;
  private final boolean terminal;
  private final PrintWriter file;
  private final int top;
  private final int minSamples;
  private final Deque<String> recent = new ArrayDeque<>();
  private final List<String> notes = new ArrayList<>();
  private int drawn;
  private Judgement last;

  WatchReport(Words words, String unit, PrintWriter out, PrintWriter err, boolean jsonl, boolean terminal, PrintWriter file,
      int top, int minSamples) {
    this.words = words;
    this.ww = new WatchWords(words, unit);
    this.unit = unit;
    this.out = out;
    this.err = err;
    this.jsonl = jsonl;
    this.terminal = terminal && !jsonl;
    this.file = file;
    this.top = top;
    this.minSamples = minSamples;
  }

  @Override
  public void sampled(Judgement j) {
    last = j;
    record(sampleRecord(j));
    if (jsonl) {
      return;
    }
    if (terminal) {
      redraw(j);
    } else {
      out.println(ww.sampleLine(j.sample()));
      out.flush();
    }
  }

  @Override
  public void changed(Watch.Change c) {
    String line = ww.change(c, c.className() == null || last == null ? 0 : last.averageBytes(c.className()));
    record(changeRecord(c, line));
    if (jsonl) {
      return;
    }
    if (terminal) {
      recent.addLast(line);
      while (recent.size() > 6) {
        recent.removeFirst();
      }
      redraw(last);
    } else {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void dumpSkipped(Path dir, long free, long heapUsed) {
    note(ww.dumpSkipped(dir, free, heapUsed));
  }

  @Override
  public void dumped(Capture c) {
    note(ww.dumped(c));
  }

  private void note(String line) {
    notes.add(line);
    err.println("leakdiff: " + line);
    err.flush();
  }

  /** The live table: the last sample's facts and their verdicts, the top classes, the latest verdict changes. */
  private void redraw(Judgement j) {
    StringWriter s = new StringWriter();
    PrintWriter p = new PrintWriter(s);
    p.println(ww.sampleLine(j.sample()) + "   (Ctrl-C ends the watch with its report)");
    facts(p, j);
    classes(p, j);
    if (!recent.isEmpty()) {
      p.println("Latest verdict changes:");
      recent.forEach(l -> p.println("  " + l));
    }
    p.flush();
    String text = s.toString();
    if (drawn > 0) {
      out.print(up(drawn));
    }
    out.print(text);
    out.flush();
    drawn = (int) text.chars().filter(c -> c == '\n').count();
  }

  private void facts(PrintWriter p, Judgement j) {
    Table t = new Table("FACT", ">NOW", "VERDICT", ">RATE");
    for (Map.Entry<Fact, Trend> e : j.facts().entrySet()) {
      t.row(ww.fact(e.getKey()), ww.factValue(e.getKey(), j.sample()), ww.verdict(e.getValue().verdict()),
          ww.factRate(e.getKey(), e.getValue().rate()));
    }
    t.print(p);
  }

  private void classes(PrintWriter p, Judgement j) {
    List<Map.Entry<String, Trend>> rows = j.classes().entrySet().stream()
        .filter(e -> e.getValue().verdict() != dev.leakdiff.diff.Verdict.STABLE).limit(top).toList();
    if (rows.isEmpty()) {
      p.println("No class grew or shrank beyond the noise over the window.");
      return;
    }
    Table t = new Table("VERDICT", ">INSTANCES", ">RATE", ">SAMPLES", "CLASS");
    for (Map.Entry<String, Trend> e : rows) {
      Trend tr = e.getValue();
      t.row(ww.verdict(tr.verdict()), words.count(j.sample().instances(e.getKey())), ww.classRate(tr, j.averageBytes(e.getKey())),
          words.count(tr.samples()), e.getKey());
    }
    t.print(p);
  }

  /** The final report: why it ended, every sample, the verdicts, what the dumps showed, the cost. */
  void end(Watch.Result r) {
    record(reportRecord(r));
    if (jsonl) {
      if (r.failure() != null) {
        err.println("leakdiff: " + ww.ending(r));
      }
      return;
    }
    if (terminal && drawn > 0) {
      out.println();
    }
    out.println(ww.ending(r));
    out.println();
    Table samples = new Table(">#", "TIME", ">WORK", ">HEAP", ">RSS", ">THREADS", ">CLASSES", ">NATIVE", ">GC PAUSE", ">TOOK");
    for (Sample s : r.samples()) {
      samples.row(Integer.toString(s.index()), ww.clock(s.time()), ww.work(s.work()), ww.factValue(Fact.HEAP_MIB, s),
          ww.factValue(Fact.RSS_MIB, s), ww.factValue(Fact.THREADS, s), ww.factValue(Fact.LOADED_CLASSES, s),
          s.nativeCommittedBytes() == null ? "-" : ww.factValue(Fact.NATIVE_KIB, s), ww.pause(s.gcPauseMillis()),
          s.sampleMillis() + " ms");
    }
    samples.print(out);
    Judgement j = r.last();
    if (j != null) {
      out.println();
      out.println("The verdicts over the last " + j.facts().values().stream().mapToInt(Trend::samples).max().orElse(0)
          + " samples (the window):");
      facts(out, j);
      classes(out, j);
      List<String> suspects = j.suspects();
      out.println(suspects.isEmpty() ? ww.noSuspect(r.samples().size(), minSamples) : ww.suspectsFromHistograms(suspects.size()));
    }
    if (r.confirmation() != null) {
      confirmation(r.confirmation());
    }
    notes.forEach(out::println);
    out.println(ww.cost(r));
    out.flush();
  }

  private void confirmation(Watch.Confirmation c) {
    out.println();
    out.println("What the dumps show (" + c.captures().get(0).dump() + " and " + c.captures().get(c.captures().size() - 1).dump()
        + "):");
    c.strong().keySet().forEach(name -> out.println("  " + ww.strongly(name, c)));
    for (SuspectHolders.Holder h : c.holders()) {
      List<SuspectHolders.Growth> routes = HoldersReport.shownRoutes(h, 3);
      out.println();
      out.println(h.className());
      for (int i = 0; i < routes.size(); i++) {
        PathGroups.Group g = routes.get(i).group();
        out.printf("  #%d  %s instances (%s -> %s), %s, root: %s, %s%n", i + 1, words.signedCount(routes.get(i).growth()),
            words.count(routes.get(i).before()), words.count(g.count()), words.bytes(g.bytes()), words.rootKind(g.root()),
            words.depth(g.minDepth(), g.maxDepth()));
        PathsReport.printHops(out, g.route(), 16, "      ", words);
      }
    }
    out.println();
  }

  // ------------------------------------------------------------------------------------------------- JSON lines

  private void record(JsonObject o) {
    String line = Json.line(o);
    if (jsonl) {
      out.println(line);
      out.flush();
    }
    if (file != null) {
      file.println(line);
      file.flush();
    }
  }

  private JsonObject sampleRecord(Judgement j) {
    Sample s = j.sample();
    JsonObject o = new JsonObject().with("type", "sample").with("sample", s.index()).with("time", s.time())
        .with("work", s.work()).with("unit", unit).withNonNull("heapUsedBytes", s.heapUsedBytes())
        .withNonNull("rssBytes", s.rssBytes()).withNonNull("threads", s.threads()).withNonNull("loadedClasses", s.loadedClasses())
        .withNonNull("nativeCommittedBytes", s.nativeCommittedBytes()).withNonNull("gcPauseMillis", s.gcPauseMillis())
        .with("sampleMillis", s.sampleMillis());
    JsonObject facts = new JsonObject();
    j.facts().forEach((f, t) -> facts.put(f.key, trend(t)));
    o.put("facts", facts);
    List<JsonObject> classes = new ArrayList<>();
    j.classes().entrySet().stream().filter(e -> e.getValue().growing()).limit(top).forEach(e -> classes.add(
        trend(e.getValue()).with("class", e.getKey()).with("instances", s.instances(e.getKey()))
            .with("bytesPerWork", e.getValue().rate() * j.averageBytes(e.getKey()))));
    o.put("growing", classes);
    return o;
  }

  private JsonObject changeRecord(Watch.Change c, String text) {
    JsonObject o = new JsonObject().with("type", "verdict").with("sample", c.sample()).with("unit", unit);
    if (c.className() != null) {
      o.put("class", c.className());
    } else {
      o.put("fact", c.fact().key);
    }
    o.put("from", c.from() == null ? null : c.from().word());
    o.putAll(trend(c.trend()));
    o.put("text", text);
    return o;
  }

  private static JsonObject trend(Trend t) {
    return new JsonObject().with("verdict", t.verdict() == null ? null : t.verdict().word()).with("ratePerWork", t.rate())
        .with("earlyRate", t.earlyRate()).with("lateRate", t.lateRate()).with("samples", t.samples());
  }

  private JsonObject reportRecord(Watch.Result r) {
    JsonObject o = new JsonObject().with("type", "report").with("pid", r.pid()).with("unit", unit)
        .with("ending", r.ending().name().toLowerCase(java.util.Locale.ROOT)).with("samples", r.samples().size())
        .with("text", ww.ending(r));
    if (r.last() != null) {
      JsonObject facts = new JsonObject();
      r.last().facts().forEach((f, t) -> facts.put(f.key, trend(t)));
      o.put("facts", facts);
      List<JsonObject> suspects = new ArrayList<>();
      for (String name : r.last().suspects()) {
        Trend t = r.last().classes().get(name);
        suspects.add(trend(t).with("class", name).with("bytesPerWork", t.rate() * r.last().averageBytes(name)));
      }
      o.put("suspects", suspects);
    }
    if (r.confirmation() != null) {
      List<JsonObject> held = new ArrayList<>();
      Watch.Confirmation c = r.confirmation();
      for (SuspectHolders.Holder h : c.holders()) {
        List<String> routes = HoldersReport.shownRoutes(h, 3).stream().map(g -> words.route(g.group().route())).toList();
        held.add(new JsonObject().with("class", h.className()).with("strongInstances", c.strong().get(h.className()))
            .with("strongRatePerWork", c.strongRate(h.className()))
            .with("routes", routes));
      }
      o.put("dumps", c.captures().stream().map(x -> x.dump().toString()).toList());
      o.put("held", held);
    }
    Watch.Cost cost = r.cost();
    o.put("cost", new JsonObject().with("gcPauseMillisMedian", cost.pauseMillisMedian()).with("gcPauseMillisMax",
        cost.pauseMillisMax()).with("sampleMillisMedian", cost.sampleMillisMedian()).with("text", ww.cost(r)));
    return o;
  }
}
