package dev.leakdiff.suite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * No leak. A Caffeine cache bounded to 64 entries (Caffeine's defaults otherwise: eviction runs on the common
 * ForkJoinPool); each call shows a page of 8 users never seen before, so every call inserts 8 new keys and, once the
 * cache is full (after 8 calls), evicts as many. With one new key per call the cache would still be filling between
 * the dumps after 10 and 100 iterations, growth no dump schedule of 0, 1, 10, 100 can tell from a leak.
 */
public class BoundedCaffeine implements Runnable {
  /** What the cache holds: a small profile per user. */
  record Profile(String user, String displayName, long[] recentOrders) {}

  private final Cache<String, Profile> profiles = Caffeine.newBuilder().maximumSize(64).build();
  private int calls;

  @Override
  public void run() {
    for (int i = 0; i < 8; i++) {
      calls++;
      String user = "user-" + calls;
      Profile p = profiles.get(user, u -> new Profile(u, "User " + u.substring(5), new long[8]));
      if (!p.user().equals(user)) {
        throw new IllegalStateException("wrong profile for " + user);
      }
    }
  }
}
