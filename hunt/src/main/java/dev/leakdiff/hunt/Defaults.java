package dev.leakdiff.hunt;

/**
 * The defaults of a hunt, each written once and usable in annotations: the command line's options, the builder of a
 * leak check and {@code @LeakTest} take them from here (the verdict rule's are {@code VerdictRule.DEFAULT_*}).
 */
public final class Defaults {
  private Defaults() {}

  /** The stages: a baseline, then 1, 10 and 100 iterations. */
  public static final String ITERATIONS = "0,1,10,100";

  /** The longest wait for each step (setup, each run of iterations, each dump), in seconds. */
  public static final long TIMEOUT_SECONDS = 600;
}
