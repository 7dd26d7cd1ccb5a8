package dev.leakdiff.graph;

/**
 * What the graph of a dump costs in memory, checked before each large allocation so that a refusal comes early,
 * and with a figure that does the first time.
 *
 * <p>The arrays a build holds, per object and per reference slot: in pass 1 each reading thread's ids (longs, grown
 * by doubling: up to 16 bytes) and their merge (8), then the id index (4-byte offsets and a bucket table: 5); in
 * pass 2, beside the index and classOf (4), edgeStart (4) and each thread's buffers (object and start ints grown by
 * doubling: up to 16 per object; slots up to 8 per slot), then the edges (4 per slot); after it the buffers are
 * dropped and the search's arrays (parent, queue: 8 per object) take their place. The peak is
 * {@link #PEAK_PER_OBJECT} per object and {@link #PEAK_PER_SLOT} per slot; measured, a service-like dump of 189
 * million objects peaks at about 40 bytes an object including the JVM.
 */
public final class GraphMemory {
  public static final int PEAK_PER_OBJECT = 29;
  public static final int PEAK_PER_SLOT = 12;
  /** What pass 2 adds to what pass 1 leaves (the index and classOf: 9 per object). */
  private static final int PASS2_PER_OBJECT = PEAK_PER_OBJECT - 9;
  private static final long MARGIN = 256L << 20;

  private GraphMemory() {}

  /** Raised when the graph of a dump needs more memory than the JVM may use. */
  public static final class NotEnoughMemory extends RuntimeException {
    public final long neededBytes;

    public NotEnoughMemory(long neededBytes, String message) {
      super(message, null, false, false);
      this.neededBytes = neededBytes;
    }
  }

  /**
   * Before the first pass, from a sample of the dump: refuses at once when the graph will clearly not fit (its
   * estimate over what the JVM has left by more than a tenth), asking for the estimate and a tenth more; a closer
   * call is left to the checks with the counted objects.
   */
  public static void checkEstimate(long objects, long slots) {
    long need = objects * PEAK_PER_OBJECT + slots * PEAK_PER_SLOT;
    long used = used(need);
    if (need * 9 / 10 > available(used)) {
      throw refusal(need + need / 10, used, String.format("the graph of about %,d objects (estimated from a sample of the dump)",
          objects));
    }
  }

  /** After pass 1, the objects counted and the slots estimated (0 when unknown): what pass 2 will add. */
  public static void checkPass2(int objects, long slots) {
    check(objects, (long) objects * PASS2_PER_OBJECT + slots * PEAK_PER_SLOT);
  }

  /** Before the edges are laid out: the edges, and the search's arrays after them (which the buffers' room takes). */
  public static void checkEdges(int objects, long slots) {
    check(objects, slots * 4 + objects * 4L);
  }

  private static void check(int objects, long need) {
    long used = used(need);
    if (need > available(used)) {
      throw refusal(need, used, String.format("the graph of %,d objects", objects));
    }
  }

  private static NotEnoughMemory refusal(long need, long used, String what) {
    long max = Runtime.getRuntime().maxMemory();
    // big arrays go to the old generation, which the launcher's collector settings give 15/16 of the heap
    long xmx = ((used + need) * 16 / 15 + MARGIN) >> 20;
    return new NotEnoughMemory(need, String.format("%s needs about %,d MiB more memory than this JVM may use (-Xmx%dm or more)",
        what, Math.max(0, xmx - (max >> 20)), Math.max(xmx, 512)));
  }

  /** What the JVM may still allocate in large arrays. */
  private static long available(long used) {
    long max = Runtime.getRuntime().maxMemory();
    return max - max / 16 - used;
  }

  /** The heap in use; when need would not fit beside it, after a collection (what is left of earlier passes is garbage). */
  private static long used(long need) {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    if (need > available(used)) {
      System.gc();
      used = rt.totalMemory() - rt.freeMemory();
    }
    return used;
  }

  /** The ids alone did not fit: an estimate of the whole graph from the file's size (25 bytes is the smallest object record). */
  public static NotEnoughMemory idsDidNotFit(long fileBytes) {
    long objects = fileBytes / 25;
    long need = objects * PEAK_PER_OBJECT;
    return new NotEnoughMemory(need, String.format("the graph of up to %,d objects needs more memory than this JVM may use"
        + " (-Xmx%dm or more)", objects, Math.max(512, (need >> 20) + 256)));
  }
}
