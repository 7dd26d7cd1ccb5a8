package dev.leakdiff.cli.scenarios;

import java.util.HashMap;
import java.util.Map;

/**
 * A static HashMap that keeps every request's context by its number, "to look it up later", and never removes
 * one: per call a context, the map's entry and a boxed key (a Long beyond the Long cache) stay.
 */
public class ContextsInHashMap implements Runnable {
  static final Map<Long, RequestContext> BY_NUMBER = new HashMap<>();
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    BY_NUMBER.put(1_000_000L + n, new RequestContext(n));
  }
}
