package dev.leakdiff.cli.scenarios;

/** A scenario for leakdiff run's tests that is not a Runnable and names no method. */
public class NotRunnableScenario {
  public void work() {
    // nothing
  }
}
