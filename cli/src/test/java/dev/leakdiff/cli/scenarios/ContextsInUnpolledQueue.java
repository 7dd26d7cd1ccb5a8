package dev.leakdiff.cli.scenarios;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A static ConcurrentLinkedQueue that requests are offered to for a consumer that was never started: per call a
 * context and a queue node stay. The nodes are a linked list, so each context is one hop deeper than the last.
 */
public class ContextsInUnpolledQueue implements Runnable {
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

  static final Queue<Context> PENDING = new ConcurrentLinkedQueue<>();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    PENDING.offer(new Context("req-" + n, n, new byte[16]));
  }
}
