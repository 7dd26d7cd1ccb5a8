package dev.leakdiff.graph;

import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.ClassTable;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.HprofHeader;
import dev.leakdiff.hprof.HprofReader;
import dev.leakdiff.hprof.LongIntMap;
import dev.leakdiff.hprof.ProfileData;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hprof.RootKind;
import dev.leakdiff.layout.Layout;
import dev.leakdiff.layout.LayoutInference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * The object graph of one heap dump as primitive arrays: every object (instances, arrays, class objects) has
 * a dense index; its outgoing references are a slice of one int array. No Java object per heap object:
 * about 8 bytes per object for the id index, 4 for its class, 4 for its slice, and 4 per reference.
 *
 * <p>Slots: an instance has one slot per reference field, in {@link ClassTable.Entry#refFieldNames()} order
 * (NONE when null); an object array one per non-null element; a class object one per reference static field,
 * then one for each of {@link #IMPLICIT}.
 * A java.lang.ref.Reference's referent is stored as {@code WEAK_BASE - target}. The arrays are this package's:
 * the algorithms beside it (shortest paths, route groups) read them directly; other code uses the accessors.
 */
public final class HeapGraph {
  /** An empty slot: null, or an id the dump does not hold. */
  static final int NONE = -1;
  /** Weak slots hold WEAK_BASE - target. */
  static final int WEAK_BASE = -2;
  /**
   * The references a class object holds besides its static fields, as Eclipse MAT names them: its slots after
   * the statics, in this order. (The class of an instance is a reference too, followed without a slot.)
   */
  static final String[] IMPLICIT = {"<super>", "<classloader>", "<signers>", "<protection_domain>"};

  final HprofHeader header;
  final ProfileData profile;
  final ClassTable classes;
  final IdIndex ids;
  /** For each object: the class index of its type, or -1 - class index for a class object. */
  final int[] classOf;
  /** For each object, where its slots start in {@link #edges}; one more entry for the end. */
  final int[] edgeStart;
  final int[] edges;
  /** The GC roots, in dump order: object index (or NONE), kind, thread serial, frame number. */
  final int[] rootObject;
  final RootKind[] rootKind;
  final int[] rootThread;
  final int[] rootFrame;
  /** Thread serial to thread object index and stack trace serial, from ROOT_THREAD_OBJECT. */
  final int[] threadObjectBySerial;
  final int[] threadTraceBySerial;
  /** Array lengths of the objects the builder was asked to size (by object index). */
  final LongIntMap sizedArrayLengths;
  final LayoutInference.Result layout;
  final List<String> warnings;

  HeapGraph(GraphBuilder b) {
    header = b.header;
    profile = b.profile;
    classes = b.classes;
    ids = b.ids;
    classOf = b.classOf;
    edgeStart = b.edgeStart;
    edges = b.edges;
    rootObject = b.rootObject;
    rootKind = b.rootKind;
    rootThread = b.rootThread;
    rootFrame = b.rootFrame;
    threadObjectBySerial = b.threadObjectBySerial;
    threadTraceBySerial = b.threadTraceBySerial;
    sizedArrayLengths = b.sizedLengths;
    layout = b.layout;
    warnings = b.warnings;
  }

  /**
   * Builds the graph of the selected dump of a file in two parallel passes: object ids, then each object's
   * class and slots. wantSizes says for which class indices array lengths are kept, to size those objects.
   */
  public static HeapGraph build(Path file, DumpSelection selection, Function<ClassTable, IntPredicate> wantSizes,
      Progress progress) throws IOException {
    try (HprofReader reader = HprofReader.open(file)) {
      return new GraphBuilder(reader, selection, progress).build(wantSizes);
    }
  }

  /** The classes of the dump; an object's class index points into it. */
  public ClassTable classes() {
    return classes;
  }

  /** What the reader warned about (truncation, several dumps), one sentence each. */
  public List<String> warnings() {
    return warnings;
  }

  public LayoutInference.Result layout() {
    return layout;
  }

  public int objectCount() {
    return classOf.length;
  }

  /** The object's id in the dump (its address at dump time on HotSpot). */
  public long idOf(int object) {
    return ids.id(object);
  }

  /** The object with this id, or a negative number when the dump holds none. */
  public int objectOf(long id) {
    return ids.indexOf(id);
  }

  /** edgeStart of every 64th object: a small table that narrows {@link #sourceOf} to one block. */
  private int[] blockStarts;

  /** The object whose slots hold edge index e. */
  int sourceOf(int e) {
    int[] blocks = blockStarts;
    if (blocks == null) {
      blocks = new int[(classOf.length + 63) / 64];
      for (int i = 0; i < blocks.length; i++) {
        blocks[i] = edgeStart[i * 64];
      }
      blockStarts = blocks;
    }
    int bl = 0;
    int bh = blocks.length - 1;
    while (bl < bh) {
      int mid = (bl + bh + 1) >>> 1;
      if (blocks[mid] <= e) {
        bl = mid;
      } else {
        bh = mid - 1;
      }
    }
    int lo = bl * 64;
    int hi = Math.min(classOf.length - 1, lo + 63);
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (edgeStart[mid] <= e) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Whether an object is a class object (holding static fields). */
  public boolean isClassObject(int object) {
    return classOf[object] < 0;
  }

  /** The class index of an object's type, or of the class a class object stands for. */
  public int classIndex(int object) {
    int c = classOf[object];
    return c < 0 ? -1 - c : c;
  }

  /** Shallow size of an object under the inferred layout (a class object counts its static fields). */
  public long shallowSize(int object) {
    int c = classOf[object];
    Layout l = layout.layout();
    if (c < 0) {
      return l.instanceSize(0, classes.get(-1 - c).staticRefNames().length);
    }
    ClassTable.Entry e = classes.get(c);
    int length = sizedArrayLengths.get(object);
    if (e.array()) {
      int elem = elementSize(e.name(), l);
      return l.arraySize(elem, Math.max(0, length));
    }
    long prims = 0;
    for (byte t : e.fieldTypes()) {
      if (t != BasicType.OBJECT.code) {
        prims += BasicType.byCode(t).size;
      }
    }
    return l.instanceSize(prims, e.refFieldNames().length);
  }

  private static int elementSize(String arrayName, Layout l) {
    String element = arrayName.substring(0, arrayName.length() - 2);
    for (BasicType t : BasicType.values()) {
      if (t != BasicType.OBJECT && t.javaName.equals(element)) {
        return t.size;
      }
    }
    return l.referenceSize();
  }

  /**
   * The names of the live threads (ROOT_THREAD_OBJECT), by thread serial, read from the file in one more pass
   * (the graph keeps no field values). Names of threads the dump does not name are absent.
   */
  public Map<Integer, String> threadNames(Path file, DumpSelection selection) throws IOException {
    return ThreadNames.read(this, file, selection);
  }

  /**
   * Where a thread waits, by its serial: the first frame of its stack in the dump that is not the JDK's parking,
   * locking or queue code, as " in java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1062)";
   * the top frame if all are; "" when the dump has no stack for it.
   */
  public String waitingIn(int threadSerial) {
    String top = PathGroups.frame(this, threadSerial, 0);
    for (int n = 0; n < 32; n++) {
      String f = PathGroups.frame(this, threadSerial, n);
      if (f.isEmpty()) {
        break;
      }
      String method = f.substring(" in ".length(), f.indexOf('(') < 0 ? f.length() : f.indexOf('('));
      String cls = method.contains(".") ? method.substring(0, method.lastIndexOf('.')) : method;
      boolean waiting = cls.equals("jdk.internal.misc.Unsafe") || cls.equals("java.lang.Object") || cls.equals("java.lang.Thread")
          || cls.startsWith("java.util.concurrent.locks.") || cls.startsWith("java.util.concurrent.ForkJoinPool")
          || cls.startsWith("java.util.concurrent.") && cls.endsWith("Queue");
      if (!waiting) {
        return f;
      }
    }
    return top;
  }

  private Map<Integer, String> staticHolders;

  /** For each object a static field holds: "static com.acme.Foo.BAR" (the first such field); built when first asked. */
  synchronized Map<Integer, String> staticHolders() {
    if (staticHolders == null) {
      Map<Integer, String> out = new java.util.HashMap<>();
      for (int o = 0; o < classOf.length; o++) {
        if (classOf[o] < 0) {
          ClassTable.Entry e = classes.get(-1 - classOf[o]);
          String[] names = e.staticRefNames();
          for (int i = 0; i < names.length && edgeStart[o] + i < edgeStart[o + 1]; i++) {
            int t = edges[edgeStart[o] + i];
            if (t >= 0 && !names[i].startsWith("<")) {
              out.putIfAbsent(t, "static " + e.name() + "." + names[i]);
            }
          }
        }
      }
      staticHolders = out;
    }
    return staticHolders;
  }

  /** The object in an instance's reference field of this name, or NONE. */
  int slotTarget(int object, String field) {
    String[] names = classes.get(classOf[object]).refFieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(field)) {
        int t = edges[edgeStart[object] + i];
        return t <= WEAK_BASE ? WEAK_BASE - t : t;
      }
    }
    return NONE;
  }
}
