package dev.leakdiff.hunt;

import dev.leakdiff.diff.Sizes;
import dev.leakdiff.diff.Verdict;
import java.util.Map;

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

  /** What some categories hold, to say where to look. */
  private static final Map<String, String> HOLDS = Map.of(
      "Thread", "thread stacks",
      "Other", "direct buffers and what the JDK's native code allocates",
      "Internal", "the JVM's internal allocations",
      "Class", "class metadata",
      "Metaspace", "class metadata",
      "Code", "compiled and generated code",
      "Symbol", "the names of classes and methods, and interned strings");

  /** Whether it grows like a leak (leak or superlinear). */
  public boolean grows() {
    return verdict.suspect;
  }

  /**
   * In words: "Direct buffers grow by 1 buffer and 1.0 MiB per iteration (leak): ...", "Native memory (NMT Thread)
   * grows by 1.0 MiB committed per iteration (leak): the category holds thread stacks".
   */
  public String words() {
    String rate = Sizes.bytes(Math.round(bytesPerIteration));
    if (kind == Kind.BUFFER_POOL) {
      String buffers = Sizes.rate(countPerIteration) + " buffer" + (countPerIteration == 1 ? "" : "s");
      String what = name.equals("direct") ? "Direct buffers" : name.equals("mapped") ? "Mapped buffers" : "Buffers of pool " + name;
      String object = name.equals("mapped") ? "MappedByteBuffer" : "DirectByteBuffer";
      return what + " grow by " + buffers + " and " + rate + " per iteration (" + verdict.word() + "): native memory the heap"
          + " dump shows only as small " + object + " objects";
    }
    String holds = HOLDS.get(name);
    return "Native memory (NMT " + name + ") grows by " + rate + " committed per iteration (" + verdict.word() + ")"
        + (holds == null ? "" : ": the category holds " + holds);
  }
}
