package dev.leakdiff.hunt;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Sizes;
import dev.leakdiff.diff.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The finding of a hunt in words, the same wherever it is shown (run's report, a failed leak test): one
 * {@code Leak:} line per root of the leak, or the one line that says there is none, and a line per suspect.
 */
public final class Findings {
  private Findings() {}

  /**
   * "Leak: CLASS grows by N per iteration (...), held by ROUTE", one per root of the leak, with the class loaders it
   * keeps; a leaking class loader no suspect holds gets a line of its own; "No leak: ..." when there is none.
   */
  public static List<String> leakLines(HuntResult r) {
    if (r.roots().isEmpty() && r.loaderLeaks().isEmpty()) {
      return List.of("No leak: no class grows in proportion to the iterations.");
    }
    List<String> lines = new ArrayList<>();
    List<LeakRoot> roots = r.roots();
    ThreadLeak t = r.threadLeak();
    if (t != null) {
      // one finding: the threads, what only they hold, and their containers' registry
      lines.add(t.line());
      roots = roots.stream().filter(x -> !t.covers(x)).toList();
    }
    lines.addAll(leakLines(roots, r.loaderLeaks(), r.comparison().iterations(), r.facts()));
    return lines;
  }

  /**
   * The "Leak: ..." line of each of these roots, with the native memory it holds and whether its instances are alike
   * (from the facts by class name), with the loader leaks each holds, and one per loader leak left.
   */
  public static List<String> leakLines(List<LeakRoot> roots, List<LoaderLeak> loaderLeaks, long[] iterations,
      Map<String, SuspectFacts> facts) {
    List<String> lines = new ArrayList<>();
    List<LoaderLeak> told = new ArrayList<>();
    for (LeakRoot root : roots) {
      List<String> names = new ArrayList<>();
      names.add(root.series().name());
      root.holds().forEach(h -> names.add(h.name()));
      String offHeap = SuspectFacts.nativeWords(facts, names, false);
      StringBuilder line = new StringBuilder(String.format("Leak: %s %s (%s per iteration with what it holds%s)%s",
          root.series().name(), growth(root.series(), root.holds(), iterations), Sizes.signedBytes(Math.round(root.bytesPerIteration())),
          offHeap == null ? "" : ", and " + offHeap, root.route() == null ? ", held by no strong chain" : ", held by " + root.route()));
      SuspectFacts own = facts.get(root.series().name()); // the suspects it holds say it in their own lines
      if (own != null && own.mostlyAlike()) {
        String name = root.series().name();
        line.append("; ").append(Sizes.count(own.alike())).append(" of ").append(Sizes.count(own.instances())).append(' ')
            .append(name).append(" instances have identical field values");
        if (root.route() != null && root.route().matches(".*(HashMap|HashSet|Hashtable)\\b.*")) {
          line.append(" (kept apart in a hash map or set: does ").append(name).append(" define equals and hashCode?)");
        }
      }
      for (LoaderLeak l : loaderLeaks) {
        boolean held = root.holds().stream().anyMatch(s -> s.name().equals(l.loaderClass()));
        if (held || root.series().name().equals(l.loaderClass())) {
          line.append("; a class-loader leak: ").append(loaders(l)).append(l.route() == null ? "" : ", held by " + l.route());
          told.add(l);
        }
      }
      lines.add(line.toString());
    }
    for (LoaderLeak l : loaderLeaks) {
      if (!told.contains(l)) {
        lines.add("Leak: a class-loader leak: " + loaders(l) + (l.route() == null ? "" : ", held by " + l.route()));
      }
    }
    return lines;
  }

  /**
   * How a root of the leak grows: "grows by 1 per iteration"; "grows faster and faster, from 12 to 85 objects per
   * iteration" when its rate rises from one interval to the next. When its count grows steadily but its bytes, with
   * those of the suspects it holds, rise faster and faster (a snapshot holding a copy of a growing history), it says
   * so, and it names a held suspect whose count itself grows faster and faster.
   */
  static String growth(ClassSeries s, List<ClassSeries> holds, long[] iterations) {
    int m = s.instances().length - 1;
    if (iterations == null || m < 2) {
      return "grows by " + Sizes.rate(s.instancesPerIteration()) + " per iteration";
    }
    if (s.verdict() == Verdict.SUPERLINEAR) {
      return "grows faster and faster, " + fromTo(s, iterations) + " objects per iteration";
    }
    String line = "grows by " + Sizes.rate(s.instancesPerIteration()) + " per iteration";
    double spanBefore = iterations[m - 1] - iterations[m - 2];
    double span = iterations[m] - iterations[m - 1];
    double bytesBefore = 0;
    double bytesNow = 0;
    for (ClassSeries c : holdsAnd(s, holds)) {
      bytesBefore += (c.bytes()[m - 1] - c.bytes()[m - 2]) / spanBefore;
      bytesNow += (c.bytes()[m] - c.bytes()[m - 1]) / span;
    }
    if (s.verdict() == Verdict.LEAK && bytesBefore > 0 && bytesNow > 2 * bytesBefore && bytesNow - bytesBefore >= 64) {
      line += ", and " + (holds.isEmpty() ? "its" : "with what it holds its") + " bytes faster and faster, from "
          + Sizes.bytes(Math.round(bytesBefore)) + " to " + Sizes.bytes(Math.round(bytesNow)) + " per iteration";
    }
    for (ClassSeries h : holds) {
      if (h.verdict() == Verdict.SUPERLINEAR) {
        return line + ", holding " + h.name() + ", which grows faster and faster, " + fromTo(h, iterations) + " objects per iteration";
      }
    }
    return line;
  }

  private static List<ClassSeries> holdsAnd(ClassSeries s, List<ClassSeries> holds) {
    List<ClassSeries> all = new ArrayList<>(holds);
    all.add(s);
    return all;
  }

  /** "from 6 to 55.50": the objects per iteration in the interval before the last, and in the last. */
  private static String fromTo(ClassSeries s, long[] iterations) {
    int m = s.instances().length - 1;
    return "from " + Sizes.rate((s.instances()[m - 1] - s.instances()[m - 2]) / (double) (iterations[m - 1] - iterations[m - 2]))
        + " to " + Sizes.rate((s.instances()[m] - s.instances()[m - 1]) / (double) (iterations[m] - iterations[m - 1]));
  }

  /**
   * The native memory the leak suspects hold, set beside the process's growth it explains: "Outside the heap, the
   * leak suspects hold +256.0 KiB of direct memory per iteration (io.netty.buffer.PooledUnsafeDirectByteBuf +256.0
   * KiB direct); RSS grows by 257.4 KiB per iteration." Empty when they hold less than 1 KiB more per iteration.
   */
  public static List<String> outsideExplained(HuntResult r) {
    List<String> names = r.suspects().stream().map(ClassSeries::name)
        .filter(n -> SuspectFacts.nativeWords(r.facts(), List.of(n), true) != null)
        .sorted(java.util.Comparator.comparingDouble((String n) -> -r.facts(n).directBytesPerIteration())).toList();
    String words = SuspectFacts.nativeWords(r.facts(), names, false);
    if (words == null) {
      return List.of();
    }
    List<String> each = names.stream().limit(3).map(n -> n + " " + SuspectFacts.nativeWords(r.facts(), List.of(n), true)).toList();
    ProcessGrowth p = r.process();
    String rss = p.rss() == null ? "" : "; RSS grows by " + Sizes.bytes(Math.round(p.rssPerIteration())) + " per iteration";
    return List.of("Outside the heap, the leak suspects hold " + words + " (" + String.join(", ", each)
        + (names.size() > 3 ? ", ..." : "") + ")" + rss + ".");
  }

  /**
   * The classes that grew in the last stage alone, even after the stage leakdiff added to tell ({@link
   * dev.leakdiff.diff.Verdict#LATE}): no suspect, but no clean bill either. "Unclear: X grew between 100 and 200
   * iterations alone: ...".
   */
  public static List<String> lateLines(HuntResult r) {
    long[] its = r.comparison().iterations();
    List<String> lines = new ArrayList<>();
    for (ClassSeries s : r.comparison().classes()) {
      if (s.verdict() == Verdict.LATE) {
        lines.add(String.format("Unclear: %s grew between %s and %s iterations alone: a one-time step, or a leak that began"
            + " late; a longer last stage tells (--iterations ...,%s)", s.name(), Sizes.count(its[its.length - 2]),
            Sizes.count(its[its.length - 1]), Sizes.count(its[its.length - 1] * 10)));
      }
    }
    return lines;
  }

  /** ", the last one added to tell a step from a leak" when leakdiff ran one stage more than asked, else "". */
  public static String addedStage(HuntResult r) {
    return r.comparison().iterations().length > r.spec().iterations().length
        ? "; the last stage added: something grew in the one before alone" : "";
  }

  /** "+1 java.net.URLClassLoader per iteration with its classes (org.h2.Driver, ...)". */
  private static String loaders(LoaderLeak l) {
    String classes = l.classes().size() <= 4 ? String.join(", ", l.classes())
        : String.join(", ", l.classes().subList(0, 4)) + " and " + (l.classes().size() - 4) + " more";
    return (l.loadersPerIteration() > 0 ? "+" + Sizes.rate(l.loadersPerIteration()) + " " + l.loaderClass() + " per iteration"
        : l.loaderClass() + " loaders") + " with their classes (" + classes + ")";
  }

  /** A suspect's verdict and growth per iteration: "leak        CLASS: +1 obj, +24 B". */
  public static String suspectLine(ClassSeries s) {
    return String.format("%-11s %s: %s", s.verdict().word(), s.name(), perIteration(s));
  }

  /**
   * The same with what the dumps' field values tell: "leak        CLASS: +1 obj, +72 B, +256 KiB direct; 100 of 100
   * instances have identical field values".
   */
  public static String suspectLine(ClassSeries s, SuspectFacts f) {
    return suspectLine(s) + factsText(s.name(), f);
  }

  /** What a suspect's facts add to its growth: ", +256 KiB direct; 100 of 100 instances have identical field values". */
  public static String factsText(String className, SuspectFacts f) {
    String offHeap = SuspectFacts.nativeWords(Map.of(className, f), List.of(className), true);
    return (offHeap == null ? "" : ", " + offHeap) + (f.alikeWords() == null ? "" : "; " + f.alikeWords());
  }


  /** Growth per iteration in objects and bytes: "+1 obj, +24 B". */
  public static String perIteration(ClassSeries s) {
    return "+" + Sizes.rate(s.instancesPerIteration()) + " obj, " + Sizes.signedBytes(Math.round(s.bytesPerIteration()));
  }
}
