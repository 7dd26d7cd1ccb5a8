package dev.leakdiff.hunt;

import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.util.Arrays;

/** The one check of a series of iteration counts, for run, compare and the library alike. */
public final class Iterations {
  private Iterations() {}

  /** The default stages: a baseline, then 1, 10 and 100 iterations ({@link Defaults#ITERATIONS}). */
  public static long[] defaults() {
    return parse(Defaults.ITERATIONS);
  }

  /** Counts written as "0,1,10,100". */
  public static long[] parse(String counts) {
    return Arrays.stream(counts.split(",")).mapToLong(c -> Long.parseLong(c.trim())).toArray();
  }

  /** Fails unless there are two or more counts, from 0 up, each larger than the one before, none past 2^31 - 1. */
  public static long[] check(long[] counts) {
    if (counts == null || counts.length < 2) {
      throw new LeakdiffException(Kind.USAGE, "--iterations needs two or more counts, e.g. 0,1,10,100");
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0 || counts[i] > Integer.MAX_VALUE || (i > 0 && counts[i] <= counts[i - 1])) {
        throw new LeakdiffException(Kind.USAGE, "--iterations must be 0 or more and increase from one dump to the next");
      }
    }
    return counts;
  }

  /** As {@link #check(long[])}, and one count per dump. */
  public static long[] check(long[] counts, int dumps) {
    if (counts != null && counts.length != dumps) {
      throw new LeakdiffException(Kind.USAGE, "--iterations gives " + counts.length + " counts for " + dumps + " dumps");
    }
    return check(counts);
  }
}
