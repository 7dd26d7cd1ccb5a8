package dev.leakdiff.suite;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Leak. Each call creates a single-thread pool for one task and never shuts it down: its thread waits for more work
 * for ever, one more thread per call.
 */
public class ExecutorNeverShutDown {
  private long calls;

  public void refresh() throws Exception {
    long id = ++calls;
    ExecutorService pool = Executors.newFixedThreadPool(1);
    String done = pool.submit(() -> "refreshed " + id).get();
    if (!done.endsWith(Long.toString(id))) {
      throw new IllegalStateException(done);
    }
  }
}
