package dev.leakdiff.cli.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A leak through a ThreadLocal in a pool: each task appends its audit record to a per-thread buffer that
 * nothing ever clears; the pool's threads live on, and so do their buffers.
 */
public class ThreadLocalInPool implements Runnable {
  /** What each task records. */
  public static final class AuditRecord {
    final long at = System.nanoTime();
  }

  static final ThreadLocal<List<AuditRecord>> AUDIT = ThreadLocal.withInitial(ArrayList::new);
  private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "audit-worker");
    t.setDaemon(true);
    return t;
  });

  @Override
  public void run() {
    try {
      pool.submit(() -> AUDIT.get().add(new AuditRecord())).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
