package dev.leakdiff.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a shortest chain of objects into its {@link Route}: the root and each reference as values, the internals of JDK
 * collections as one hop ({@link CollectionShapes}), a run of references of a class to itself as one repeated hop, and
 * a chain through the scenario object its runner holds re-rooted at that object. Unless raw: then every field shows,
 * one hop each.
 */
final class RouteBuilder {
  /**
   * How routes are made.
   *
   * @param raw every field of collections' internals and every hop of a linked structure shown, nothing re-rooted
   * @param rerootAt classes whose instance, held from a thread's stack, starts the routes through it (the scenario)
   */
  record Options(boolean raw, Set<String> rerootAt) {
    static final Options DEFAULT = new Options(false, Set.of());
  }

  private final HeapGraph g;
  private final ShortestPaths p;
  private final Options options;
  private final Supplier<Map<Integer, String>> threadNames;
  private Map<Integer, Reference> staticHolders;

  RouteBuilder(HeapGraph g, ShortestPaths p, Options options, Supplier<Map<Integer, String>> threadNames) {
    this.g = g;
    this.p = p;
    this.options = options;
    this.threadNames = threadNames;
  }

  /** The route of a chain of objects, root first. */
  Route route(int[] chain) {
    List<Hop> out = new ArrayList<>();
    int k = chain.length - 1;
    int i = 0;
    int reroot = options.raw() ? -1 : rerootAt(chain);
    if (reroot >= 0) {
      boolean end = reroot == k;
      out.add(new Hop(Reference.named(Reference.Kind.SCENARIO_FIELD, className(chain[reroot]),
          end ? null : field(chain, reroot + 1)), className(chain[end ? reroot : reroot + 1])));
      i = end ? k : reroot + 1;
    } else if (g.isClassObject(chain[0]) && k > 0) {
      out.add(new Hop(classReference(chain, 1), className(chain[1])));
      i = 1;
    } else if (g.isClassObject(chain[0]) && p.parent[chain[0]] == ShortestPaths.CLASS_ROOT) {
      // a class that is itself a root: one group per loader, not one per class
      out.add(new Hop(Reference.of(Reference.Kind.SYSTEM_CLASS, loaderName(g.classes.get(g.classIndex(chain[0])))),
          "java.lang.Class"));
    } else {
      out.add(new Hop(rootReference(chain[0]), className(chain[0])));
    }
    while (i < k) {
      i = step(chain, i, k, out);
    }
    return new Route(options.raw() ? out : folded(out));
  }

  /** Adds the hop (or collapsed collection) that starts at chain[i]; returns the index it reaches. */
  private int step(int[] chain, int i, int k, List<Hop> out) {
    String owner = className(chain[i]);
    boolean instance = !g.isClassObject(chain[i]);
    CollectionShapes.Shape shape = options.raw() || !instance ? null : CollectionShapes.of(owner);
    if (shape == null && !options.raw() && instance && owner.endsWith("[]")) {
      out.add(new Hop(Reference.of(Reference.Kind.ARRAY_ELEMENT, owner), className(chain[i + 1])));
      return i + 1;
    }
    if (shape != null) {
      int j = i + 1;
      // through the internals, up to the first reference that leaves them (an element may itself be of an internal class)
      while (j < k && shape.internals().contains(className(chain[j])) && !leaves(shape, chain, j)) {
        j++;
      }
      String exit = field(chain, j);
      if (j > i + 1 || shape.exits(exit)) {
        String target = className(chain[j]);
        boolean entry = j == k && shape.internals().contains(target) && !leaves(shape, chain, j);
        Reference.Kind kind = entry ? Reference.Kind.ENTRY : shape.exit(exit);
        Reference ref = kind == Reference.Kind.THREAD_LOCAL_VALUE
            ? new Reference(kind, owner, null, null, null, threadLocalOf(chain[j - 1]), false) : Reference.of(kind, owner);
        out.add(new Hop(ref, target));
        return j;
      }
    }
    out.add(new Hop(g.isClassObject(chain[i]) ? classReference(chain, i + 1)
        : fieldReference(owner, chain, i + 1), className(chain[i + 1])));
    return i + 1;
  }

  /** Whether the reference from chain[j - 1] to chain[j] leaves a collection's internals. */
  private boolean leaves(CollectionShapes.Shape shape, int[] chain, int j) {
    String f = field(chain, j);
    boolean fromArray = !g.isClassObject(chain[j - 1]) && g.classes.get(g.classOf[chain[j - 1]]).array();
    return shape.leaves(f, fromArray);
  }

  private Reference fieldReference(String owner, int[] chain, int i) {
    String f = field(chain, i);
    if (f == null) {
      return Reference.of(Reference.Kind.ARRAY_ELEMENT, owner);
    }
    return f.equals("<class>") ? Reference.of(Reference.Kind.CLASS_OF, owner) : Reference.field(owner, f);
  }

  /** The reference from a class object (chain[i - 1]) to chain[i]: a static field, or one of its implicit slots. */
  private Reference classReference(int[] chain, int i) {
    ClassTable.Entry c = g.classes.get(g.classIndex(chain[i - 1]));
    String f = field(chain, i);
    return f.startsWith("<") ? Reference.named(Reference.Kind.CLASS_SLOT, c.name(), f)
        : Reference.staticField(c.name(), f, loaderName(c));
  }

  /**
   * The index of the first object of a class to re-root at, when the chain starts at a thread's stack; else -1. The
   * scenario's runner holds the scenario object in a local variable: its chains start at that object, not the runner.
   */
  private int rerootAt(int[] chain) {
    if (options.rerootAt().isEmpty() || p.parent[chain[0]] >= 0 || p.parent[chain[0]] == ShortestPaths.CLASS_ROOT
        || !g.rootKind[-1 - p.parent[chain[0]]].thread) {
      return -1;
    }
    for (int i = 0; i < chain.length; i++) {
      if (!g.isClassObject(chain[i]) && options.rerootAt().contains(className(chain[i]))) {
        return i;
      }
    }
    return -1;
  }

  /** Runs of FIELD hops of a class to itself (a linked list's next, a tree's left and right) as one repeated hop. */
  private static List<Hop> folded(List<Hop> hops) {
    List<Hop> out = new ArrayList<>(hops.size());
    for (Hop h : hops) {
      Reference r = h.reference();
      boolean self = r.kind() == Reference.Kind.FIELD && r.owner().equals(h.className());
      Hop last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (self && last != null && last.reference().repeated() && last.className().equals(h.className())) {
        Reference l = last.reference();
        out.set(out.size() - 1, new Hop(new Reference(l.kind(), l.owner(), Names.union(l.name(), r.name()), null, null, null, true),
            h.className()));
      } else if (self) {
        out.add(new Hop(new Reference(r.kind(), r.owner(), r.name(), null, null, null, true), h.className()));
      } else {
        out.add(h);
      }
    }
    return out;
  }

  private String className(int o) {
    return g.className(o);
  }

  /** The name of the field (null for an array element, "&lt;class&gt;" for an instance's class) from chain[i - 1] to chain[i]. */
  private String field(int[] chain, int i) {
    int s = chain[i - 1];
    int slot = p.source(g, chain[i]) == s ? p.slot(g, chain[i]) : slotIn(s, chain[i]);
    if (slot < 0) {
      return "<class>";
    }
    if (g.isClassObject(s)) {
      String name = g.staticName(s, slot);
      int implicit = slot - g.classes.get(g.classIndex(s)).staticRefNames().length;
      return name != null ? name : implicit < HeapGraph.IMPLICIT.length ? HeapGraph.IMPLICIT[implicit] : "<slot>";
    }
    ClassTable.Entry c = g.classes.get(g.classOf[s]);
    return c.array() || slot >= c.refFieldNames().length ? null : c.refFieldNames()[slot];
  }

  /** The first slot of s that holds t (a chain that is not the shortest one), or -1 for an instance's class. */
  private int slotIn(int s, int t) {
    for (int e = g.edgeStart[s]; e < g.edgeStart[s + 1]; e++) {
      if (g.edges[e] == t || g.edges[e] == HeapGraph.WEAK_BASE - t) {
        return e - g.edgeStart[s];
      }
    }
    return -1;
  }

  /** The static field that holds the ThreadLocal (the referent) of a ThreadLocalMap entry, or null. */
  private Reference threadLocalOf(int entry) {
    if (g.isClassObject(entry)) {
      return null;
    }
    int referent = g.classes.get(g.classOf[entry]).referentSlot();
    if (referent < 0) {
      return null;
    }
    int key = g.edges[g.edgeStart[entry] + referent];
    key = key <= HeapGraph.WEAK_BASE ? HeapGraph.WEAK_BASE - key : key;
    return key < 0 ? null : staticHolders().get(key);
  }

  /** For each object a static field holds: that field (the first such), built when first asked. */
  private Map<Integer, Reference> staticHolders() {
    if (staticHolders == null) {
      Map<Integer, Reference> out = new HashMap<>();
      for (int o = 0; o < g.classOf.length; o++) {
        if (g.classOf[o] < 0) {
          ClassTable.Entry e = g.classes.get(-1 - g.classOf[o]);
          String[] names = e.staticRefNames();
          for (int i = 0; i < names.length && g.edgeStart[o] + i < g.edgeStart[o + 1]; i++) {
            int t = g.edges[g.edgeStart[o] + i];
            if (t >= 0 && !names[i].startsWith("<")) {
              out.putIfAbsent(t, Reference.staticField(e.name(), names[i], loaderName(e)));
            }
          }
        }
      }
      staticHolders = out;
    }
    return staticHolders;
  }

  /** The class name of a class's loader; null for the bootstrap loader; "0x..." for a loader the dump does not hold. */
  private String loaderName(ClassTable.Entry c) {
    if (c.loaderId() == 0) {
      return null;
    }
    int l = g.ids.indexOf(c.loaderId());
    return l >= 0 ? className(l) : String.format("0x%x", c.loaderId());
  }

  private Reference rootReference(int root) {
    int r = -1 - p.parent[root];
    if (p.parent[root] >= 0 || r >= g.rootKind.length) {
      return Reference.named(Reference.Kind.ROOT, null, "weak reference");
    }
    RootKind kind = g.rootKind[r];
    int serial = g.rootThread[r];
    return switch (kind) {
      case THREAD_OBJECT -> Reference.thread(Reference.Kind.THREAD, thread(serial, null));
      case JAVA_FRAME -> Reference.thread(Reference.Kind.LOCAL, thread(serial, g.frame(serial, g.rootFrame[r])));
      case JNI_LOCAL -> Reference.thread(Reference.Kind.JNI_LOCAL, thread(serial, g.frame(serial, g.rootFrame[r])));
      case NATIVE_STACK -> Reference.thread(Reference.Kind.NATIVE_STACK, thread(serial, null));
      case THREAD_BLOCK -> Reference.thread(Reference.Kind.THREAD_BLOCK, thread(serial, null));
      case JNI_GLOBAL -> Reference.of(Reference.Kind.JNI_GLOBAL, null);
      case MONITOR_USED -> Reference.of(Reference.Kind.MONITOR, null);
      default -> Reference.named(Reference.Kind.ROOT, null, kind.name());
    };
  }

  private Reference.ThreadRoot thread(int serial, Frame frame) {
    return new Reference.ThreadRoot(serial, threadNames.get().get(serial), frame);
  }
}
