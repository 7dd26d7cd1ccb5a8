package dev.leakdiff.cli.scenarios;

import java.util.HashSet;
import java.util.Set;

/**
 * A static HashSet of the requests already seen, never trimmed: per call a context and the set's entry (a
 * HashMap entry of its backing map) stay.
 */
public class ContextsInHashSet implements Runnable {
  /** What a request keeps about itself (identity equality: each is a new member). */
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

  static final Set<Context> SEEN = new HashSet<>();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    SEEN.add(new Context("req-" + n, n, new byte[16]));
  }
}
