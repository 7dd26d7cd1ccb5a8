package dev.leakdiff.cli.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * Growth that begins after the tenth call, two ways. step() fills a table once, during calls 11 to 40 (a one-time
 * cost, like code paths run for the first time); lateLeak() keeps a record on every call from the eleventh on.
 * With dumps after 0, 1, 10 and 100 calls both grow in the last interval alone.
 */
public class LateGrowth {
  /** One entry of the table or the log. */
  public static final class Slot {
    final long n;

    Slot(long n) {
      this.n = n;
    }
  }

  static final List<Slot> TABLE = new ArrayList<>();
  static final List<Slot> LOG = new ArrayList<>();
  private long calls;

  public void step() {
    calls++;
    if (calls > 10 && calls <= 40) {
      for (int i = 0; i < 4; i++) {
        TABLE.add(new Slot(calls));
      }
    }
  }

  public void lateLeak() {
    calls++;
    if (calls > 10) {
      LOG.add(new Slot(calls));
    }
  }
}
