package dev.leakdiff.hunt.findings;

import dev.leakdiff.graph.Route;
import java.util.List;

/**
 * Growth that a bound stops: a cache, not a leak, unless it outgrows its bound or its bound would fill the heap.
 * Either the count stopped (a plateau: it grew while the planned stages ran and not in the stage added to tell), or
 * the route passes through a cache whose bound on entries is in the heap (Caffeine's maximum size), above the count.
 *
 * @param className the class that grows to the bound (the cache's values, or its entries)
 * @param others the classes that stop with it (the cache's entries, keys)
 * @param route its route from a GC root in the last dump, or null
 * @param entries its instances on that route in the last dump
 * @param bound the bound on entries read from the heap, or -1 when the bound is in code (a plateau)
 * @param cacheClass the class of the cache object whose bound it is, or null
 * @param plateau the count stopped growing in the last stage
 * @param entryBytes the bytes an entry keeps alive (its share of what the leak keeps over its entries); 0 when unknown
 * @param maxHeap the maximum heap of the JVM, or -1 when unknown
 * @param asLeak the leak the growth was taken for before the bound was seen, or null (a plateau)
 */
public record BoundedCache(String className, List<String> others, Route route, long entries, long bound, String cacheClass,
    boolean plateau, double entryBytes, long maxHeap, Leak asLeak) implements Finding {
  public BoundedCache {
    others = List.copyOf(others);
  }

  @Override
  public String kind() {
    return "boundedCache";
  }

  /** A leak all the same when it holds more than its bound, or when its bound, full, would not fit in the heap. */
  @Override
  public boolean leak() {
    return (bound >= 0 && entries > bound) || fillsHeap();
  }

  /** Whether the bound times the bytes an entry keeps is more than the heap's maximum. */
  public boolean fillsHeap() {
    return bound >= 0 && maxHeap > 0 && entryBytes > 0 && bound * entryBytes > maxHeap;
  }
}
