package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.ClassSeries;

/**
 * A class that grows like a leak when every instance counts, but not when only strongly held ones do: weak, soft or
 * cleared references hold the growth, which the GC may clear. No leak.
 */
public record ClearableCache(ClassSeries series) implements Finding {
  @Override
  public String kind() {
    return "clearableCache";
  }

  @Override
  public boolean leak() {
    return false;
  }
}
