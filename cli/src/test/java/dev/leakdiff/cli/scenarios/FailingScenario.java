package dev.leakdiff.cli.scenarios;

/** A scenario for leakdiff run's tests whose third iteration throws. */
public class FailingScenario implements Runnable {
  private int n;

  @Override
  public void run() {
    if (++n == 3) {
      throw new IllegalStateException("the third request has no document");
    }
  }
}
