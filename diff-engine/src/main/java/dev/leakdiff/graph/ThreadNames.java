package dev.leakdiff.graph;

import dev.leakdiff.hprof.Progress;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The names of a dump's threads: each thread object's name, a String, whose characters the graph does not keep. */
public final class ThreadNames {
  private ThreadNames() {}

  /** Adds the names of the live threads (their thread objects' name Strings) to a request. */
  public static void ask(HeapGraph g, ValueRequest request) {
    for (int serial = 0; serial < g.threadSerials(); serial++) {
      int name = g.slotTarget(g.threadObject(serial), "name");
      if (name >= 0) {
        request.string(name);
      }
    }
  }

  /** The names a read found, by thread serial; threads the dump does not name are absent. */
  public static Map<Integer, String> of(HeapGraph g, ValueRequest.Answers answers) {
    Map<Integer, String> names = new HashMap<>();
    for (int serial = 0; serial < g.threadSerials(); serial++) {
      int name = g.slotTarget(g.threadObject(serial), "name");
      String s = name >= 0 ? answers.string(name) : null;
      if (s != null) {
        names.put(serial, s);
      }
    }
    return names;
  }

  /** The names of the live threads, by serial, in a pass of their own over the dump. */
  public static Map<Integer, String> read(HeapGraph g) throws IOException {
    ValueRequest r = new ValueRequest();
    ask(g, r);
    return of(g, g.read(r, new Progress()));
  }
}
