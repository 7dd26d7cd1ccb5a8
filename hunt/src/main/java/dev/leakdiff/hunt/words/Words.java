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
import java.util.List;

/**
 * The words of leakdiff: every sentence, number and chain a person reads is made here from values, for the text
 * reports, the text fields of JSON, the HTML report and a failed leak test's message alike. Nothing decides on what
 * these return. {@link #english()} is the wording leakdiff uses; another wording is another implementation (a test
 * renders with one to show that no decision depends on the words).
 */
public interface Words {
  /** leakdiff's own wording. */
  static Words english() {
    return English.WORDS;
  }

  /** 1,234,567. */
  String count(long n);

  /** +1,234 (no sign for 0 and less). */
  String signedCount(long n);

  /** 12.3 MiB. */
  String bytes(long n);

  /** +12.3 MiB, or 0. */
  String signedBytes(long n);

  /** A rate per iteration: 1, 0.64, 1,024. */
  String rate(double perIteration);

  /** A verdict's word: leak, superlinear, grows, late, init, stable, shrinks. */
  String verdict(Verdict v);

  /** Growth per iteration in objects and bytes: "+1 obj, +24 B". */
  String perIteration(ClassSeries s);

  /**
   * A suspect's verdict, growth per iteration and what the dumps' field values tell of it: "leak        CLASS: +1 obj,
   * +72 B, +256 KiB direct; 100 of 100 instances have identical field values".
   */
  String suspectLine(ClassSeries s, SuspectFacts f);

  /** What a suspect's facts add to its growth: ", +256 KiB direct; 100 of 100 instances have identical field values". */
  String facts(String className, SuspectFacts f);

  /** How many classes of a name each dump has loaded: "classes: 1 -> 2 -> 3". */
  String classCounts(ClassSeries s);

  /** The object layout and its evidence: "compressed-oops (inferred: 2,048 of 2,050 sampled objects fit exactly)". */
  String layout(InferredLayout layout);

  /** How a reference holds the next object, with the loader of a static field's class: "static com.acme.Foo.BAR (...)". */
  String reference(Reference r);

  /** A route on one line, root first, loaders left out: "static com.acme.Foo.BAR -> java.util.HashMap[value]". */
  String route(Route r);

  /** A frame: "com.acme.Worker.run(Worker.java:42)". */
  String frame(Frame f);

  /** The part of a reference after its owner, for a graph's edge: ".next", "[value]", "[*]", ".<class>". */
  String field(Reference r);

  /** A reference in short, for a graph's root: classes without their package ("static Worker.HISTORY"). */
  String shortReference(Reference r);

  /** What a suspect held inside a leak is to the leak's root: "its collection's entries", "what it holds". */
  String heldRole(Held.Role role);

  /** The kind of a chain's root: "class", "thread object", "java frame", ... */
  String rootKind(RootKind kind);

  /** A chain's length in hops: "6 hops", "6-10 hops". */
  String depth(int min, int max);

  /**
   * How much of a cut-off dump was read: "trunc.hprof is cut off at byte 8,999,951, after 4.8 MiB of heap records: its
   * counts are of what came before the break".
   */
  String cutOff(String dump, dev.leakdiff.diff.Coverage coverage);

  /** A finding on one line: "Leak: ...", "Unclear: ...", "Not a leak: ...", a warning outside the heap, ... */
  String finding(Finding f);

  /** The same line without where a leak's objects were created (a page shows that under it). */
  String findingWithoutSites(Finding f);

  /**
   * Where a leak's objects were created, as its line ends with it: "what it keeps was created in
   * tech.tablesaw.api.Table.first(Table.java:652) called from com.acme.Search.run(Search.java:118) (...)"; null when the
   * finding has none (no allocation recorded, or a kind that has no sites).
   */
  String allocationSites(Finding f);

  /** The one line when no finding is a leak. */
  String noLeak();

  /** A leak, without its leading word: what follows "Leak: " (for the HTML report's and a test's lists). */
  String leakBody(Leak leak);

  /**
   * A failed leak test's message: its name and dumps, the leaks as run prints them, the suspects' rows, the allowed
   * growth, where the dumps are (null: deleted).
   */
  String checkFailure(String name, long[] iterations, List<Finding> leaks, List<ClassSeries> suspects,
      java.util.function.Function<String, SuspectFacts> facts, List<AllowedGrowth> allowed, Path directory);

  /** A line of allowed growth: "CLASS +1 obj, +24 B per iteration (allowed as GLOB: REASON)". */
  String allowed(AllowedGrowth a);
}
