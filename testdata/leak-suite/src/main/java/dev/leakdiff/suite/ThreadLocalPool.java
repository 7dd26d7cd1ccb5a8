package dev.leakdiff.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Leak. A fixed pool of 2 worker threads runs each request; the request appends an audit entry to a ThreadLocal list
 * "for the end of the request" that nothing ever clears, and the pool's threads live for ever.
 */
public class ThreadLocalPool {
  record AuditEntry(long request, String note) {}

  static final ThreadLocal<List<AuditEntry>> TRAIL = ThreadLocal.withInitial(ArrayList::new);
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private long calls;

  public void request() throws Exception {
    long id = ++calls;
    workers.submit(() -> TRAIL.get().add(new AuditEntry(id, "handled request " + id))).get();
  }

  public void teardown() {
    workers.shutdownNow();
  }
}
