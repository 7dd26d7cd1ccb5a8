package dev.leakdiff.cli.scenarios;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A Caffeine cache with a bound of ten million entries that each request is put in: bounded in name only, for full it
 * would keep far more than a small heap holds.
 */
public class HugeCaffeineCache implements Runnable {
  static final Cache<String, RequestContext> RECENT = Caffeine.newBuilder().maximumSize(10_000_000).executor(Runnable::run)
      .build();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    RequestContext c = new RequestContext(n);
    RECENT.put(c.id, c);
  }
}
