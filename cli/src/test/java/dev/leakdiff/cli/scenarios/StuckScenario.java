package dev.leakdiff.cli.scenarios;

/** A scenario for leakdiff run's tests whose first iteration never returns. */
public class StuckScenario implements Runnable {
  @Override
  public void run() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
