package dev.leakdiff.cli.scenarios;

/** A scenario for leakdiff run's tests that ends its JVM in the second iteration. */
public class ExitingScenario implements Runnable {
  private int n;

  @Override
  public void run() {
    if (++n == 2) {
      System.out.println("goodbye from the scenario");
      Runtime.getRuntime().halt(3);
    }
  }
}
