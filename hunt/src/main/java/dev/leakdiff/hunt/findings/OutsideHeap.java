package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.Verdict;

/**
 * Growth outside the Java heap across the captures: the thread count, the process's RSS while the heap does not grow,
 * a buffer pool's capacity, or a native memory tracking category's committed bytes. What a heap diff alone would miss.
 *
 * @param what which fact grows
 * @param name the pool ("direct", "mapped") or the category ("Thread", "Other", ...); null for threads and RSS
 * @param verdict the fact's verdict across the captures
 * @param perIteration its growth per iteration: threads, or bytes
 * @param countPerIteration a pool's buffers per iteration; 0 otherwise
 * @param nativeMemoryTracked for RSS: native memory tracking was on, and none of its categories grows
 */
public record OutsideHeap(What what, String name, Verdict verdict, double perIteration, double countPerIteration,
    boolean nativeMemoryTracked) implements Finding {
  /** Which fact of the process grows. */
  public enum What {
    THREADS,
    RSS,
    BUFFER_POOL,
    NATIVE_MEMORY
  }

  @Override
  public String kind() {
    return "outsideHeap";
  }

  /** Growth outside the heap warns; the heap's leak findings decide. */
  @Override
  public boolean leak() {
    return false;
  }
}
