package dev.leakdiff.cli.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * A leak held by the scenario object itself: an instance field, not a static, keeps every request it handled.
 * The scenario lives as long as the run, so per call a context stays; what holds the scenario is leakdiff's
 * runner, which is not the user's code.
 */
public class ContextsInOwnField implements Runnable {
  private final List<RequestContext> handled = new ArrayList<>();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    handled.add(new RequestContext(n));
  }
}
