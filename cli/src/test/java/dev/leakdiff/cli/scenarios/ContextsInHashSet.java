package dev.leakdiff.cli.scenarios;

import java.util.HashSet;
import java.util.Set;

/**
 * A static HashSet of the requests already seen, never trimmed: per call a context (identity equality: each is a
 * new member) and the set's entry (a HashMap entry of its backing map) stay.
 */
public class ContextsInHashSet implements Runnable {
  static final Set<RequestContext> SEEN = new HashSet<>();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    SEEN.add(new RequestContext(n));
  }
}
