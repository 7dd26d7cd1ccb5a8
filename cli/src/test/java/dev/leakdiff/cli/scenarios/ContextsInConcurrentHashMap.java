package dev.leakdiff.cli.scenarios;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A static ConcurrentHashMap of open requests by their id that nothing ever closes: per call a context, the
 * map's entry and the id (a new String) stay.
 */
public class ContextsInConcurrentHashMap implements Runnable {
  static final Map<String, RequestContext> OPEN = new ConcurrentHashMap<>();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    RequestContext c = new RequestContext(n);
    OPEN.put(c.id, c);
  }
}
