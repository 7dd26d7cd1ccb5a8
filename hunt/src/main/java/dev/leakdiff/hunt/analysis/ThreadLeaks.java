package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.Frame;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.Reference;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.graph.ThreadStarters;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.findings.ThreadLeak;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Finds the thread leak of a hunt: threads of one kind that grow, and the leaks they (and their containers) hold. */
final class ThreadLeaks {
  /** The JDK's registry of thread containers (JDK 21 and later): a route from it starts at this class's statics. */
  static final String CONTAINER_REGISTRY = "jdk.internal.vm.ThreadContainers";
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private ThreadLeaks() {}

  /**
   * The thread leak, or null: java.lang.Thread (or else a subclass of it) is a suspect whose fastest-growing route
   * starts at a thread.
   */
  static ThreadLeak of(List<ClassSeries> suspects, List<SuspectHolders.Holder> holders, List<Leak> leaks, HeapGraph last,
      Map<Integer, String> threadNames) {
    ClassSeries threads = null;
    Reference.ThreadRoot root = null;
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
    String shape = shape(root.name());
    Map<Frame, Integer> frames = new HashMap<>();
    Map<ThreadStarters.Starter, Integer> starters = new HashMap<>();
    threadNames.forEach((serial, n) -> {
      if (shape(n).equals(shape)) {
        Frame f = ThreadStarters.waitingIn(last, serial);
        if (f != null) {
          frames.merge(f, 1, Integer::sum);
        }
        ThreadStarters.Starter s = ThreadStarters.of(last, serial);
        if (s != null) {
          starters.merge(s, 1, Integer::sum);
        }
      }
    });
    List<Leak> held = new ArrayList<>();
    List<Leak> containers = new ArrayList<>();
    for (Leak l : leaks) {
      Reference start = l.route() == null ? null : l.route().root();
      if (start != null && start.thread() != null && shape.equals(shape(start.thread().name()))) {
        held.add(l);
      } else if (start != null && start.kind() == Reference.Kind.STATIC_FIELD && CONTAINER_REGISTRY.equals(start.owner())) {
        containers.add(l);
      }
    }
    return new ThreadLeak(threads, root.name(), most(starters), most(frames), held, containers);
  }

  /** A thread name with every run of digits as N: what the threads of one kind share. */
  private static String shape(String name) {
    return name == null ? "" : DIGITS.matcher(name).replaceAll("N");
  }

  /** The thread at the root of a suspect's fastest-growing route, when that route grows and starts at a named thread. */
  private static Reference.ThreadRoot threadRoot(List<SuspectHolders.Holder> holders, String className) {
    SuspectHolders.Holder holder = holders.stream().filter(h -> h.className().equals(className)).findFirst().orElse(null);
    if (holder == null || holder.routes().isEmpty() || holder.routes().get(0).growth() <= 0) {
      return null;
    }
    Reference root = holder.routes().get(0).group().route().root();
    return root.kind() == Reference.Kind.THREAD && root.thread().name() != null ? root.thread() : null;
  }

  /** The most frequent value (ties: the one first in the order of their text), or null. */
  private static <T> T most(Map<T, Integer> counts) {
    return counts.entrySet().stream().max(Map.Entry.<T, Integer>comparingByValue()
        .thenComparing(e -> Objects.toString(e.getKey()))).map(Map.Entry::getKey).orElse(null);
  }
}
