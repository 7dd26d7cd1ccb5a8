package dev.leakdiff.cli.scenarios;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A static Caffeine cache built without a bound (no maximum size, no expiry) that every request is put in by its
 * id: it never evicts, so per call a context, the cache's entry (a node in its ConcurrentHashMap) and the id stay.
 */
public class ContextsInUnboundedCaffeine implements Runnable {
  /** What a request keeps about itself. */
  public static final class Context {
    final String id;
    final long startedAt;
    final byte[] payload;

    Context(String id, long startedAt, byte[] payload) {
      this.id = id;
      this.startedAt = startedAt;
      this.payload = payload;
    }
  }

  static final Cache<String, Context> RECENT = Caffeine.newBuilder().build();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    Context c = new Context("req-" + n, n, new byte[16]);
    RECENT.put(c.id, c);
  }
}
