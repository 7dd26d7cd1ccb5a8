package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.Verdict;

/**
 * What one kind of memory outside the heap does across the captures, and its verdict: a buffer pool's capacity
 * (direct, mapped) or a native memory tracking category's committed bytes.
 *
 * @param name the pool ("direct", "mapped") or the category ("Thread", "Other", "Metaspace", ...)
 * @param bytes capacity or committed bytes at each capture
 * @param counts a pool's buffers at each capture; null for a category
 * @param bytesPerIteration growth per iteration from the second capture to the last (from the first with two)
 * @param countPerIteration a pool's buffers per iteration, the same way; 0 for a category
 */
public record OutsideGrowth(Kind kind, String name, long[] bytes, long[] counts, Verdict verdict, double bytesPerIteration,
    double countPerIteration) {

  /** A buffer pool, or a category of native memory tracking. */
  public enum Kind {
    BUFFER_POOL("bufferPool"),
    NATIVE_MEMORY("nativeMemory");

    /** The JSON word. */
    public final String word;

    Kind(String word) {
      this.word = word;
    }
  }

  /** Whether it grows like a leak (leak or superlinear). */
  public boolean grows() {
    return verdict.suspect;
  }
}
