package dev.leakdiff.hunt.words;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.graph.Frame;
import dev.leakdiff.graph.Reference;
import dev.leakdiff.graph.RootKind;
import dev.leakdiff.graph.Route;
import dev.leakdiff.hunt.analysis.SuspectFacts;
import dev.leakdiff.hunt.findings.AllowedGrowth;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.findings.Held;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.layout.InferredLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * leakdiff's wording: numbers grouped by commas, sizes in KiB and MiB, chains as Java names them, findings in the
 * sentences the docs show. A wording of one's own may extend it and change what it will.
 */
public class English implements Words {
  static final English WORDS = new English();
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private final FindingSentences findings = new FindingSentences(this);

  protected English() {}

  @Override
  public String count(long n) {
    return Numbers.grouped(n);
  }

  @Override
  public String signedCount(long n) {
    return n > 0 ? "+" + count(n) : count(n);
  }

  @Override
  public String bytes(long n) {
    long abs = Math.abs(n);
    if (abs < 1024) {
      return n + " B";
    }
    double v = abs;
    int u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return (n < 0 ? "-" : "") + Numbers.oneDecimal(v) + " " + UNITS[u];
  }

  @Override
  public String signedBytes(long n) {
    return n > 0 ? "+" + bytes(n) : n == 0 ? "0" : bytes(n);
  }

  @Override
  public String rate(double perIteration) {
    if (Math.abs(perIteration) >= 100 || perIteration == Math.rint(perIteration)) {
      return String.format(Locale.ROOT, "%,.0f", perIteration);
    }
    return String.format(Locale.ROOT, "%.2f", perIteration);
  }

  @Override
  public String verdict(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String perIteration(ClassSeries s) {
    return "+" + rate(s.instancesPerIteration()) + " obj, " + signedBytes(Math.round(s.bytesPerIteration()));
  }

  @Override
  public String suspectLine(ClassSeries s, SuspectFacts f) {
    return String.format("%-11s %s: %s", verdict(s.verdict()), s.name(), perIteration(s)) + (f == null ? "" : facts(s.name(), f));
  }

  @Override
  public String facts(String className, SuspectFacts f) {
    String offHeap = offHeap(SuspectFacts.offHeap(java.util.Map.of(className, f), List.of(className)), true);
    return (offHeap == null ? "" : ", " + offHeap) + (f.mostlyAlike() ? "; " + alike(f.alike(), f.instances(), "instances") : "");
  }

  /** "100 of 100 instances have identical field values", what (say, "com.acme.Key instances") counted. */
  String alike(long alike, long instances, String what) {
    return count(alike) + " of " + count(instances) + " " + what + " have identical field values";
  }

  /**
   * The native memory a leak takes more per iteration: "+1.0 MiB of direct memory per iteration" (or, brief, "+1.0 MiB
   * direct"), mapped files apart; null for none.
   */
  String offHeap(Leak.OffHeap o, boolean brief) {
    if (o == null) {
      return null;
    }
    String d = o.directPerIteration() > 0 ? signedBytes(Math.round(o.directPerIteration())) + (brief ? " direct" : " of direct memory") : null;
    String m = o.mappedPerIteration() > 0 ? signedBytes(Math.round(o.mappedPerIteration())) + (brief ? " mapped" : " of mapped files") : null;
    if (d == null && m == null) {
      return null;
    }
    return (d == null ? m : m == null ? d : d + " and " + m) + (brief ? "" : " per iteration");
  }

  @Override
  public String classCounts(ClassSeries s) {
    StringBuilder sb = new StringBuilder("classes: ");
    for (int i = 0; i < s.classCounts().length; i++) {
      sb.append(i == 0 ? "" : " -> ").append(s.classCounts()[i]);
    }
    return sb.toString();
  }

  @Override
  public String layout(InferredLayout l) {
    if (!l.inferred()) {
      return l.layout().name() + " (assumed: too little evidence in the dump)";
    }
    return l.layout().name() + " (inferred: " + count(l.exact()) + " of " + count(l.pairs()) + " sampled objects fit exactly)";
  }

  @Override
  public String reference(Reference r) {
    return reference(r, true);
  }

  /** A reference's words; a static field's with the loader of its class when withLoader. */
  String reference(Reference r, boolean withLoader) {
    return switch (r.kind()) {
      case STATIC_FIELD -> "static " + r.owner() + "." + r.name() + (withLoader ? " (" + loadedBy(r.loader()) + ")" : "");
      case SCENARIO_FIELD -> "the scenario " + r.owner() + (r.name() == null ? "" : "." + r.name());
      case FIELD, ARRAY_ELEMENT, ELEMENT, ENTRY, MAP_KEY, MAP_VALUE, THREAD_LOCAL_VALUE, CLASS_OF -> r.owner() + field(r);
      case CLASS_SLOT -> "class " + r.owner() + " " + r.name();
      case SYSTEM_CLASS -> "a " + loadedBy(r.owner());
      case THREAD -> "thread " + thread(r.thread());
      case LOCAL -> "local variable of thread " + thread(r.thread()) + inFrame(r.thread().frame());
      case JNI_LOCAL -> "JNI local of thread " + thread(r.thread()) + inFrame(r.thread().frame());
      case NATIVE_STACK -> "native stack of thread " + thread(r.thread());
      case THREAD_BLOCK -> "blocked thread " + thread(r.thread());
      case JNI_GLOBAL -> "JNI global reference";
      case MONITOR -> "monitor in use";
      case ROOT -> r.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " root";
    };
  }

  private static String loadedBy(String loader) {
    return "class loaded by " + (loader == null ? "the bootstrap loader" : loader);
  }

  private static String thread(Reference.ThreadRoot t) {
    return t.name() != null ? "'" + t.name() + "'" : "#" + t.serial();
  }

  private String inFrame(Frame f) {
    return f == null ? "" : " in " + frame(f);
  }

  @Override
  public String frame(Frame f) {
    String line = f.line() > 0 ? ":" + f.line() : f.line() == Frame.NATIVE ? " native" : "";
    return f.className() + "." + f.method() + "(" + f.file() + line + ")";
  }

  @Override
  public String route(Route r) {
    return r.hops().stream().map(h -> reference(h.reference(), false)).collect(Collectors.joining(" -> "));
  }

  @Override
  public String field(Reference r) {
    return switch (r.kind()) {
      case FIELD -> "." + r.name() + (r.repeated() ? "*" : "");
      case ARRAY_ELEMENT, ELEMENT, ENTRY -> "[*]";
      case MAP_KEY -> "[key]";
      case MAP_VALUE -> "[value]";
      case THREAD_LOCAL_VALUE -> "[value" + (r.via() == null ? "" : " of " + reference(r.via(), false)) + "]";
      case CLASS_OF -> ".<class>";
      default -> reference(r, false);
    };
  }

  @Override
  public String shortReference(Reference r) {
    String full = switch (r.kind()) {
      case STATIC_FIELD -> "static " + simple(r.owner()) + "." + r.name();
      case SCENARIO_FIELD -> "the scenario " + simple(r.owner()) + (r.name() == null ? "" : "." + r.name());
      case CLASS_SLOT -> "class " + simple(r.owner()) + " " + r.name();
      default -> reference(r, false);
    };
    return full.length() > 60 ? full.substring(0, 57) + "..." : full;
  }

  /** A class name without its package: com.acme.Outer$Inner as Outer$Inner. */
  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  @Override
  public String heldRole(Held.Role role) {
    return switch (role) {
      case ENTRIES -> "its collection's entries";
      case KEYS -> "their keys";
      case VALUES -> "other values of the same collection";
      case HELD -> "what it holds";
    };
  }

  @Override
  public String rootKind(RootKind kind) {
    return kind == RootKind.SYSTEM_CLASS ? "class" : kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  @Override
  public String depth(int min, int max) {
    return (min == max ? String.valueOf(min) : min + "-" + max) + " hops";
  }

  @Override
  public String cutOff(String dump, dev.leakdiff.diff.Coverage c) {
    return dump + " is cut off at byte " + count(c.truncatedAt()) + ", after " + bytes(c.heapBytesRead())
        + " of heap records: its counts are of what came before the break";
  }

  @Override
  public String finding(Finding f) {
    return findings.line(f);
  }

  @Override
  public String findingWithoutSites(Finding f) {
    return findings.line(f, false);
  }

  @Override
  public String allocationSites(Finding f) {
    return findings.sites(f);
  }

  @Override
  public String noLeak() {
    return "No leak: no class grows in proportion to the iterations.";
  }

  @Override
  public String leakBody(Leak leak) {
    return findings.leakBody(leak);
  }

  @Override
  public String checkFailure(String name, long[] iterations, List<Finding> leaks, List<ClassSeries> suspects,
      Function<String, SuspectFacts> facts, List<AllowedGrowth> allowed, Path directory) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%s leaks: %d class(es) grow in proportion to the iterations (dumps after %s iterations)", name,
        suspects.size(), Arrays.stream(iterations).mapToObj(this::count).collect(Collectors.joining(", "))));
    leaks.forEach(l -> lines.add(finding(l)));
    lines.add("Suspects (objects and bytes per iteration):");
    suspects.forEach(s -> lines.add("  " + suspectLine(s, facts.apply(s.name()))));
    allowed.forEach(a -> lines.add("Allowed: " + allowed(a)));
    if (directory != null) {
      lines.add("The dumps are in " + directory + " (leakdiff compare and leakdiff paths read them).");
    }
    return String.join(System.lineSeparator(), lines);
  }

  @Override
  public String allowed(AllowedGrowth a) {
    return a.series().name() + " " + perIteration(a.series()) + " per iteration"
        + (a.heldSuspects() == 0 ? "" : ", with the " + a.heldSuspects() + " suspect class(es) it holds")
        + " (allowed as " + a.pattern() + (a.reason().isBlank() ? "" : ": " + a.reason()) + ")";
  }
}
