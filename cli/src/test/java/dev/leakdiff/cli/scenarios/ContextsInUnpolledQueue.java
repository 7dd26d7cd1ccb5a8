package dev.leakdiff.cli.scenarios;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A static ConcurrentLinkedQueue that requests are offered to for a consumer that was never started: per call a
 * context and a queue node stay. The nodes are a linked list, so each context is one hop deeper than the last.
 */
public class ContextsInUnpolledQueue implements Runnable {
  static final Queue<RequestContext> PENDING = new ConcurrentLinkedQueue<>();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    PENDING.offer(new RequestContext(n));
  }
}
