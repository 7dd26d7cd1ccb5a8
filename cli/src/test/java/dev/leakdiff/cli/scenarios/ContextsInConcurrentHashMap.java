package dev.leakdiff.cli.scenarios;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A static ConcurrentHashMap of open requests by their id that nothing ever closes: per call a context, the
 * map's entry and the id (a new String) stay.
 */
public class ContextsInConcurrentHashMap implements Runnable {
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

  static final Map<String, Context> OPEN = new ConcurrentHashMap<>();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    Context c = new Context("req-" + n, n, new byte[16]);
    OPEN.put(c.id, c);
  }
}
