package dev.leakdiff.hunt.words;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.ThreadStarters;
import dev.leakdiff.graph.Frame;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-line sentence of each kind of finding, in {@link English}. */
final class FindingSentences {
  /** What some native memory tracking categories hold, to say where to look. */
  private static final Map<String, String> HOLDS = Map.of(
      "Thread", "thread stacks",
      "Other", "direct buffers and what the JDK's native code allocates",
      "Internal", "the JVM's internal allocations",
      "Class", "class metadata",
      "Metaspace", "class metadata",
      "Code", "compiled and generated code",
      "Symbol", "the names of classes and methods, and interned strings");

  private final English w;

  FindingSentences(English w) {
    this.w = w;
  }

  String line(Finding f) {
    return line(f, true);
  }

  /** The line, with where the leak's objects were created or without (a page shows them under it). */
  String line(Finding f, boolean withSites) {
    if (f instanceof Leak l) {
      return "Leak: " + leakBody(l, withSites);
    } else if (f instanceof ThreadLeak t) {
      return thread(t, withSites);
    } else if (f instanceof BytesGrowth b) {
      return String.format("Leak: %s grows in bytes, not in number: %s per iteration on %s (%s object%s, %s now, %s in the"
          + " dump before)", b.className(), w.signedBytes(Math.round(b.bytesPerIteration())),
          b.route() == null ? "no strong chain" : w.route(b.route()), w.count(b.objects()), b.objects() == 1 ? "" : "s",
          w.bytes(b.bytesNow()), w.bytes(b.bytesBefore()));
    } else if (f instanceof BoundedCache b) {
      return bounded(b);
    } else if (f instanceof LoaderLeak l) {
      return "Leak: a class-loader leak: " + loaders(l);
    } else if (f instanceof OutsideHeap o) {
      return outside(o);
    } else if (f instanceof HeldOffHeap h) {
      return heldOffHeap(h);
    } else if (f instanceof LateGrowth l) {
      return String.format("Unclear: %s grew between %s and %s iterations alone: a one-time step, or a leak that began late;"
          + " a longer last stage tells (--iterations ...,%s)", l.series().name(), w.count(l.from()), w.count(l.to()),
          w.count(l.to() * 10));
    } else if (f instanceof ClearableCache c) {
      return String.format("Not a leak: %s grows by %s per iteration only where weak, soft or cleared references hold it: a"
          + " cache the GC may clear", c.series().name(), w.rate(c.series().instancesPerIteration()));
    } else if (f instanceof LoaderGrowth g) {
      return String.format("Class loader growth: %s is loaded by more and more class loaders (%s)", g.series().name(),
          w.classCounts(g.series()));
    } else if (f instanceof Suspect s) {
      return w.suspectLine(s.series(), null);
    } else if (f instanceof AllowedGrowth a) {
      return "Allowed: " + w.allowed(a);
    } else if (f instanceof CannotJudge c) {
      return "Cannot judge: " + cannotJudge(c);
    }
    return f.kind();
  }

  /** "CLASS grows by N per iteration (...), held by ROUTE; ..." */
  String leakBody(Leak root) {
    return leakBody(root, true);
  }

  /** Where a leak's (or a thread leak's) objects were created, as its line ends with it; null when not recorded. */
  String sites(Finding f) {
    AllocationSites s = f instanceof Leak l ? l.sites() : f instanceof ThreadLeak t ? threadSites(t) : null;
    return s == null ? null : sites(s);
  }

  private String leakBody(Leak root, boolean withSites) {
    String offHeap = w.offHeap(root.offHeap(), false);
    Frame madeAt = root.sites() == null ? null : root.sites().madeAt();
    StringBuilder line = new StringBuilder(String.format("%s%s %s (%s%s)%s", root.className(),
        madeAt == null ? "" : " (a lambda made at " + w.frame(madeAt) + ")", growth(root), cost(root),
        offHeap == null ? "" : ", and " + offHeap,
        root.route() == null ? ", held by no strong chain" : ", held by " + w.route(root.route())));
    List<Held> inside = root.holds().stream().filter(h -> h.role() != Held.Role.HELD).toList();
    if (!inside.isEmpty()) {
      line.append("; with ").append(inside.stream().map(this::held).collect(Collectors.joining(", ")));
    }
    Leak.Alike alike = root.alike();
    if (alike != null) {
      line.append("; ").append(w.alike(alike.alike(), alike.instances(), root.className() + " instances"));
      if (alike.keptInHash()) {
        line.append(" (kept apart in a hash map or set: does ").append(root.className()).append(" define equals and hashCode?)");
      }
    }
    for (LoaderLeak l : root.loaderLeaks()) {
      line.append("; a class-loader leak: ").append(loaders(l));
    }
    if (withSites && root.sites() != null) {
      line.append("; ").append(sites(root.sites()));
    }
    return line.toString();
  }

  /** The sites shown on a leak's line, at most. */
  private static final int SITES = 2;

  /** The classes named at a site, at most. */
  private static final int CLASSES = 3;

  /**
   * Where a leak's kept objects were created: "what it keeps was created in tech.tablesaw.api.Table.first(Table.java:652)
   * called from com.acme.Search.run(Search.java:118) (tech.tablesaw.api.Table, byte[]: 21 of 100 instances sampled)";
   * or that none was sampled, and why.
   */
  private String sites(AllocationSites s) {
    if (s.sites().isEmpty()) {
      return "no allocation of what it keeps was sampled: run more iterations" + (s.sampledWell() ? ""
          : " (its JVM ran with the default allocation buffers, which sample few small objects: start it with "
          + dev.leakdiff.hunt.capture.AllocationRecording.serviceFlags() + ")");
    }
    List<String> parts = new java.util.ArrayList<>();
    for (AllocationSites.Site site : s.sites().subList(0, Math.min(SITES, s.sites().size()))) {
      parts.add(site(site, s));
    }
    int more = s.sites().size() - parts.size();
    return "what it keeps was created " + String.join(", and ", parts)
        + (more > 0 ? "; " + more + " more site" + (more == 1 ? "" : "s") : "");
  }

  private String site(AllocationSites.Site site, AllocationSites all) {
    String where;
    if (site.code().isEmpty() && site.library() == null) {
      where = "where no stack was recorded";
    } else if (site.code().isEmpty()) {
      where = "in " + w.frame(site.library()) + " (no frame of the application's code in its stack)";
    } else if (site.library() == null) {
      where = "at " + w.frame(site.code().get(0));
    } else {
      where = "in " + w.frame(site.library()) + " called from " + w.frame(site.code().get(0));
    }
    List<String> classes = site.classes().subList(0, Math.min(CLASSES, site.classes().size()));
    String sampled = site.instances() > 0 ? ": " + w.count(site.instances()) + " of " + w.count(all.instances())
        + " instances sampled" : ": " + w.count(site.samples()) + " sample" + (site.samples() == 1 ? "" : "s");
    return where + " (" + String.join(", ", classes) + (site.classes().size() > CLASSES ? ", ..." : "") + sampled + ")";
  }

  /**
   * What fixing a leak frees: "fixing it frees 1.2 KiB per iteration, 118.4 KiB in all, 3.0 KiB of it shared with other
   * leaks"; where that is not known, its bytes per iteration with what it holds.
   */
  private String cost(Leak root) {
    Leak.Cost c = root.cost();
    if (c == null) {
      return w.signedBytes(Math.round(root.bytesPerIteration())) + " per iteration with what it holds";
    }
    return "fixing it frees " + w.bytes(Math.max(0, Math.round(c.retainedBytesPerIteration()))) + " per iteration, "
        + w.bytes(c.retainedBytes()) + " in all" + (c.sharedBytes() > 0 ? ", " + w.bytes(c.sharedBytes())
        + " of it shared with other leaks" : "");
  }

  /**
   * "Bounded: CLASS stopped at 64 ..., held by ROUTE: a bound in code ..., no leak"; "Bounded: CLASS ... in a cache bounded
   * at 500 entries, now 100 ..."; "Leak: ..." when it outgrows its bound or its bound, full, would not fit in the heap.
   */
  private String bounded(BoundedCache b) {
    String with = b.others().isEmpty() ? "" : " (with " + String.join(", ", b.others()) + ")";
    String held = b.route() == null ? "" : ", held by " + w.route(b.route());
    if (b.plateau()) {
      return String.format("Bounded: %s%s stopped at %s: it grew while the planned stages ran and not in the stage added%s;"
          + " a bound in code (a LinkedHashMap's removeEldestEntry, a fixed-size pool or buffer), no leak", b.className(), with,
          w.count(b.entries()), held);
    }
    String cache = String.format("a cache bounded at %s entries, now %s (%s)", w.count(b.bound()), w.count(b.entries()),
        b.cacheClass());
    Leak l = b.asLeak();
    String growth = l == null ? "" : " grows by " + w.rate(l.series().instancesPerIteration()) + " per iteration";
    if (b.entries() > b.bound()) {
      return String.format("Leak: %s%s%s in %s: more than its bound%s", b.className(), with, growth, cache, held);
    }
    if (b.fillsHeap()) {
      return String.format("Leak: %s%s%s in %s%s: full, at %s an entry, it would keep %s alive, more than the heap's maximum"
          + " (%s)", b.className(), with, growth, cache, held, w.bytes(Math.round(b.entryBytes())),
          w.bytes(Math.round(b.bound() * b.entryBytes())), w.bytes(b.maxHeap()));
    }
    return String.format("Bounded: %s%s%s in %s%s: it fills up to its bound, no leak unless it outgrows it%s", b.className(), with,
        growth, cache, held, b.entryBytes() > 0 ? " (full, at " + w.bytes(Math.round(b.entryBytes())) + " an entry, it keeps "
            + w.bytes(Math.round(b.bound() * b.entryBytes())) + " alive)" : "");
  }

  /** "its collection's entries (java.util.HashMap$Node)". */
  private String held(Held h) {
    return w.heldRole(h.role()) + " (" + h.name() + ")";
  }

  /**
   * How a root grows: "grows by 1 per iteration"; "grows faster and faster, from 12 to 85 objects per iteration"; with
   * its bytes rising faster and faster, or a held suspect growing faster and faster, said after.
   */
  private String growth(Leak root) {
    ClassSeries s = root.series();
    Leak.Growth g = root.growth();
    if (g != null && g.accelerating()) {
      return "grows faster and faster, from " + w.rate(g.before()) + " to " + w.rate(g.now()) + " objects per iteration";
    }
    String line = "grows by " + w.rate(s.instancesPerIteration()) + " per iteration";
    if (g == null) {
      return line;
    }
    if (g.bytesNow() > 0) {
      line += ", and " + (root.holds().isEmpty() ? "its" : "with what it holds its") + " bytes faster and faster, from "
          + w.bytes(Math.round(g.bytesBefore())) + " to " + w.bytes(Math.round(g.bytesNow())) + " per iteration";
    }
    if (g.acceleratingHeld() != null) {
      line += ", holding " + g.acceleratingHeld().name() + ", which grows faster and faster, from " + w.rate(g.heldBefore())
          + " to " + w.rate(g.heldNow()) + " objects per iteration";
    }
    return line;
  }

  /** "+1 java.net.URLClassLoader per iteration with their classes (org.h2.Driver, ...), held by ROUTE". */
  private String loaders(LoaderLeak l) {
    String classes = l.classes().size() <= 4 ? String.join(", ", l.classes())
        : String.join(", ", l.classes().subList(0, 4)) + " and " + (l.classes().size() - 4) + " more";
    return (l.loadersPerIteration() > 0 ? "+" + w.rate(l.loadersPerIteration()) + " " + l.loaderClass() + " per iteration"
        : l.loaderClass() + " loaders") + " with their classes (" + classes + ")"
        + (l.route() == null ? "" : ", held by " + w.route(l.route()));
  }

  /**
   * "Leak: +1 thread per iteration, 'pool-N-thread-1', started by ..., parked in ..., holding A, B (+1.1 KiB per
   * iteration in all)", and on JDK 21 and later "; their executors' thread containers stay registered in static
   * jdk.internal.vm.ThreadContainers.CONTAINER_REGISTRY (+1 java.util.concurrent.ConcurrentHashMap$Node per iteration)".
   */
  private String thread(ThreadLeak t, boolean withSites) {
    StringBuilder line = new StringBuilder(String.format("Leak: +%s thread%s per iteration, '%s'%s%s%s",
        w.rate(t.threadsPerIteration()), t.threadsPerIteration() == 1 ? "" : "s", t.name(),
        t.startedBy() == null ? "" : ", " + startedBy(t.startedBy()), t.parkedIn() == null ? "" : ", parked in " + w.frame(t.parkedIn()),
        t.held().isEmpty() ? "" : ", holding " + t.held().stream().map(Leak::className).collect(Collectors.joining(", "))));
    line.append(" (").append(w.signedBytes(Math.round(t.bytesPerIteration()))).append(" per iteration in all)");
    AllocationSites sites = withSites ? threadSites(t) : null;
    if (sites != null) {
      line.append("; ").append(sites(sites));
    }
    if (!t.containers().isEmpty()) {
      line.append("; their executors' thread containers stay registered in ")
          .append(w.reference(t.containers().get(0).route().root(), false)).append(" (")
          .append(t.containers().stream().map(c -> "+" + w.rate(c.series().instancesPerIteration()) + " " + c.className())
              .collect(Collectors.joining(", "))).append(" per iteration)");
    }
    return line.toString();
  }

  /**
   * Where a thread leak's objects were created: the sites of the leak of its threads' class (else of the first it holds
   * with any), the site that made what started them (the executor) first; null when no allocation was recorded.
   */
  private static AllocationSites threadSites(ThreadLeak t) {
    Leak of = t.held().stream().filter(l -> l.sites() != null && l.className().equals(t.threads().name())).findFirst()
        .orElse(t.held().stream().filter(l -> l.sites() != null && !l.sites().sites().isEmpty()).findFirst().orElse(null));
    if (of == null) {
      return null;
    }
    AllocationSites s = of.sites();
    String starter = t.startedBy() == null ? null : t.startedBy().className();
    List<AllocationSites.Site> ordered = new java.util.ArrayList<>(s.sites());
    ordered.sort(java.util.Comparator.comparing(site -> starter == null || !site.classes().contains(starter)));
    return new AllocationSites(s.instances(), s.instancesSampled(), s.samples(), ordered, s.madeAt(), s.sampledWell());
  }

  /** "started by X (thread factory Y)", "started as X (a Thread subclass)", "started with X (a Runnable)". */
  private static String startedBy(ThreadStarters.Starter s) {
    return switch (s.how()) {
      case EXECUTOR -> "started by " + s.className() + (s.factory() == null ? "" : " (thread factory " + s.factory() + ")");
      case SUBCLASS -> "started as " + s.className() + " (a Thread subclass)";
      case RUNNABLE -> "started with " + s.className() + " (a Runnable)";
    };
  }

  /** Why no verdict can rest on the series, with what shows it. */
  private String cannotJudge(CannotJudge c) {
    List<String> d = c.dumps();
    List<Long> v = c.values();
    return switch (c.why()) {
      case NO_ITERATIONS -> "no iteration counts to set the growth against; give --iterations (one count per dump, e.g."
          + " 1,10,100) for a verdict per class";
      case TOO_FEW_DUMPS -> w.count(v.get(0)) + " dump(s); telling growth in proportion to the iterations from a one-time"
          + " step takes three or more (after 1, 10 and 100 iterations, say)";
      case ITERATIONS_CONTRADICTED -> "the iterations given (" + counts(v.subList(0, v.size() / 2))
          + ") are not those the sidecars recorded (" + counts(v.subList(v.size() / 2, v.size())) + ")";
      case TRUNCATED -> w.cutOff(d.get(0), new dev.leakdiff.diff.Coverage(-1, v.get(0), v.get(1), false));
      case DAMAGED -> d.get(0) + " is damaged (the warnings say where): some of its counts and sizes are estimates";
      case SAME_DUMP -> d.get(0) + " and " + d.get(1) + " are the same dump";
      case OTHER_PROCESS -> "the sidecars name different processes (pids " + v.stream().distinct().map(String::valueOf)
          .collect(Collectors.joining(", ")) + ")";
      case RESTARTED -> "the process was restarted between the dumps (it started at " + v.stream().distinct()
          .map(m -> java.time.Instant.ofEpochMilli(m).toString()).collect(Collectors.joining(", then ")) + ")";
      case OUT_OF_ORDER -> d.get(1) + " was dumped before " + d.get(0) + " (at " + java.time.Instant.ofEpochMilli(v.get(1))
          + ", " + java.time.Instant.ofEpochMilli(v.get(0)) + "), not in the order of the series";
      case OTHER_PROGRAM -> d.get(1) + " lacks " + w.count(v.get(0)) + " boot class(es) " + d.get(0) + " has ("
          + String.join(", ", c.classes()) + (v.get(0) > c.classes().size() ? ", ..." : "") + "), which a JVM never"
          + " unloads: dumps of different programs";
    };
  }

  private String counts(List<Long> counts) {
    return counts.stream().map(w::count).collect(Collectors.joining(", "));
  }

  private String outside(OutsideHeap o) {
    String verdict = w.verdict(o.verdict());
    String rate = w.bytes(Math.round(o.perIteration()));
    return switch (o.what()) {
      case THREADS -> "Thread count grows by " + w.rate(o.perIteration()) + " per iteration (" + verdict + "): threads are"
          + " leaking, which the heap diff shows only as a few Thread objects.";
      case RSS -> "RSS grows by " + rate + " per iteration while the Java heap does not (" + verdict + ")" + (o.nativeMemoryTracked()
          ? ", nor any category of the JVM's native memory tracking: memory that native libraries allocate (malloc from JNI"
              + " code), or freed memory that the C allocator keeps."
          : ": look outside the heap (native memory, thread stacks, direct buffers, metaspace).");
      case BUFFER_POOL -> {
        String buffers = w.rate(o.countPerIteration()) + " buffer" + (o.countPerIteration() == 1 ? "" : "s");
        String what = o.name().equals("direct") ? "Direct buffers" : o.name().equals("mapped") ? "Mapped buffers"
            : "Buffers of pool " + o.name();
        String object = o.name().equals("mapped") ? "MappedByteBuffer" : "DirectByteBuffer";
        yield what + " grow by " + buffers + " and " + rate + " per iteration (" + verdict + "): native memory the heap dump"
            + " shows only as small " + object + " objects.";
      }
      case NATIVE_MEMORY -> "Native memory (NMT " + o.name() + ") grows by " + rate + " committed per iteration (" + verdict + ")"
          + (HOLDS.containsKey(o.name()) ? ": the category holds " + HOLDS.get(o.name()) : "") + ".";
    };
  }

  /**
   * "Outside the heap, the leak suspects hold +256.0 KiB of direct memory per iteration (io.netty.buffer.X +256.0 KiB
   * direct); RSS grows by 257.4 KiB per iteration."
   */
  private String heldOffHeap(HeldOffHeap h) {
    String each = h.top().stream().map(x -> x.className() + " " + w.offHeap(x.offHeap(), true)).collect(Collectors.joining(", "));
    return "Outside the heap, the leak suspects hold " + w.offHeap(h.total(), false) + " (" + each + (h.more() > 0 ? ", ..." : "")
        + ")" + (h.rssPerIteration() == null ? "" : "; RSS grows by " + w.bytes(Math.round(h.rssPerIteration())) + " per iteration")
        + ".";
  }
}
