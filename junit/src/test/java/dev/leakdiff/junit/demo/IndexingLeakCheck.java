package dev.leakdiff.junit.demo;

import dev.leakdiff.demo.IndexingScenario;
import dev.leakdiff.junit.LeakTest;
import org.junit.jupiter.api.BeforeEach;

/**
 * The demo worker's leak test: one request cycle of the worker (re-index a document, search, statistics,
 * list the requests) is one iteration. It fails on the leaky worker and passes with -Dleakdiff.demo.fixed=true,
 * which the worker reads once, when its class loads: DemoWorkerTest runs it in a JVM of each kind. Its name
 * does not end in Test, so Surefire does not run it by itself.
 */
public class IndexingLeakCheck {
  private IndexingScenario scenario;

  @BeforeEach
  void startTheWorker() {
    scenario = new IndexingScenario();
    scenario.setup();
  }

  @LeakTest
  void requestCycle() {
    scenario.run();
  }
}
