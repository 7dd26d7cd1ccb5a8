package dev.leakdiff.hunt;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Sizes;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.graph.ThreadStarters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A thread leak: threads of one kind (their names alike but for numbers) that grow with the iterations, which code
 * started them, where they are parked, and the roots of the leak that those threads hold, which are one finding
 * with them.
 *
 * @param name the threads' name, the numbers that differ as N: pool-N-thread-1
 * @param startedBy which code made most of them, in words ("started by java.util.concurrent.ThreadPoolExecutor
 *     (thread factory java.util.concurrent.Executors$DefaultThreadFactory)"), or "" when the dump does not tell
 * @param parkedIn where most of them wait: their first frame past the JDK's parking and queue code, or ""
 * @param held the roots of the leak whose chains start at these threads
 * @param containers the roots of the leak held by the JDK's registry of thread containers (JDK 21 and later keep
 *     each executor's container there as long as its threads live): growth that comes with the threads
 */
public record ThreadLeak(String name, double threadsPerIteration, String startedBy, String parkedIn, List<LeakRoot> held,
    List<LeakRoot> containers) {
  /** The registry of thread containers of JDK 21 and later: a route from it starts so. */
  static final String CONTAINER_REGISTRY = "static jdk.internal.vm.ThreadContainers.";

  /**
   * The thread leak of a hunt, or null: java.lang.Thread (or else a subclass of it) is a suspect whose fastest-growing
   * route is a thread root.
   */
  static ThreadLeak of(List<ClassSeries> suspects, List<SuspectHolders.Holder> holders, List<LeakRoot> roots, HeapGraph last,
      Map<Integer, String> threadNames) {
    ClassSeries threads = null;
    String root = null;
    for (boolean thread : new boolean[] {true, false}) {
      for (ClassSeries s : suspects) {
        if (threads == null && (thread ? s.name().equals("java.lang.Thread")
            : !s.name().equals("java.lang.Thread") && ThreadStarters.isThreadClass(last, s.name()))) {
          root = threadRoot(holders, s.name());
          threads = root == null ? null : s;
        }
      }
    }
    if (threads == null) {
      return null;
    }
    String name = root.substring("thread '".length(), root.length() - 1);
    Pattern alike = Pattern.compile(Pattern.quote(name).replace("N", "\\E\\d+\\Q"));
    Map<String, Integer> frames = new HashMap<>();
    Map<String, Integer> starters = new HashMap<>();
    threadNames.forEach((serial, n) -> {
      if (alike.matcher(n).matches()) {
        frames.merge(last.waitingIn(serial), 1, Integer::sum);
        starters.merge(ThreadStarters.of(last, serial), 1, Integer::sum);
      }
    });
    List<LeakRoot> held = new ArrayList<>();
    List<LeakRoot> containers = new ArrayList<>();
    for (LeakRoot r : roots) {
      String route = r.route();
      if (route != null && (route.startsWith("thread '" + name + "'") || route.contains(" thread '" + name + "'"))) {
        held.add(r);
      } else if (route != null && route.startsWith(CONTAINER_REGISTRY)) {
        containers.add(r);
      }
    }
    return new ThreadLeak(name, threads.instancesPerIteration(), most(starters), most(frames), held, containers);
  }

  /** The root of the fastest-growing route of a suspect when that is a thread ("thread 'pool-N-thread-1'"), or null. */
  private static String threadRoot(List<SuspectHolders.Holder> holders, String className) {
    SuspectHolders.Holder holder = holders.stream().filter(h -> h.className().equals(className)).findFirst().orElse(null);
    if (holder == null || holder.routes().isEmpty() || holder.routes().get(0).growth() <= 0) {
      return null;
    }
    String root = holder.routes().get(0).group().hops().get(0).reference();
    return root.startsWith("thread '") && root.endsWith("'") ? root : null;
  }

  private static String most(Map<String, Integer> counts) {
    return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).orElse("");
  }

  /** Whether this root of the leak is part of the thread finding: held by the threads, or their containers' registry. */
  public boolean covers(LeakRoot root) {
    return held.contains(root) || containers.contains(root);
  }

  /** Bytes per iteration of what the threads hold and of their containers' registry. */
  public double bytesPerIteration() {
    return held.stream().mapToDouble(LeakRoot::bytesPerIteration).sum()
        + containers.stream().mapToDouble(LeakRoot::bytesPerIteration).sum();
  }

  /**
   * The finding on one line: "Leak: +1 thread per iteration, 'pool-N-thread-1', started by ..., parked in ...,
   * holding A, B (+1.1 KiB per iteration in all)", and on JDK 21 and later "; their executors' thread containers
   * stay registered in static jdk.internal.vm.ThreadContainers.CONTAINER_REGISTRY (+1
   * java.util.concurrent.ConcurrentHashMap$Node per iteration)".
   */
  public String line() {
    StringBuilder line = new StringBuilder(String.format("Leak: +%s thread%s per iteration, '%s'%s%s%s",
        Sizes.rate(threadsPerIteration), threadsPerIteration == 1 ? "" : "s", name, startedBy.isEmpty() ? "" : ", " + startedBy,
        parkedIn.isEmpty() ? "" : ", parked" + parkedIn,
        held.isEmpty() ? "" : ", holding " + String.join(", ", held.stream().map(h -> h.series().name()).toList())));
    line.append(" (").append(Sizes.signedBytes(Math.round(bytesPerIteration()))).append(" per iteration in all)");
    if (!containers.isEmpty()) {
      String registry = containers.get(0).route().split(" -> ")[0];
      line.append("; their executors' thread containers stay registered in ").append(registry).append(" (")
          .append(String.join(", ", containers.stream().map(c -> "+" + Sizes.rate(c.series().instancesPerIteration()) + " "
              + c.series().name()).toList())).append(" per iteration)");
    }
    return line.toString();
  }
}
