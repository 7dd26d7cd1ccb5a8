package dev.leakdiff.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The main class of a JVM that runs one test class through the JUnit Platform and says how it went: "passed N",
 * or "failed" and each failure's type and message; exit status 0 when all passed, 1 otherwise.
 */
public final class RunThroughPlatform {
  private RunThroughPlatform() {}

  public static void main(String[] args) throws ClassNotFoundException {
    Class<?> c = Class.forName(args[0]);
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(c)).execute().testEvents();
    List<Event> failed = events.failed().list();
    if (failed.isEmpty() && events.succeeded().count() > 0) {
      System.out.println("passed " + events.succeeded().count());
      System.exit(0);
    }
    System.out.println("failed");
    for (Event e : failed) {
      Throwable t = e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
      System.out.println(t.getClass().getName() + ": " + t.getMessage());
    }
    System.exit(1);
  }
}
