package dev.leakdiff.hunt.words;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.graph.Frame;
import dev.leakdiff.graph.Hop;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A second wording, terse and machine-like, unlike {@link English} in every word and number: the tests render with it
 * to show that no decision (exit codes, JSON values, a leak test's outcome) depends on the words. Public, with a
 * public constructor, so that a leak test can name it in its configuration ({@code leakdiff.words}).
 */
public final class OtherWords implements Words {
  /** Every sentence of this wording starts with it. */
  public static final String MARK = "~";

  @Override
  public String count(long n) {
    return Long.toString(n);
  }

  @Override
  public String signedCount(long n) {
    return (n > 0 ? "plus" : "") + n;
  }

  @Override
  public String bytes(long n) {
    return n + "bytes";
  }

  @Override
  public String signedBytes(long n) {
    return (n > 0 ? "plus" : "") + n + "bytes";
  }

  @Override
  public String rate(double perIteration) {
    return String.format(Locale.ROOT, "%.4f", perIteration);
  }

  @Override
  public String verdict(Verdict v) {
    return "V-" + v.name();
  }

  @Override
  public String perIteration(ClassSeries s) {
    return "[objs/it " + rate(s.instancesPerIteration()) + " bytes/it " + rate(s.bytesPerIteration()) + "]";
  }

  @Override
  public String suspectLine(ClassSeries s, SuspectFacts f) {
    return MARK + "suspect " + s.name() + " " + verdict(s.verdict()) + " " + perIteration(s);
  }

  @Override
  public String facts(String className, SuspectFacts f) {
    return " {alike " + f.alike() + "/" + f.instances() + "}";
  }

  @Override
  public String classCounts(ClassSeries s) {
    return "loaded " + Arrays.toString(s.classCounts());
  }

  @Override
  public String layout(InferredLayout layout) {
    return "layout=" + layout.layout().name() + "/" + layout.inferred();
  }

  @Override
  public String reference(Reference r) {
    return "<" + r.kind() + " " + r.owner() + " " + r.name() + (r.thread() == null ? "" : " " + r.thread().name()) + ">";
  }

  @Override
  public String route(Route r) {
    return r.hops().stream().map(Hop::reference).map(this::reference).collect(Collectors.joining(" | "));
  }

  @Override
  public String frame(Frame f) {
    return f.className() + "#" + f.method() + "@" + f.line();
  }

  @Override
  public String field(Reference r) {
    return "/" + r.kind() + "/" + r.name();
  }

  @Override
  public String shortReference(Reference r) {
    return "<" + r.kind() + ">";
  }

  @Override
  public String heldRole(Held.Role role) {
    return "ROLE-" + role;
  }

  @Override
  public String rootKind(RootKind kind) {
    return "ROOT-" + kind;
  }

  @Override
  public String depth(int min, int max) {
    return min + ".." + max;
  }

  @Override
  public String cutOff(String dump, dev.leakdiff.diff.Coverage coverage) {
    return MARK + "cut " + dump + " at " + coverage.truncatedAt() + " read " + coverage.heapBytesRead();
  }

  @Override
  public String finding(Finding f) {
    return MARK + "finding " + f.kind() + (f.leak() ? " LEAKING" : "") + (f instanceof Leak l ? " " + l.className() + " via "
        + (l.route() == null ? "nothing" : route(l.route())) : "");
  }

  @Override
  public String noLeak() {
    return MARK + "nothing leaks";
  }

  @Override
  public String leakBody(Leak leak) {
    return leak.className();
  }

  @Override
  public String findingWithoutSites(Finding f) {
    return finding(f);
  }

  @Override
  public String allocationSites(Finding f) {
    return f instanceof Leak l && l.sites() != null ? MARK + "sites " + l.sites().sites().size() : null;
  }

  @Override
  public String checkFailure(String name, long[] iterations, List<Finding> leaks, List<ClassSeries> suspects,
      Function<String, SuspectFacts> facts, List<AllowedGrowth> allowed, Path directory) {
    return MARK + "check " + name + " failed: " + leaks.stream().map(this::finding).collect(Collectors.joining(" / "))
        + " suspects " + suspects.stream().map(ClassSeries::name).collect(Collectors.joining(","));
  }

  @Override
  public String allowed(AllowedGrowth a) {
    return MARK + "allowed " + a.series().name() + " as " + a.pattern();
  }
}
