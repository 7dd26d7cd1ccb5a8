package dev.leakdiff.hunt.findings;

import java.util.List;

/**
 * A series of dumps no verdict can rest on, and why: a verdict for every class needs three or more whole dumps of one
 * process, taken in order, at known iterations. Not a leak, but no clean bill either: {@code --fail-on-leak} exits
 * with its own code ({@link Gate}).
 *
 * @param why what is wrong with the series
 * @param dumps the dumps concerned, as the report names them (none when it is the series as a whole)
 * @param values the numbers that show it, by {@code why}: the dumps' count (too few); the offset where the file ends and
 *     the heap bytes read (truncated); each dump's pid (other process); each dump's process start and dump time, in
 *     epoch milliseconds (restarted, out of order); the count of the earlier dump's boot classes the later lacks (other
 *     program); the iterations the sidecars give (contradicted)
 * @param classes for another program, a few of the boot classes the later dump lacks; else empty
 */
public record CannotJudge(Why why, List<String> dumps, List<Long> values, List<String> classes) implements Finding {
  /** What keeps the series from a verdict. */
  public enum Why {
    /** Fewer than three dumps: growth in proportion to the iterations cannot be told from a one-time step. */
    TOO_FEW_DUMPS,
    /** No iteration counts: nothing to set the growth against. */
    NO_ITERATIONS,
    /** A dump's file ends early: its counts are of what was read before the break. */
    TRUNCATED,
    /** A dump's records are damaged though readable: some of its counts or sizes are estimates. */
    DAMAGED,
    /** The sidecars name different processes. */
    OTHER_PROCESS,
    /** The same pid, but a process started at another time: the JVM was restarted between the dumps. */
    RESTARTED,
    /** The dumps were taken in another order than the series gives them. */
    OUT_OF_ORDER,
    /** A later dump lacks boot classes an earlier one has, which a JVM never unloads: dumps of different programs. */
    OTHER_PROGRAM,
    /** The same dump twice. */
    SAME_DUMP,
    /** The iterations given contradict those the sidecars recorded. */
    ITERATIONS_CONTRADICTED
  }

  public CannotJudge {
    dumps = List.copyOf(dumps);
    values = List.copyOf(values);
    classes = List.copyOf(classes);
  }

  /** A reason with no dump, number or class to show. */
  public static CannotJudge of(Why why) {
    return new CannotJudge(why, List.of(), List.of(), List.of());
  }

  @Override
  public String kind() {
    return "cannotJudge";
  }

  @Override
  public boolean leak() {
    return false;
  }
}
