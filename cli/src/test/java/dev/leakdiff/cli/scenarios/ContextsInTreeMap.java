package dev.leakdiff.cli.scenarios;

import java.util.Map;
import java.util.TreeMap;

/**
 * A static TreeMap of requests ordered by their number, "for the slowest-first report", never pruned: per call a
 * context, a tree entry and a boxed key (a Long beyond the Long cache) stay. The entries form a red-black tree,
 * so the contexts sit at many depths below the map.
 */
public class ContextsInTreeMap implements Runnable {
  static final Map<Long, RequestContext> BY_NUMBER = new TreeMap<>();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    BY_NUMBER.put(1_000_000L + n, new RequestContext(n));
  }
}
