package dev.leakdiff.graph;

/** What the graph of a dump costs in memory, checked before each large allocation so that a refusal comes early. */
public final class GraphMemory {
  /** Bytes of graph index per heap object, and per reference slot, as docs/architecture.md states. */
  public static final int BYTES_PER_OBJECT = 8 + 4 + 4 + 4 + 4 + 4;
  public static final int BYTES_PER_SLOT = 4;

  private GraphMemory() {}

  /** Raised when the graph of a dump needs more memory than the JVM may use. */
  public static final class NotEnoughMemory extends RuntimeException {
    public final long neededBytes;

    NotEnoughMemory(long neededBytes, String message) {
      super(message, null, false, false);
      this.neededBytes = neededBytes;
    }
  }

  /** Refuses, with the -Xmx that would do, when the graph's arrays would not fit in what the JVM has left. */
  static void check(int objects, long slots, long idIndexBytes) {
    Runtime rt = Runtime.getRuntime();
    long need = (long) objects * BYTES_PER_OBJECT + slots * BYTES_PER_SLOT + idIndexBytes;
    // (while the slots are laid out, the workers' buffers of them are still held: counted in BYTES_PER_OBJECT's margin)
    long used = rt.totalMemory() - rt.freeMemory();
    long free = rt.maxMemory() - used;
    if (need > free) {
      long xmx = (need + used + (256L << 20)) >> 20;
      throw new NotEnoughMemory(need, String.format("the graph of %,d objects needs about %,d MiB more memory than this JVM"
          + " may use (-Xmx%dm or more)", objects, (need - free) >> 20, Math.max(xmx, 512)));
    }
  }

  /** The ids alone did not fit: an estimate of the whole graph from the file's size (25 bytes is the smallest object record). */
  static NotEnoughMemory idsDidNotFit(long fileBytes) {
    long objects = fileBytes / 25;
    long need = objects * (BYTES_PER_OBJECT + 12L);
    return new NotEnoughMemory(need, String.format("the graph of up to %,d objects needs more memory than this JVM may use"
        + " (-Xmx%dm or more)", objects, Math.max(512, (need >> 20) + 256)));
  }
}
