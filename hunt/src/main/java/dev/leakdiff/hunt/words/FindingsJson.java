package dev.leakdiff.hunt.words;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.Frame;
import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.Reference;
import dev.leakdiff.graph.Route;
import dev.leakdiff.hunt.findings.AllocationSites;
import dev.leakdiff.hunt.findings.AllowedGrowth;
import dev.leakdiff.hunt.findings.BoundedCache;
import dev.leakdiff.hunt.findings.BytesGrowth;
import dev.leakdiff.hunt.findings.CannotJudge;
import dev.leakdiff.hunt.findings.ClearableCache;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.findings.Held;
import dev.leakdiff.hunt.findings.HeldOffHeap;
import dev.leakdiff.hunt.findings.LateGrowth;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.findings.LoaderGrowth;
import dev.leakdiff.hunt.findings.LoaderLeak;
import dev.leakdiff.hunt.findings.OutsideHeap;
import dev.leakdiff.hunt.findings.Suspect;
import dev.leakdiff.hunt.findings.ThreadLeak;
import dev.leakdiff.hunt.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Findings and chains as JSON (schema version 2, docs/json.md): each finding its {@code kind} and its facts as
 * values, and its {@code text} in words; each hop of a chain its {@code kind}, {@code owner} and {@code name} beside its
 * {@code class}, and its {@code reference} in words. The words are the only fields the wording decides.
 */
public final class FindingsJson {
  private final Words words;

  public FindingsJson(Words words) {
    this.words = words;
  }

  /** A finding: {@code kind}, its facts, and {@code text}, the line a report prints for it. */
  public JsonObject finding(Finding f) {
    JsonObject o = new JsonObject().with("kind", f.kind()).with("leak", f.leak());
    if (f instanceof Leak l) {
      leak(o, l);
    } else if (f instanceof ThreadLeak t) {
      o.with("class", t.threads().name()).with("name", t.name()).with("threadsPerIteration", t.threadsPerIteration())
          .withNonNull("startedBy", t.startedBy() == null ? null : new JsonObject().with("how", word(t.startedBy().how()))
              .with("class", t.startedBy().className()).withNonNull("threadFactory", t.startedBy().factory()))
          .withNonNull("parkedIn", frame(t.parkedIn())).with("bytesPerIterationWithHeld", t.bytesPerIteration())
          .with("holds", t.held().stream().map(this::finding).toList())
          .with("threadContainers", t.containers().stream().map(this::finding).toList());
    } else if (f instanceof LoaderLeak l) {
      o.with("loaderClass", l.loaderClass()).with("classes", l.classes()).with("loadersPerIteration", l.loadersPerIteration())
          .withNonNull("route", route(l.route()));
    } else if (f instanceof OutsideHeap g) {
      o.with("what", word(g.what())).withNonNull("name", g.name()).with("verdict", word(g.verdict()))
          .with("perIteration", g.perIteration());
      if (g.what() == OutsideHeap.What.BUFFER_POOL) {
        o.with("countPerIteration", g.countPerIteration());
      }
    } else if (f instanceof HeldOffHeap h) {
      o.with("directBytesPerIteration", h.total().directPerIteration()).with("mappedBytesPerIteration", h.total().mappedPerIteration())
          .with("holders", h.top().stream().map(x -> new JsonObject().with("class", x.className())
              .with("directBytesPerIteration", x.offHeap().directPerIteration())
              .with("mappedBytesPerIteration", x.offHeap().mappedPerIteration())).toList())
          .withNonNull("rssBytesPerIteration", h.rssPerIteration());
    } else if (f instanceof LateGrowth l) {
      series(o, l.series()).with("fromIterations", l.from()).with("toIterations", l.to());
    } else if (f instanceof ClearableCache c) {
      series(o, c.series());
    } else if (f instanceof LoaderGrowth g) {
      o.with("class", g.series().name()).with("classCounts", g.series().classCounts());
    } else if (f instanceof Suspect s) {
      series(o, s.series());
    } else if (f instanceof CannotJudge c) {
      o.with("why", word(c.why())).with("dumps", c.dumps()).with("values", c.values()).with("classes", c.classes());
    } else if (f instanceof BytesGrowth b) {
      series(o, b.series()).with("route", route(b.route())).with("objects", b.objects()).with("bytesBefore", b.bytesBefore())
          .with("bytesNow", b.bytesNow()).with("routeBytesPerIteration", b.bytesPerIteration());
    } else if (f instanceof BoundedCache b) {
      o.with("class", b.className()).with("others", b.others()).with("route", route(b.route())).with("entries", b.entries())
          .with("bound", b.bound() < 0 ? null : b.bound()).with("cacheClass", b.cacheClass()).with("plateau", b.plateau())
          .with("entryBytes", b.entryBytes()).with("fillsHeap", b.fillsHeap())
          .with("maxHeapBytes", b.maxHeap() < 0 ? null : b.maxHeap());
      if (b.asLeak() != null) {
        JsonObject l = new JsonObject();
        leak(l, b.asLeak());
        o.with("growth", l);
      }
    } else if (f instanceof AllowedGrowth a) {
      series(o, a.series()).with("heldSuspects", a.heldSuspects()).with("allowedAs", a.pattern()).with("reason", a.reason());
    }
    return o.with("text", words.finding(f));
  }

  private void leak(JsonObject o, Leak l) {
    series(o, l.series()).with("bytesPerIterationWithHeld", l.bytesPerIteration())
        .with("route", route(l.route()))
        .with("holds", l.holds().stream().map(this::held).toList());
    if (l.cost() != null) {
      o.with("retainedBytes", l.cost().retainedBytes()).with("retainedBytesPerIteration", l.cost().retainedBytesPerIteration())
          .with("sharedRetainedBytes", l.cost().sharedBytes());
    }
    if (l.growth() != null) {
      Leak.Growth g = l.growth();
      o.with("growth", new JsonObject().with("accelerating", g.accelerating()).with("before", g.before()).with("now", g.now())
          .with("bytesBefore", g.bytesBefore()).with("bytesNow", g.bytesNow())
          .withNonNull("acceleratingHeld", g.acceleratingHeld() == null ? null : g.acceleratingHeld().name()));
    }
    if (l.offHeap() != null) {
      o.with("directBytesPerIterationWithHeld", l.offHeap().directPerIteration())
          .with("mappedBytesPerIterationWithHeld", l.offHeap().mappedPerIteration());
    }
    if (l.alike() != null) {
      o.with("alike", new JsonObject().with("alike", l.alike().alike()).with("instances", l.alike().instances())
          .with("keptInHash", l.alike().keptInHash()));
    }
    o.with("loaderLeaks", l.loaderLeaks().stream().map(this::finding).toList());
    if (l.sites() != null) {
      AllocationSites s = l.sites();
      o.with("allocationSites", new JsonObject().with("instances", s.instances()).with("instancesSampled", s.instancesSampled())
          .with("samples", s.samples()).with("sampledWell", s.sampledWell())
          .withNonNull("lambdaMadeAt", frame(s.madeAt()))
          .with("sites", s.sites().stream().map(site -> new JsonObject().with("classes", site.classes())
              .withNonNull("library", frame(site.library()))
              .with("code", site.code().stream().map(FindingsJson::frame).toList())
              .with("samples", site.samples()).with("instances", site.instances())).toList()));
    }
  }

  private JsonObject held(Held h) {
    return new JsonObject().with("class", h.name()).with("role", word(h.role())).with("verdict", word(h.series().verdict()))
        .with("instancesPerIteration", h.series().instancesPerIteration()).with("bytesPerIteration", h.series().bytesPerIteration());
  }

  private JsonObject series(JsonObject o, ClassSeries s) {
    return o.with("class", s.name()).withNonNull("verdict", s.verdict() == null ? null : word(s.verdict()))
        .with("instancesPerIteration", s.instancesPerIteration()).with("bytesPerIteration", s.bytesPerIteration());
  }

  /** A route: its hops, root first; null for none. */
  public List<JsonObject> route(Route r) {
    return r == null ? null : r.hops().stream().map(this::hop).toList();
  }

  /** A hop: how the object is held ({@code kind}, {@code owner}, {@code name}, ...), its class, and the reference in words. */
  public JsonObject hop(Hop h) {
    Reference r = h.reference();
    JsonObject o = new JsonObject().with("kind", r.kind().word()).withNonNull("owner", r.owner()).withNonNull("name", r.name());
    if (r.kind() == Reference.Kind.STATIC_FIELD) {
      o.with("loader", r.loader());
    }
    if (r.thread() != null) {
      o.with("thread", new JsonObject().with("serial", r.thread().serial()).withNonNull("name", r.thread().name())
          .withNonNull("frame", frame(r.thread().frame())));
    }
    if (r.via() != null) {
      o.with("threadLocal", new JsonObject().with("owner", r.via().owner()).with("name", r.via().name()));
    }
    if (r.repeated()) {
      o.with("repeated", true);
    }
    return o.with("class", h.className()).with("reference", words.reference(r));
  }

  private static JsonObject frame(Frame f) {
    return f == null ? null : new JsonObject().with("class", f.className()).with("method", f.method()).with("file", f.file())
        .with("line", f.line());
  }

  /** An enum constant as a JSON word: EXECUTOR as executor, BUFFER_POOL as bufferPool. */
  public static String word(Enum<?> e) {
    StringBuilder sb = new StringBuilder();
    for (String part : e.name().toLowerCase(Locale.ROOT).split("_")) {
      sb.append(sb.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return sb.toString();
  }
}
