package dev.leakdiff.cli.scenarios;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An LRU map of the last 64 requests' contexts (a LinkedHashMap in access order that drops its eldest entry past 64):
 * bounded in code, so the count of its entries grows for 64 calls and then stops.
 */
public class LruCache implements Runnable {
  public static final int BOUND = 64;
  static final Map<Long, RequestContext> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, RequestContext> eldest) {
      return size() > BOUND;
    }
  };
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    RECENT.put(1_000_000L + n, new RequestContext(n));
  }
}
