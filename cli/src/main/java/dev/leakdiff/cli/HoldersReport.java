package dev.leakdiff.cli;

import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.analysis.HuntResult;
import dev.leakdiff.hunt.findings.Held;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintWriter;
import java.util.List;

/** Who holds the leak suspects: each leak's chains from GC roots, ranked by their growth between the last two dumps. */
final class HoldersReport {
  private final PrintWriter out;
  private final Words words;
  private final int chains;
  private final int maxDepth;

  HoldersReport(PrintWriter out, Words words, int chains, int maxDepth) {
    this.out = out;
    this.words = words;
    this.chains = chains;
    this.maxDepth = maxDepth;
  }

  /** The section, when something leaks; nothing otherwise. */
  void print(HuntResult r) {
    if (!r.leaks().isEmpty()) {
      out.printf("%nWho holds the leak suspects: chains from GC roots in %s, ranked by their growth since %s%n",
          r.lastDumpName(), r.previousDumpName());
      r.leaks().forEach(leak -> root(r, leak));
    }
  }

  private void root(HuntResult result, Leak leak) {
    out.println();
    SuspectHolders.Holder holder = result.holder(leak.className());
    PathGroups.Result p = holder.paths();
    out.printf("%s  %s per iteration%s%s%n", leak.className(), words.perIteration(leak.series()),
        words.facts(leak.className(), result.facts(leak.className())), leak.holds().isEmpty() ? ""
            : "; with the " + leak.holds().size() + " suspect class(es) it holds, "
                + words.signedBytes(Math.round(leak.bytesPerIteration())) + " per iteration");
    out.printf("  %s instances, %s held through strong references in %s group(s)%s%n", words.count(p.instances()),
        words.count(p.strong()), words.count(p.groups().size()),
        (p.weakOnly() > 0 ? ", " + words.count(p.weakOnly()) + " only weakly" : "")
            + (p.staleOnly() > 0 ? ", " + words.count(p.staleOnly()) + " only through cleared references" : ""));
    List<SuspectHolders.Growth> routes = shownRoutes(holder, chains);
    for (int i = 0; i < routes.size(); i++) {
      SuspectHolders.Growth route = routes.get(i);
      PathGroups.Group g = route.group();
      out.printf("  #%d  %s instances (%s -> %s), %s, root: %s, %s%n", i + 1, words.signedCount(route.growth()),
          words.count(route.before()), words.count(g.count()), words.bytes(g.bytes()), words.rootKind(g.root()),
          words.depth(g.minDepth(), g.maxDepth()));
      PathsReport.printHops(out, g.route(), maxDepth, "      ", words);
    }
    if (routes.size() < p.groups().size()) {
      out.printf("  %d more group(s)%s%n", p.groups().size() - routes.size(), routes.size() < chains ? " that do not grow" : "");
    }
    if (!leak.holds().isEmpty()) {
      out.println("  holds these suspects too (they leak because it does):");
      for (Held h : leak.holds()) {
        out.println("    " + words.suspectLine(h.series(), result.facts(h.name()))
            + (h.role() == Held.Role.HELD ? "" : " (" + words.heldRole(h.role()) + ")"));
      }
    }
  }

  /** The routes to show: those that grew, fastest first, up to chains; the biggest one when none grew. */
  static List<SuspectHolders.Growth> shownRoutes(SuspectHolders.Holder h, int chains) {
    List<SuspectHolders.Growth> grew = h.routes().stream().filter(r -> r.growth() > 0).limit(Math.max(1, chains)).toList();
    return grew.isEmpty() ? h.routes().stream().limit(1).toList() : grew;
  }
}
