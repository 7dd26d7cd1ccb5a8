package dev.leakdiff.cli.scenarios;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A thread leak: each call makes an executor for one task and never shuts it down; its idle thread stays. */
public class ExecutorPerCall implements Runnable {
  @Override
  public void run() {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    Future<Integer> f = pool.submit(() -> 6 * 7);
    try {
      f.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
