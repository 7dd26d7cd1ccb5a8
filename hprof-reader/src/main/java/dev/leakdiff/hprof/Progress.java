package dev.leakdiff.hprof;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a piece of work has come, pass by pass, in bytes (of the file on disk, for a gzip file its compressed bytes);
 * safe to poll from another thread. Each pass starts at 0 and never reads past its total; a total of 0 is unknown (a
 * dump being written).
 */
public final class Progress {
  private final AtomicLong done = new AtomicLong();
  private volatile long total;
  private volatile int pass;

  /** Bytes done in this pass, never more than its total when one is known. */
  public long done() {
    long d = done.get();
    long t = total;
    return t > 0 ? Math.min(d, t) : d;
  }

  /** This pass's bytes in all; 0 when unknown. */
  public long total() {
    return total;
  }

  /** The passes begun so far: 1 in the first, 0 before it. */
  public int pass() {
    return pass;
  }

  /** Begins a pass over this many bytes (0: unknown), from 0. */
  public void begin(long bytes) {
    done.set(0);
    total = bytes;
    pass++;
  }

  /** The bytes done so far in this pass. */
  public void set(long bytes) {
    done.set(bytes);
  }

  void add(long bytes) {
    done.addAndGet(bytes);
  }
}
