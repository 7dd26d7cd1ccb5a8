package dev.leakdiff.hunt.findings;

import java.util.List;

/**
 * The native memory the leak suspects hold more per iteration (direct buffers, mapped files), set beside the RSS
 * growth it explains.
 *
 * @param top the suspects holding most, most first (at most three), with their own figures
 * @param more how many more suspects hold some
 * @param rssPerIteration RSS growth per iteration, or null when not measured
 */
public record HeldOffHeap(Leak.OffHeap total, List<Holder> top, int more, Double rssPerIteration) implements Finding {
  /** A suspect and the native memory it holds more per iteration. */
  public record Holder(String className, Leak.OffHeap offHeap) {}

  public HeldOffHeap {
    top = List.copyOf(top);
  }

  @Override
  public String kind() {
    return "heldOffHeap";
  }

  @Override
  public boolean leak() {
    return false;
  }
}
