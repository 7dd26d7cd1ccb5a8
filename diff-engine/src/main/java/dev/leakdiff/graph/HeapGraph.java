package dev.leakdiff.graph;

import dev.leakdiff.hprof.Progress;
import java.io.IOException;
import dev.leakdiff.layout.InferredLayout;
import dev.leakdiff.layout.Layout;
import java.util.List;

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
 * A format's reader makes the graph ({@link Parts}); what the graph does not keep (field values, threads' stacks)
 * it asks of the dump through {@link DumpValues}.
 */
public final class HeapGraph {
  /** An empty slot: null, or an id the dump does not hold. */
  public static final int NONE = -1;
  /** Weak slots hold WEAK_BASE - target. */
  public static final int WEAK_BASE = -2;
  /**
   * The references a class object holds besides its static fields, as Eclipse MAT names them: its slots after
   * the statics, in this order. (The class of an instance is a reference too, followed without a slot.)
   */
  public static final String[] IMPLICIT = {"<super>", "<classloader>", "<signers>", "<protection_domain>"};

  /**
   * What a reader of a dump hands over.
   *
   * @param classOf for each object: the class index of its type, or -1 - class index for a class object
   * @param edgeStart for each object, where its slots start in edges; one more entry for the end
   * @param rootObject the GC roots in dump order: object index (or NONE), kind, thread serial, frame number
   * @param threadObjectBySerial thread serial to thread object index (NONE where unknown)
   * @param sizedArrayLengths the lengths of the arrays the reader was asked to size, by object index
   */
  public record Parts(ClassTable classes, IdIndex ids, int[] classOf, int[] edgeStart, int[] edges, int[] rootObject,
      RootKind[] rootKind, int[] rootThread, int[] rootFrame, int[] threadObjectBySerial, ArrayLengths sizedArrayLengths,
      InferredLayout layout, List<String> warnings, DumpValues values, dev.leakdiff.diff.Coverage coverage) {}

  final ClassTable classes;
  final IdIndex ids;
  final int[] classOf;
  final int[] edgeStart;
  final int[] edges;
  final int[] rootObject;
  final RootKind[] rootKind;
  final int[] rootThread;
  final int[] rootFrame;
  final int[] threadObjectBySerial;
  final ArrayLengths sizedArrayLengths;
  final InferredLayout layout;
  final List<String> warnings;
  final DumpValues values;
  final dev.leakdiff.diff.Coverage coverage;

  public HeapGraph(Parts p) {
    classes = p.classes();
    ids = p.ids();
    classOf = p.classOf();
    edgeStart = p.edgeStart();
    edges = p.edges();
    rootObject = p.rootObject();
    rootKind = p.rootKind();
    rootThread = p.rootThread();
    rootFrame = p.rootFrame();
    threadObjectBySerial = p.threadObjectBySerial();
    sizedArrayLengths = p.sizedArrayLengths();
    layout = p.layout();
    warnings = p.warnings();
    values = p.values();
    coverage = p.coverage();
  }

  /** How much of the dump the graph was read from: a truncated dump's graph holds what came before the break. */
  public dev.leakdiff.diff.Coverage coverage() {
    return coverage;
  }

  /** The classes of the dump; an object's class index points into it. */
  public ClassTable classes() {
    return classes;
  }

  /** What the reader warned about (truncation, several dumps), one sentence each. */
  public List<String> warnings() {
    return warnings;
  }

  public InferredLayout layout() {
    return layout;
  }

  /** The dump's values the graph does not keep, read when asked. */
  public DumpValues values() {
    return values;
  }

  /** Reads, in one pass over the dump, every value the request asks for. */
  public ValueRequest.Answers read(ValueRequest request, Progress progress) throws IOException {
    return request.isEmpty() ? request.answers() : values.read(this, request, progress);
  }

  /** Frame number n (0 is the top) of the stack of the thread of this serial, or null when the dump has none. */
  public Frame frame(int threadSerial, int n) {
    return threadSerial < 0 || n < 0 ? null : values.frame(threadSerial, n);
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

  /** The name of an object's class: java.lang.Class for a class object, as the class histogram counts it. */
  public String className(int object) {
    return classOf[object] < 0 ? "java.lang.Class" : classes.get(classOf[object]).name();
  }

  /** Shallow size of an object under the inferred layout (a class object counts its static fields). */
  public long shallowSize(int object) {
    int c = classOf[object];
    Layout l = layout.layout();
    if (c < 0) {
      return l.instanceSize(0, classes.get(-1 - c).staticRefNames().length);
    }
    ClassTable.Entry e = classes.get(c);
    if (e.array()) {
      int length = sizedArrayLengths.get(object);
      return l.arraySize(e.elementSize() == 0 ? l.referenceSize() : e.elementSize(), Math.max(0, length));
    }
    return l.instanceSize(e.primitiveBytes(), e.refFieldNames().length);
  }

  /** The thread object of a thread serial, or NONE. */
  public int threadObject(int threadSerial) {
    return threadSerial < 0 || threadSerial >= threadObjectBySerial.length ? NONE : threadObjectBySerial[threadSerial];
  }

  /** The thread serials the dump names a thread object for. */
  public int threadSerials() {
    return threadObjectBySerial.length;
  }

  /** The object in an instance's reference field of this name (a weak referent too), or NONE. */
  public int slotTarget(int object, String field) {
    if (object < 0 || classOf[object] < 0) {
      return NONE;
    }
    int slot = classes.refSlot(classOf[object], field);
    if (slot < 0 || edgeStart[object] + slot >= edgeStart[object + 1]) {
      return NONE;
    }
    int t = edges[edgeStart[object] + slot];
    return t <= WEAK_BASE ? WEAK_BASE - t : t;
  }

  /** The object of each GC root record, in dump order (NONE where the dump holds no such object). */
  public int[] rootObjects() {
    return rootObject.clone();
  }

  /** The objects an object's slots hold, weak referents too, nulls left out (one array a call: not for every object). */
  public int[] references(int object) {
    int[] out = new int[edgeStart[object + 1] - edgeStart[object]];
    int k = 0;
    for (int e = edgeStart[object]; e < edgeStart[object + 1]; e++) {
      int t = edges[e];
      if (t != NONE) {
        out[k++] = t <= WEAK_BASE ? WEAK_BASE - t : t;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /** The static field of a class object that holds an object: its slot's field name, or null for an implicit slot. */
  String staticName(int classObject, int slot) {
    String[] statics = classes.get(classIndex(classObject)).staticRefNames();
    return slot < statics.length ? statics[slot] : null;
  }
}
