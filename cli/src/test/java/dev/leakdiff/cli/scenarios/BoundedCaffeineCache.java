package dev.leakdiff.cli.scenarios;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A Caffeine cache bounded at 500 entries that each request is put in by its id: with one request per iteration it
 * is still filling after 100 iterations, growth no count can tell from a leak; its bound is in the heap.
 */
public class BoundedCaffeineCache implements Runnable {
  static final Cache<String, RequestContext> RECENT = Caffeine.newBuilder().maximumSize(500).executor(Runnable::run).build();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    RequestContext c = new RequestContext(n);
    RECENT.put(c.id, c);
  }
}
