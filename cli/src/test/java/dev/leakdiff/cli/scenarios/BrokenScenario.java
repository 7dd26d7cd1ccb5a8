package dev.leakdiff.cli.scenarios;

/** A scenario for leakdiff run's tests whose constructor throws. */
public class BrokenScenario implements Runnable {
  public BrokenScenario() {
    throw new IllegalArgumentException("no config");
  }

  @Override
  public void run() {
    // never reached
  }
}
