package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.Route;

/**
 * A leak in bytes, not in objects: a class whose count is steady while its bytes grow in proportion to the iterations,
 * because objects it has on one route (a builder's array, a stream's buffer) grow. Routes are matched between the last
 * two dumps by their hops (objects move between dumps), and the route whose bytes grew most with a steady count is the
 * one named.
 *
 * @param series the class across the dumps (its count steady, its bytes growing)
 * @param route the route of the growing objects from a GC root in the last dump
 * @param objects how many of its objects are on that route in the last dump
 * @param bytesBefore their bytes in the dump before the last
 * @param bytesNow their bytes in the last dump
 * @param bytesPerIteration how much their bytes grew per iteration between those dumps
 */
public record BytesGrowth(ClassSeries series, Route route, long objects, long bytesBefore, long bytesNow,
    double bytesPerIteration) implements Finding {
  @Override
  public String kind() {
    return "bytesGrowth";
  }

  @Override
  public boolean leak() {
    return true;
  }

  public String className() {
    return series.name();
  }
}
