package dev.leakdiff.suite;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * No leak. Each call creates a pool of 2 threads, runs two tasks on it, and shuts it down, waiting for its threads
 * to end.
 */
public class ExecutorShutDown implements Runnable {
  @Override
  public void run() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> a = pool.submit(() -> "alpha".hashCode());
      Future<Integer> b = pool.submit(() -> "beta".hashCode());
      if (a.get() == b.get()) {
        throw new IllegalStateException("same hash");
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the pool did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
