package dev.leakdiff.hunt;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Sizes;
import java.util.ArrayList;
import java.util.List;

/**
 * The finding of a hunt in words, the same wherever it is shown (run's report, a failed leak test): one
 * {@code Leak:} line per root of the leak, or the one line that says there is none, and a line per suspect.
 */
public final class Findings {
  private Findings() {}

  /** "Leak: CLASS grows by N per iteration (...), held by ROUTE", one per root; or "No leak: ..." when there is none. */
  public static List<String> leakLines(HuntResult r) {
    if (r.roots().isEmpty()) {
      return List.of("No leak: no class grows in proportion to the iterations.");
    }
    return leakLines(r.roots());
  }

  /** The "Leak: ..." line of each of these roots. */
  public static List<String> leakLines(List<LeakRoot> roots) {
    List<String> lines = new ArrayList<>();
    for (LeakRoot root : roots) {
      lines.add(String.format("Leak: %s grows by %s per iteration (%s per iteration with what it holds)%s", root.series().name(),
          Sizes.rate(root.series().instancesPerIteration()), Sizes.signedBytes(Math.round(root.bytesPerIteration())),
          root.route() == null ? ", held by no strong chain" : ", held by " + root.route()));
    }
    return lines;
  }

  /** A suspect's verdict and growth per iteration: "leak        CLASS: +1 obj, +24 B". */
  public static String suspectLine(ClassSeries s) {
    return String.format("%-11s %s: %s", s.verdict().word(), s.name(), perIteration(s));
  }

  /** Growth per iteration in objects and bytes: "+1 obj, +24 B". */
  public static String perIteration(ClassSeries s) {
    return "+" + Sizes.rate(s.instancesPerIteration()) + " obj, " + Sizes.signedBytes(Math.round(s.bytesPerIteration()));
  }
}
