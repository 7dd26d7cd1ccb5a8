package dev.leakdiff.hunt;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.SuspectHolders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A thread leak: threads of one kind (their names alike but for numbers) that grow with the iterations, where
 * they are parked, and the roots of the leak that those threads hold, which are one finding with them.
 *
 * @param name the threads' name, the numbers that differ as N: pool-N-thread-1
 * @param parkedIn where most of them wait: their first frame past the JDK's parking and queue code, or ""
 * @param held the roots of the leak whose chains start at these threads
 */
public record ThreadLeak(String name, double threadsPerIteration, String parkedIn, List<LeakRoot> held) {
  /** The thread leak of a hunt, or null: java.lang.Thread is a suspect whose fastest-growing route is a thread root. */
  static ThreadLeak of(List<ClassSeries> suspects, List<SuspectHolders.Holder> holders, List<LeakRoot> roots, HeapGraph last,
      Map<Integer, String> threadNames) {
    ClassSeries threads = suspects.stream().filter(s -> s.name().equals("java.lang.Thread")).findFirst().orElse(null);
    SuspectHolders.Holder holder = holders.stream().filter(h -> h.className().equals("java.lang.Thread")).findFirst().orElse(null);
    if (threads == null || holder == null || holder.routes().isEmpty() || holder.routes().get(0).growth() <= 0) {
      return null;
    }
    String root = holder.routes().get(0).group().hops().get(0).reference();
    if (!root.startsWith("thread '") || !root.endsWith("'")) {
      return null;
    }
    String name = root.substring("thread '".length(), root.length() - 1);
    Pattern alike = Pattern.compile(Pattern.quote(name).replace("N", "\\E\\d+\\Q"));
    Map<String, Integer> frames = new HashMap<>();
    threadNames.forEach((serial, n) -> {
      if (alike.matcher(n).matches()) {
        frames.merge(last.waitingIn(serial), 1, Integer::sum);
      }
    });
    String parkedIn = frames.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    List<LeakRoot> held = new ArrayList<>();
    for (LeakRoot r : roots) {
      String route = r.route();
      if (route != null && (route.startsWith("thread '" + name + "'") || route.contains(" thread '" + name + "'"))) {
        held.add(r);
      }
    }
    return new ThreadLeak(name, threads.instancesPerIteration(), parkedIn, held);
  }
}
