package dev.leakdiff.hprof;

import java.util.concurrent.atomic.AtomicLong;

/** How far a read has come, in bytes of the file on disk; safe to poll from another thread. */
public final class Progress {
  private final AtomicLong done = new AtomicLong();
  private volatile long total;

  public long done() {
    return done.get();
  }

  public long total() {
    return total;
  }

  void total(long bytes) {
    total = bytes;
  }

  void add(long bytes) {
    done.addAndGet(bytes);
  }

  void set(long bytes) {
    done.set(bytes);
  }
}
