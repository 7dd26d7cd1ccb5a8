package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.Frame;
import dev.leakdiff.graph.ThreadStarters;
import java.util.List;

/**
 * A thread leak: threads of one kind (their names alike but for numbers) that grow with the iterations, which code
 * started them, where they wait, and the leaks those threads hold, which are one finding with them.
 *
 * @param threads the class of the threads (java.lang.Thread, or a subclass) across the dumps
 * @param name the threads' name, the numbers that differ as N: pool-N-thread-1
 * @param startedBy what started most of them, or null when the dump does not tell
 * @param parkedIn where most of them wait: their first frame past the JDK's parking and queue code, or null
 * @param held the leaks whose routes start at these threads
 * @param containers the leaks held by the JDK's registry of thread containers (JDK 21 and later keep each executor's
 *     container there as long as its threads live): growth that comes with the threads
 */
public record ThreadLeak(ClassSeries threads, String name, ThreadStarters.Starter startedBy, Frame parkedIn,
    List<Leak> held, List<Leak> containers) implements Finding {
  public ThreadLeak {
    held = List.copyOf(held);
    containers = List.copyOf(containers);
  }

  @Override
  public String kind() {
    return "threadLeak";
  }

  @Override
  public boolean leak() {
    return true;
  }

  /** Threads more per iteration. */
  public double threadsPerIteration() {
    return threads.instancesPerIteration();
  }

  /** Bytes per iteration of what the threads hold and of their containers' registry. */
  public double bytesPerIteration() {
    return held.stream().mapToDouble(Leak::bytesPerIteration).sum() + containers.stream().mapToDouble(Leak::bytesPerIteration).sum();
  }

  /** Whether a leak is part of this finding: held by the threads, or by their containers' registry. */
  public boolean covers(Leak leak) {
    return held.contains(leak) || containers.contains(leak);
  }
}
