package dev.leakdiff.graph;

import dev.leakdiff.hprof.ClassTable;
import dev.leakdiff.hprof.ProfileData;
import dev.leakdiff.hprof.RootKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The shortest chains from GC roots to every instance of the matched types, merged by route: chains that
 * pass through the same fields of the same classes are one group, counted. JDK collections are one hop
 * (java.util.HashMap[value]) unless raw.
 */
public final class PathGroups {
  /**
   * One line of a chain: how the object is referenced, and its class. The route's identity is its structure: the
   * reference with the numbers in a thread's name and a frame's line left out, so that the threads of one kind
   * (pool-17-thread-1, pool-18-thread-1) and moving line numbers make one route.
   */
  public record Hop(String reference, String className, String structure) {
    public Hop(String reference, String className) {
      this(reference, className, reference);
    }

    /** A hop from a thread's root: its structure has every run of digits as N. */
    static Hop ofThread(String reference, String className) {
      return new Hop(reference, className, DIGITS.matcher(reference).replaceAll("N"));
    }

    /** The same hop, its reference's digits that differ from another's shown as N: "pool-N-thread-1". */
    Hop merged(Hop other) {
      return reference.equals(other.reference) ? this : new Hop(mergeDigits(reference, other.reference), className, structure);
    }
  }

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  /** Two texts that differ only in runs of digits, with the runs that differ as N; the first if they differ otherwise. */
  static String mergeDigits(String a, String b) {
    String[] ta = DIGITS.split(a, -1);
    String[] tb = DIGITS.split(b, -1);
    if (!java.util.Arrays.equals(ta, tb)) {
      return a;
    }
    java.util.regex.Matcher ma = DIGITS.matcher(a);
    java.util.regex.Matcher mb = DIGITS.matcher(b);
    StringBuilder out = new StringBuilder(ta[0]);
    for (int i = 1; i < ta.length; i++) {
      ma.find();
      mb.find();
      out.append(ma.group().equals(mb.group()) ? ma.group() : "N").append(ta[i]);
    }
    return out.toString();
  }

  /**
   * Instances held along one route: how many, their shallow bytes, the root kind, the hops root first, and
   * the shortest and longest field-by-field chain among them (collections' internals vary in depth).
   */
  public record Group(String key, long count, long bytes, String rootKind, List<Hop> hops, int minDepth, int maxDepth) {
    /** "6 hops" or "6-10 hops". */
    public String depthText() {
      return (minDepth == maxDepth ? String.valueOf(minDepth) : minDepth + "-" + maxDepth) + " hops";
    }
  }

  /** What makes two chains give the same hops: the root, and the class and slot of each step. */
  private record Signature(int[] steps) {
    /** An array element's index does not show in its hop ("[i]"): all elements of an array are one step. */
    private static final int ANY_ELEMENT = -2;

    static Signature of(HeapGraph g, ShortestPaths p, ShortestPaths.Chain c) {
      int[] chain = c.objects();
      int[] s = new int[chain.length * 2 + 1];
      s[0] = p.parent[chain[0]] == ShortestPaths.CLASS_ROOT ? -g.classIndex(chain[0]) - 1 : p.parent[chain[0]];
      for (int i = 0; i < chain.length; i++) {
        s[2 * i + 1] = g.classOf[chain[i]];
        boolean element = i > 0 && c.slots()[i] >= 0 && !g.isClassObject(chain[i - 1])
            && g.classes.get(g.classOf[chain[i - 1]]).array();
        s[2 * i + 2] = element ? ANY_ELEMENT : c.slots()[i];
      }
      return new Signature(s);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature other && java.util.Arrays.equals(steps, other.steps);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(steps);
    }
  }

  /**
   * The groups and what could not be put in one: instances reached only weakly, only through stale references
   * (cleared ones their owner will drop), or not at all.
   */
  public record Result(List<String> matchedClasses, long instances, long bytes, long weakOnly, long staleOnly,
      long unreachable, List<Group> groups) {
    /** The instances held through strong references: what the groups count. */
    public long strong() {
      return instances - weakOnly - staleOnly - unreachable;
    }
  }

  /** A JDK collection whose internals are collapsed: the classes inside it and the label of each exit field. */
  private record Shape(Set<String> internals, Map<String, String> exits) {}

  private static final Map<String, Shape> SHAPES = new HashMap<>();

  static {
    Set<String> hashMap = Set.of("java.util.HashMap$Node", "java.util.HashMap$TreeNode", "java.util.HashMap$Node[]",
        "java.util.LinkedHashMap$Entry");
    Map<String, String> keyValue = Map.of("value", "value", "key", "key");
    SHAPES.put("java.util.HashMap", new Shape(hashMap, keyValue));
    SHAPES.put("java.util.LinkedHashMap", new Shape(hashMap, keyValue));
    Set<String> hashSet = new java.util.HashSet<>(hashMap);
    hashSet.add("java.util.HashMap");
    hashSet.add("java.util.LinkedHashMap");
    SHAPES.put("java.util.HashSet", new Shape(hashSet, Map.of("key", "*")));
    SHAPES.put("java.util.LinkedHashSet", new Shape(hashSet, Map.of("key", "*")));
    SHAPES.put("java.util.concurrent.ConcurrentHashMap", new Shape(Set.of("java.util.concurrent.ConcurrentHashMap$Node",
        "java.util.concurrent.ConcurrentHashMap$Node[]", "java.util.concurrent.ConcurrentHashMap$TreeBin",
        "java.util.concurrent.ConcurrentHashMap$TreeNode", "java.util.concurrent.ConcurrentHashMap$ForwardingNode"),
        Map.of("val", "value", "key", "key")));
    SHAPES.put("java.util.Hashtable", new Shape(Set.of("java.util.Hashtable$Entry", "java.util.Hashtable$Entry[]"), keyValue));
    SHAPES.put("java.util.WeakHashMap", new Shape(Set.of("java.util.WeakHashMap$Entry", "java.util.WeakHashMap$Entry[]"),
        keyValue));
    SHAPES.put("java.lang.ThreadLocal$ThreadLocalMap", new Shape(Set.of("java.lang.ThreadLocal$ThreadLocalMap$Entry",
        "java.lang.ThreadLocal$ThreadLocalMap$Entry[]"), Map.of("value", "value")));
    Set<String> objects = Set.of("java.lang.Object[]");
    SHAPES.put("java.util.ArrayList", new Shape(objects, Map.of()));
    SHAPES.put("java.util.ArrayDeque", new Shape(objects, Map.of()));
    SHAPES.put("java.util.Vector", new Shape(objects, Map.of()));
    SHAPES.put("java.util.concurrent.CopyOnWriteArrayList", new Shape(objects, Map.of()));
    SHAPES.put("java.util.LinkedList", new Shape(Set.of("java.util.LinkedList$Node"), Map.of("item", "*")));
  }

  private PathGroups() {}

  /** Groups the chains to every object whose class index is marked in targets; thread roots named by serial. */
  public static Result compute(HeapGraph g, ShortestPaths paths, boolean[] targets, boolean raw) {
    return compute(g, paths, targets, raw, Map::of);
  }

  /**
   * Groups the chains, naming the threads of thread roots (see HeapGraph#threadNames): threadNames is asked
   * once, and only when a chain starts at a thread, for the names take one more pass over the dump.
   */
  public static Result compute(HeapGraph g, ShortestPaths paths, boolean[] targets, boolean raw,
      Supplier<Map<Integer, String>> threadNames) {
    int[] setOfClass = new int[targets.length];
    for (int c = 0; c < targets.length; c++) {
      setOfClass[c] = targets[c] ? 0 : -1;
    }
    return compute(g, paths, setOfClass, 1, raw, threadNames)[0];
  }

  /**
   * The groups of several sets of target classes in one walk over the objects: setOfClass[c] is the set class
   * index c belongs to (0 to sets - 1), or -1. Each set's result is what it would get alone.
   */
  public static Result[] compute(HeapGraph g, ShortestPaths paths, int[] setOfClass, int sets, boolean raw,
      Supplier<Map<Integer, String>> threadNames) {
    Supplier<Map<Integer, String>> names = once(threadNames);
    Tally[] tallies = new Tally[sets];
    for (int s = 0; s < sets; s++) {
      tallies[s] = new Tally();
    }
    for (int c = 0; c < setOfClass.length; c++) {
      if (setOfClass[c] >= 0) {
        tallies[setOfClass[c]].matched.add(g.classes.get(c).name());
      }
    }
    // chains with the same shape (class and slot at each step, same root) give the same hops: build them once
    Map<Signature, String> keyBySignature = new HashMap<>();
    Map<String, List<Hop>> hopsByKey = new HashMap<>();
    Map<String, String> rootByKey = new HashMap<>();
    int classClass = classClass(g); // class objects are java.lang.Class instances, as the class histogram counts them
    int classObjectsSet = classClass < 0 ? -1 : setOfClass[classClass];
    for (int o = 0; o < g.objectCount(); o++) {
      int set = g.isClassObject(o) ? classObjectsSet : setOfClass[g.classOf[o]];
      if (set < 0) {
        continue;
      }
      Tally t = tallies[set];
      t.instances++;
      long size = g.shallowSize(o);
      t.bytes += size;
      if (!paths.reached(o)) {
        t.unreachable++;
        continue;
      }
      if (paths.weakOnly.get(o)) {
        t.weakOnly++;
        continue;
      }
      if (paths.staleOnly.get(o)) {
        t.staleOnly++;
        continue;
      }
      ShortestPaths.Chain found = paths.chainTo(g, o);
      int[] chain = found.objects();
      Signature sig = Signature.of(g, paths, found);
      String key = keyBySignature.get(sig);
      if (key == null) {
        List<Hop> hops = hops(g, paths, chain, raw, names);
        key = key(hops);
        keyBySignature.put(sig, key);
        hopsByKey.merge(key, hops, PathGroups::merged);
        rootByKey.putIfAbsent(key, rootKind(g, paths, chain[0]));
      }
      long[] a = t.counts.get(key);
      if (a == null) {
        a = new long[] {0, 0, Integer.MAX_VALUE, 0};
        t.counts.put(key, a);
      }
      a[0]++;
      a[1] += size;
      a[2] = Math.min(a[2], chain.length - 1);
      a[3] = Math.max(a[3], chain.length - 1);
    }
    Result[] out = new Result[sets];
    for (int s = 0; s < sets; s++) {
      Tally t = tallies[s];
      List<Group> groups = new ArrayList<>();
      t.counts.forEach((k, a) -> groups.add(new Group(k, a[0], a[1], rootByKey.get(k), hopsByKey.get(k), (int) a[2], (int) a[3])));
      groups.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::key));
      out[s] = new Result(t.matched, t.instances, t.bytes, t.weakOnly, t.staleOnly, t.unreachable, groups);
    }
    return out;
  }

  /** The class index of java.lang.Class, or -1. */
  private static int classClass(HeapGraph g) {
    for (int c = 0; c < g.classes.size(); c++) {
      if (g.classes.get(c).name().equals("java.lang.Class")) {
        return c;
      }
    }
    return -1;
  }

  /** What one set of targets has gathered during the walk. */
  private static final class Tally {
    final Map<String, long[]> counts = new LinkedHashMap<>(); // key -> {count, bytes, min depth, max depth}
    final List<String> matched = new ArrayList<>();
    long instances;
    long bytes;
    long weakOnly;
    long staleOnly;
    long unreachable;
  }

  /** A supplier asked at most once. */
  private static <T> Supplier<T> once(Supplier<T> s) {
    return new Supplier<>() {
      private T value;
      private boolean done;

      @Override
      public T get() {
        if (!done) {
          value = s.get();
          done = true;
        }
        return value;
      }
    };
  }

  /** The roots that are a thread's, whose names vary in numbers from one thread of a kind to the next. */
  private static final Set<RootKind> THREAD_ROOTS = Set.of(RootKind.THREAD_OBJECT, RootKind.JAVA_FRAME, RootKind.JNI_LOCAL,
      RootKind.NATIVE_STACK, RootKind.THREAD_BLOCK);

  /** The hops of one route as two of its chains show them: the numbers that differ between them as N. */
  private static List<Hop> merged(List<Hop> a, List<Hop> b) {
    List<Hop> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(a.get(i).merged(b.get(i)));
    }
    return out;
  }

  private static String key(List<Hop> hops) {
    StringBuilder sb = new StringBuilder();
    for (Hop h : hops) {
      sb.append(h.structure()).append(" -> ").append(h.className()).append('\n');
    }
    return sb.toString();
  }

  private static String className(HeapGraph g, int o) {
    return g.isClassObject(o) ? "java.lang.Class" : g.classes.get(g.classOf[o]).name();
  }

  /** The name of the field (or "[i]") of the reference from chain[i - 1] to chain[i]. */
  private static String field(HeapGraph g, ShortestPaths p, int[] chain, int i) {
    int s = chain[i - 1];
    int slot = p.slot(g, chain[i]);
    if (slot < 0) {
      return "<class>";
    }
    if (g.isClassObject(s)) {
      String[] statics = g.classes.get(g.classIndex(s)).staticRefNames();
      return slot < statics.length ? name(statics, slot) : name(HeapGraph.IMPLICIT, slot - statics.length);
    }
    ClassTable.Entry c = g.classes.get(g.classOf[s]);
    return c.array() ? "[i]" : name(c.refFieldNames(), slot);
  }

  /** A slot's field name; a slot past the class's fields is an array element (an OBJ_ARRAY_DUMP naming a class that is not an array). */
  private static String name(String[] names, int slot) {
    return slot < names.length ? names[slot] : "[i]";
  }

  private static String reference(HeapGraph g, ShortestPaths p, int[] chain, int i) {
    String f = field(g, p, chain, i);
    if (g.isClassObject(chain[i - 1])) {
      ClassTable.Entry c = g.classes.get(g.classIndex(chain[i - 1]));
      return f.startsWith("<") ? "class " + c.name() + " " + f : "static " + c.name() + "." + f + " (" + loader(g, c) + ")";
    }
    String owner = className(g, chain[i - 1]);
    return f.equals("[i]") ? owner + "[i]" : owner + "." + f;
  }

  static List<Hop> hops(HeapGraph g, ShortestPaths p, int[] chain, boolean raw, Supplier<Map<Integer, String>> threadNames) {
    List<Hop> out = new ArrayList<>();
    int k = chain.length - 1;
    int i;
    if (g.isClassObject(chain[0]) && k > 0) {
      out.add(new Hop(reference(g, p, chain, 1), className(g, chain[1])));
      i = 1;
    } else if (g.isClassObject(chain[0]) && p.parent[chain[0]] == ShortestPaths.CLASS_ROOT) {
      // a class that is itself a root: one group per loader, not one per class
      out.add(new Hop("a " + loader(g, g.classes.get(g.classIndex(chain[0]))), "java.lang.Class"));
      i = 0;
    } else {
      String root = rootDescription(g, p, chain[0], threadNames);
      boolean thread = p.parent[chain[0]] < 0 && p.parent[chain[0]] != ShortestPaths.CLASS_ROOT
          && THREAD_ROOTS.contains(g.rootKind[-1 - p.parent[chain[0]]]);
      out.add(thread ? Hop.ofThread(root, className(g, chain[0])) : new Hop(root, className(g, chain[0])));
      i = 0;
    }
    while (i < k) {
      String owner = className(g, chain[i]);
      Shape shape = raw || g.isClassObject(chain[i]) ? null : SHAPES.get(owner);
      if (shape == null && !raw && owner.endsWith("[]") && !g.isClassObject(chain[i])) {
        out.add(new Hop(owner + "[*]", className(g, chain[i + 1])));
        i++;
        continue;
      }
      if (shape != null) {
        int j = i + 1;
        while (j < k && shape.internals().contains(className(g, chain[j]))) {
          j++;
        }
        if (j > i + 1 || shape.exits().containsKey(field(g, p, chain, j))) {
          String label = shape.exits().getOrDefault(field(g, p, chain, j), "*");
          if (owner.equals("java.lang.ThreadLocal$ThreadLocalMap") && label.equals("value")) {
            label += threadLocalOf(g, chain[j - 1]); // which ThreadLocal: the static field that holds the entry's key
          }
          out.add(new Hop(owner + "[" + label + "]", className(g, chain[j])));
          i = j;
          continue;
        }
      }
      out.add(new Hop(reference(g, p, chain, i + 1), className(g, chain[i + 1])));
      i++;
    }
    return out;
  }

  /** " of static com.acme.Audit.BUFFER" for a ThreadLocalMap entry whose key (a ThreadLocal) a static field holds; else "". */
  private static String threadLocalOf(HeapGraph g, int entry) {
    if (g.isClassObject(entry)) {
      return "";
    }
    int referent = g.classes.get(g.classOf[entry]).referentSlot();
    if (referent < 0) {
      return "";
    }
    int key = g.edges[g.edgeStart[entry] + referent];
    key = key <= HeapGraph.WEAK_BASE ? HeapGraph.WEAK_BASE - key : key;
    String holder = key < 0 ? null : g.staticHolders().get(key);
    return holder == null ? "" : " of " + holder;
  }

  private static String loader(HeapGraph g, ClassTable.Entry c) {
    if (c.loaderId() == 0) {
      return "class loaded by the bootstrap loader";
    }
    int l = g.ids.indexOf(c.loaderId());
    return "class loaded by " + (l >= 0 ? className(g, l) : String.format("0x%x", c.loaderId()));
  }

  private static String rootKind(HeapGraph g, ShortestPaths p, int root) {
    int v = p.parent[root];
    if (v == ShortestPaths.CLASS_ROOT) {
      return "class";
    }
    if (v < 0 && -1 - v < g.rootKind.length) {
      return g.rootKind[-1 - v].name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
    return "weak reference";
  }

  private static String rootDescription(HeapGraph g, ShortestPaths p, int root, Supplier<Map<Integer, String>> threadNames) {
    int v = p.parent[root];
    if (v == ShortestPaths.CLASS_ROOT) {
      return "class " + g.classes.get(g.classIndex(root)).name();
    }
    int r = -1 - v;
    RootKind kind = g.rootKind[r];
    int serial = g.rootThread[r];
    return switch (kind) {
      case THREAD_OBJECT -> "thread " + thread(serial, threadNames);
      case JAVA_FRAME -> "local variable of thread " + thread(serial, threadNames) + frame(g, serial, g.rootFrame[r]);
      case JNI_LOCAL -> "JNI local of thread " + thread(serial, threadNames) + frame(g, serial, g.rootFrame[r]);
      case NATIVE_STACK -> "native stack of thread " + thread(serial, threadNames);
      case THREAD_BLOCK -> "blocked thread " + thread(serial, threadNames);
      case JNI_GLOBAL -> "JNI global reference";
      case MONITOR_USED -> "monitor in use";
      default -> kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " root";
    };
  }

  /** 'name' of a thread, or #serial when the dump does not name it (names are asked for only here). */
  private static String thread(int serial, Supplier<Map<Integer, String>> threadNames) {
    String name = threadNames.get().get(serial);
    return name != null ? "'" + name + "'" : "#" + serial;
  }

  /** " in com.acme.Worker.run(Worker.java:42)" from the thread's stack trace, or "". */
  static String frame(HeapGraph g, int threadSerial, int frameNumber) {
    if (threadSerial < 0 || threadSerial >= g.threadTraceBySerial.length || frameNumber < 0) {
      return "";
    }
    ProfileData.StackTrace trace = g.profile.trace(g.threadTraceBySerial[threadSerial]);
    if (trace == null || frameNumber >= trace.frameIds().length) {
      return "";
    }
    ProfileData.StackFrame f = g.profile.frame(trace.frameIds()[frameNumber]);
    if (f == null) {
      return "";
    }
    ProfileData.LoadedClass c = g.profile.classBySerial(f.classSerial());
    String cls = c == null ? "?" : g.profile.className(c.classId());
    String file = g.profile.strings().getOr(f.sourceFileId());
    String line = f.line() > 0 ? ":" + f.line() : f.line() == -3 ? " native" : "";
    return " in " + cls + "." + g.profile.strings().getOr(f.methodNameId()) + "(" + file + line + ")";
  }
}
