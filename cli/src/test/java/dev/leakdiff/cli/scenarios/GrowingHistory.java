package dev.leakdiff.cli.scenarios;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Superlinear growth two ways. save() keeps a snapshot of the whole history on every call, so one more array
 * per call, each longer than the last: the count grows steadily, the bytes faster and faster. audit() keeps
 * one entry per call made so far: the count itself grows faster and faster.
 */
public class GrowingHistory {
  /** One audit entry. */
  public static final class Entry {
    final long n;

    Entry(long n) {
      this.n = n;
    }
  }

  static final List<long[]> SNAPSHOTS = new ArrayList<>();
  static final List<Entry> AUDIT = new ArrayList<>();
  private long[] history = new long[0];
  private long calls;

  public void save() {
    history = Arrays.copyOf(history, history.length + 8);
    SNAPSHOTS.add(history.clone());
  }

  public void audit() {
    calls++;
    for (long i = 0; i < calls; i++) {
      AUDIT.add(new Entry(i));
    }
  }
}
