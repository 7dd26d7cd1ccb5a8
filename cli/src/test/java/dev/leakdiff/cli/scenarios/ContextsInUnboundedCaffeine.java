package dev.leakdiff.cli.scenarios;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A static Caffeine cache built without a bound (no maximum size, no expiry) that every request is put in by its
 * id: it never evicts, so per call a context, the cache's entry (a node in its ConcurrentHashMap) and the id stay.
 */
public class ContextsInUnboundedCaffeine implements Runnable {
  static final Cache<String, RequestContext> RECENT = Caffeine.newBuilder().build();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    RequestContext c = new RequestContext(n);
    RECENT.put(c.id, c);
  }
}
