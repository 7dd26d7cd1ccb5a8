package dev.leakdiff.hprof;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The object graph of one heap dump as primitive arrays: every object (instances, arrays, class objects) has
 * a dense index; its outgoing references are a slice of one int array. No Java object per heap object:
 * about 8 bytes per object for the id index, 4 for its class, 4 for its slice, and 4 per reference.
 *
 * <p>Slots: an instance has one slot per reference field, in {@link ClassTable.Entry#refFieldNames()} order
 * (NONE when null); an object array one per non-null element; a class object one per reference static field.
 * A java.lang.ref.Reference's referent is stored as {@code WEAK_BASE - target}.
 */
public final class HeapGraph {
  /** An empty slot: null, or an id the dump does not hold. */
  public static final int NONE = -1;
  /** Weak slots hold WEAK_BASE - target. */
  public static final int WEAK_BASE = -2;

  public final HprofHeader header;
  public final ProfileData profile;
  public final ClassTable classes;
  public final IdIndex ids;
  /** For each object: the class index of its type, or -1 - class index for a class object. */
  public final int[] classOf;
  /** For each object, where its slots start in {@link #edges}; one more entry for the end. */
  public final int[] edgeStart;
  public final int[] edges;
  /** The GC roots, in dump order: object index (or NONE), kind, thread serial, frame number. */
  public final int[] rootObject;
  public final RootKind[] rootKind;
  public final int[] rootThread;
  public final int[] rootFrame;
  /** Thread serial to thread object index and stack trace serial, from ROOT_THREAD_OBJECT. */
  public final int[] threadObjectBySerial;
  public final int[] threadTraceBySerial;
  /** Array lengths of the objects the builder was asked to size (by object index). */
  public final LongIntMap sizedArrayLengths;
  public final LayoutInference.Result layout;
  public final List<String> warnings;

  private HeapGraph(Builder b) {
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

  public int objectCount() {
    return classOf.length;
  }

  /** edgeStart of every 64th object: a small table that narrows {@link #sourceOf} to one block. */
  private int[] blockStarts;

  /** The object whose slots hold edge index e. */
  public int sourceOf(int e) {
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
   * The names of the live threads (ROOT_THREAD_OBJECT), by thread serial: Thread.name, a String, read from the
   * file in one more pass (the graph keeps no field values). Names of threads the dump does not name are absent.
   */
  public Map<Integer, String> threadNames(Path file, DumpSelection selection) throws IOException {
    Map<Integer, Integer> stringBySerial = new HashMap<>();
    LongIntMap wantedStrings = new LongIntMap(64);
    for (int serial = 0; serial < threadObjectBySerial.length; serial++) {
      int t = threadObjectBySerial[serial];
      int s = t < 0 || isClassObject(t) ? NONE : slotTarget(t, "name");
      if (s >= 0) {
        stringBySerial.put(serial, s);
        wantedStrings.put(ids.id(s), s);
      }
    }
    if (stringBySerial.isEmpty()) {
      return Map.of();
    }
    LongIntMap wantedArrays = new LongIntMap(64);
    for (int s : stringBySerial.values()) {
      int v = isClassObject(s) ? NONE : slotTarget(s, "value");
      if (v >= 0) {
        wantedArrays.put(ids.id(v), v);
      }
    }
    Map<Integer, byte[]> arrays = new ConcurrentHashMap<>();
    Map<Integer, Integer> coders = new ConcurrentHashMap<>();
    try (HprofReader reader = HprofReader.open(file)) {
      reader.read(selection, () -> new HeapVisitor() {
        @Override
        public void instance(long id, long classId, int fieldBytes, Cursor fields) {
          int s = wantedStrings.get(id);
          if (s != LongIntMap.MISSING) {
            coders.put(s, stringCoder(s, fields));
          }
        }

        @Override
        public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
          int a = wantedArrays.get(id);
          if (a != LongIntMap.MISSING && hasData && length <= 4096) {
            byte[] b = new byte[length * type.size];
            elements.bytes(b, 0, b.length);
            arrays.put(a, b);
          }
        }
      }, new Progress());
    }
    Map<Integer, String> names = new HashMap<>();
    stringBySerial.forEach((serial, s) -> {
      int v = slotTarget(s, "value");
      byte[] b = v >= 0 ? arrays.get(v) : null;
      if (b != null) {
        String cls = classes.get(classOf[v]).name();
        Charset cs = cls.equals("char[]") ? StandardCharsets.UTF_16BE
            : coders.getOrDefault(s, 0) == 1 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1;
        names.put(serial, new String(b, cs));
      }
    });
    return names;
  }

  /** The object in an instance's reference field of this name, or NONE. */
  private int slotTarget(int object, String field) {
    String[] names = classes.get(classOf[object]).refFieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(field)) {
        int t = edges[edgeStart[object] + i];
        return t <= WEAK_BASE ? WEAK_BASE - t : t;
      }
    }
    return NONE;
  }

  /** A java.lang.String's coder field (0 Latin-1, 1 UTF-16; JDK 8 Strings have none). */
  private int stringCoder(int string, Cursor fields) {
    for (byte t : classes.get(classOf[string]).fieldTypes()) {
      BasicType type = BasicType.byCode(t);
      if (type == BasicType.OBJECT) {
        fields.id();
      } else if (type == BasicType.BYTE) {
        return fields.u1(); // the only byte field of String: coder
      } else {
        fields.skipBytes(type.size);
      }
    }
    return 0;
  }

  /** Raised when the graph of a dump needs more memory than the JVM may use. */
  public static final class NotEnoughMemory extends RuntimeException {
    public final long neededBytes;

    NotEnoughMemory(long neededBytes, String message) {
      super(message, null, false, false);
      this.neededBytes = neededBytes;
    }
  }

  /** Bytes of graph index per heap object, and per reference slot, as the README states. */
  public static final int BYTES_PER_OBJECT = 8 + 4 + 4 + 4 + 4 + 4;
  public static final int BYTES_PER_SLOT = 4;

  /**
   * Builds the graph of the selected dump of a file in two parallel passes: object ids, then each object's
   * class and slots. wantSizes says for which class indices array lengths are kept, to size those objects.
   */
  public static HeapGraph build(Path file, DumpSelection selection, java.util.function.Function<ClassTable, IntPredicate> wantSizes,
      Progress progress) throws IOException {
    try (HprofReader reader = HprofReader.open(file)) {
      return new Builder(reader, selection, progress).build(wantSizes);
    }
  }

  /** The builder's state between passes. */
  private static final class Builder {
    final HprofReader reader;
    final DumpSelection selection;
    final Progress progress;
    HprofHeader header;
    ProfileData profile;
    ClassTable classes;
    IdIndex ids;
    int[] classOf;
    int[] edgeStart;
    int[] edges;
    int[] rootObject;
    RootKind[] rootKind;
    int[] rootThread;
    int[] rootFrame;
    int[] threadObjectBySerial = new int[0];
    int[] threadTraceBySerial = new int[0];
    LongIntMap sizedLengths = new LongIntMap(1024);
    LayoutInference.Result layout;
    List<String> warnings = new ArrayList<>();

    Builder(HprofReader reader, DumpSelection selection, Progress progress) {
      this.reader = reader;
      this.selection = selection;
      this.progress = progress;
    }

    HeapGraph build(java.util.function.Function<ClassTable, IntPredicate> wantSizes) {
      try {
        collectNodes();
      } catch (OutOfMemoryError e) {
        // the ids alone did not fit: estimate the whole graph from the dump's size (25 bytes is the smallest object record)
        long heapBytes = reader.fileSize();
        long objects = heapBytes / 25;
        throw new NotEnoughMemory(objects * (BYTES_PER_OBJECT + 12L), String.format("the graph of up to %,d objects needs"
            + " more memory than this JVM may use (-Xmx%dm or more)", objects,
            Math.max(512, (objects * (BYTES_PER_OBJECT + 12L) >> 20) + 256)));
      }
      IntPredicate sized = wantSizes.apply(classes);
      checkMemory(0);
      buildSlots(sized);
      return new HeapGraph(this);
    }

    private <V extends HeapVisitor> List<V> pass(java.util.function.Supplier<V> visitors) {
      HprofContents<V> c = reader.read(selection, visitors, progress);
      header = c.header();
      profile = c.profile();
      if (warnings.isEmpty()) {
        warnings.addAll(c.warnings());
      }
      if (c.dumps().isEmpty()) {
        throw new HprofFormatException(reader.file(), 0, -1, "holds no heap dump");
      }
      int chosen = selection.isLast() ? c.dumps().size() - 1 : selection.index();
      if (chosen >= c.dumps().size()) {
        throw new IllegalArgumentException(reader.file() + " holds " + c.dumps().size() + " heap dump(s); #" + chosen
            + " does not exist");
      }
      return c.visited().getOrDefault(chosen, List.of());
    }

    /** Pass 1: every object id, the class dumps, the roots, a layout sample. */
    private void collectNodes() {
      List<NodeCollector> parts = pass(NodeCollector::new);
      int n = 0;
      for (NodeCollector p : parts) {
        n += p.count;
      }
      long[] all = new long[n];
      int at = 0;
      boolean eachSorted = true;
      for (NodeCollector p : parts) {
        for (int i = 1; i < p.count && eachSorted; i++) {
          eachSorted = p.ids[i - 1] < p.ids[i];
        }
      }
      List<ClassDump> dumps = new ArrayList<>();
      Set<Long> otherClasses = new HashSet<>();
      List<LayoutSample> samples = new ArrayList<>();
      int roots = 0;
      if (eachSorted && parts.size() == 2) {
        // HotSpot writes objects in address order, so each worker's ids come sorted: merge, no sort needed
        merge(parts.get(0).ids, parts.get(0).count, parts.get(1).ids, parts.get(1).count, all);
      }
      for (NodeCollector p : parts) {
        if (!(eachSorted && parts.size() == 2)) {
          System.arraycopy(p.ids, 0, all, at, p.count);
          at += p.count;
        }
        p.ids = null;
        dumps.addAll(p.classDumps);
        for (int i = 0; i < p.classIdsSeen.length; i++) {
          otherClasses.add(p.classIdsSeen[i]);
        }
        samples.add(p.sample);
        roots += p.roots;
      }
      ids = new IdIndex(all, n);
      classes = new ClassTable(dumps, otherClasses, profile);
      layout = LayoutInference.infer(header.idSize(), samples, new ClassShapes(dumps));
      classOf = new int[ids.size()];
      rootObject = new int[roots];
      rootKind = new RootKind[roots];
      rootThread = new int[roots];
      rootFrame = new int[roots];
      int r = 0;
      int maxSerial = 0;
      for (NodeCollector p : parts) {
        for (int i = 0; i < p.roots; i++, r++) {
          rootObject[r] = ids.indexOf(p.rootIds[i]);
          rootKind[r] = RootKind.values()[p.rootKinds[i]];
          rootThread[r] = p.rootThreads[i];
          rootFrame[r] = p.rootFrames[i];
          if (rootKind[r] == RootKind.THREAD_OBJECT) {
            maxSerial = Math.max(maxSerial, rootThread[r]);
          }
        }
      }
      threadObjectBySerial = new int[maxSerial + 1];
      threadTraceBySerial = new int[maxSerial + 1];
      Arrays.fill(threadObjectBySerial, NONE);
      for (int i = 0; i < roots; i++) {
        if (rootKind[i] == RootKind.THREAD_OBJECT && rootThread[i] >= 0) {
          threadObjectBySerial[rootThread[i]] = rootObject[i];
          threadTraceBySerial[rootThread[i]] = rootFrame[i]; // a thread root's second u4 is its stack trace serial
        }
      }
    }

    private static void merge(long[] a, int na, long[] b, int nb, long[] out) {
      int i = 0;
      int j = 0;
      int k = 0;
      while (i < na && j < nb) {
        out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
      }
      while (i < na) {
        out[k++] = a[i++];
      }
      while (j < nb) {
        out[k++] = b[j++];
      }
    }

    /**
     * Pass 2: each object's class and slots. Workers write slots in file order into buffers of their own; the
     * slots are then laid out by object index, so one pass over the file does what counting and then
     * filling would do in two.
     */
    private void buildSlots(IntPredicate sized) {
      edgeStart = new int[classOf.length + 1];
      List<SlotBuilder> parts = pass(() -> new SlotBuilder(this, sized));
      for (SlotBuilder p : parts) {
        for (int i = 0; i < p.sizedCount; i++) {
          sizedLengths.put(p.sizedObjects[i], p.sizedLengthsOf[i]);
        }
        for (int k = 0; k < p.objects; k++) {
          edgeStart[p.object[k] + 1] = p.start[k + 1] - p.start[k];
        }
      }
      long total = 0;
      for (int i = 0; i < classOf.length; i++) {
        int count = edgeStart[i + 1];
        edgeStart[i + 1] = (int) total;
        total += count;
        if (total > Integer.MAX_VALUE - 8) {
          throw new NotEnoughMemory(total * 4, "the dump holds more than 2^31 references, more than leakdiff's graph index takes");
        }
      }
      // shift: edgeStart[i] is object i's start, edgeStart[n] the end
      System.arraycopy(edgeStart, 1, edgeStart, 0, classOf.length);
      edgeStart[classOf.length] = (int) total;
      checkMemory(total);
      edges = new int[(int) total];
      for (SlotBuilder p : parts) {
        for (int k = 0; k < p.objects; k++) {
          System.arraycopy(p.slots, p.start[k], edges, edgeStart[p.object[k]], p.start[k + 1] - p.start[k]);
        }
        p.slots = null;
        p.object = null;
        p.start = null;
      }
    }

    private void checkMemory(long slots) {
      Runtime rt = Runtime.getRuntime();
      long need = (long) classOf.length * BYTES_PER_OBJECT + slots * BYTES_PER_SLOT + ids.footprint();
      // (while the slots are laid out, the workers' buffers of them are still held: counted in BYTES_PER_OBJECT's margin)
      long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
      if (need > free) {
        long xmx = (need + (rt.totalMemory() - rt.freeMemory()) + (256L << 20)) >> 20;
        throw new NotEnoughMemory(need, String.format("the graph of %,d objects needs about %,d MiB more memory than this JVM"
            + " may use (-Xmx%dm or more)", classOf.length, (need - free) >> 20, Math.max(xmx, 512)));
      }
    }
  }

  /** Pass 1 visitor. */
  private static final class NodeCollector implements HeapVisitor {
    long[] ids = new long[1 << 16];
    int count;
    final List<ClassDump> classDumps = new ArrayList<>();
    long[] classIdsSeen = new long[0];
    private final LongIntMap seen = new LongIntMap(1024);
    private long lastClass;
    final LayoutSample sample = new LayoutSample();
    long[] rootIds = new long[256];
    byte[] rootKinds = new byte[256];
    int[] rootThreads = new int[256];
    int[] rootFrames = new int[256];
    int roots;

    private void add(long id) {
      if (count == ids.length) {
        ids = Arrays.copyOf(ids, count * 2);
      }
      ids[count++] = id;
    }

    private void seenClass(long classId) {
      if (classId != lastClass && seen.get(classId) == LongIntMap.MISSING) {
        seen.put(classId, 0);
        classIdsSeen = Arrays.copyOf(classIdsSeen, classIdsSeen.length + 1);
        classIdsSeen[classIdsSeen.length - 1] = classId;
      }
      lastClass = classId;
    }

    @Override
    public void root(RootKind kind, long objectId, int threadSerial, int frame) {
      if (roots == rootIds.length) {
        rootIds = Arrays.copyOf(rootIds, roots * 2);
        rootKinds = Arrays.copyOf(rootKinds, roots * 2);
        rootThreads = Arrays.copyOf(rootThreads, roots * 2);
        rootFrames = Arrays.copyOf(rootFrames, roots * 2);
      }
      rootIds[roots] = objectId;
      rootKinds[roots] = (byte) kind.ordinal();
      rootThreads[roots] = threadSerial;
      rootFrames[roots] = frame;
      roots++;
    }

    @Override
    public void segment(int ordinal) {
      sample.segment(ordinal);
    }

    @Override
    public void classDump(ClassDump classDump) {
      classDumps.add(classDump);
      add(classDump.classId());
    }

    @Override
    public void instance(long id, long classId, int fieldBytes, Cursor fields) {
      add(id);
      seenClass(classId);
      if (sample.wants()) {
        sample.instance(id, classId);
      }
    }

    @Override
    public void objectArray(long id, long arrayClassId, int length, Cursor elements) {
      add(id);
      seenClass(arrayClassId);
      if (sample.wants()) {
        sample.objectArray(id, length);
      }
    }

    @Override
    public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
      add(id);
      if (sample.wants()) {
        sample.primitiveArray(id, type, length);
      }
    }
  }

  /** Pass 2 visitor: writes each object's class, and its slots into buffers of its own, in file order. */
  private static final class SlotBuilder implements HeapVisitor {
    private final Builder b;
    private final IntPredicate sized;
    int[] sizedObjects = new int[64];
    int[] sizedLengthsOf = new int[64];
    int sizedCount;
    /** The objects with slots, where each one's slots start in {@link #slots}, and the slots. */
    int[] object = new int[1 << 14];
    int[] start = new int[(1 << 14) + 1];
    int objects;
    int[] slots = new int[1 << 16];
    int used;
    private int last = -1;
    private long lastClassId;
    private int lastClass = -1;

    SlotBuilder(Builder b, IntPredicate sized) {
      this.b = b;
      this.sized = sized;
    }

    private int classIndex(long classId) {
      if (classId != lastClassId || lastClass < 0) {
        lastClassId = classId;
        lastClass = b.classes.indexOf(classId);
      }
      return lastClass;
    }

    private void size(int o, int cls, int length) {
      if (sized.test(cls)) {
        if (sizedCount == sizedObjects.length) {
          sizedObjects = Arrays.copyOf(sizedObjects, sizedCount * 2);
          sizedLengthsOf = Arrays.copyOf(sizedLengthsOf, sizedCount * 2);
        }
        sizedObjects[sizedCount] = o;
        sizedLengthsOf[sizedCount++] = length;
      }
    }

    /** Starts the slots of object o, with room for at most n of them. */
    private void begin(int o, int n) {
      if (objects + 1 >= object.length) {
        object = Arrays.copyOf(object, object.length * 2);
        start = Arrays.copyOf(start, object.length + 1);
      }
      object[objects] = o;
      start[objects] = used;
      if (used + n > slots.length) {
        slots = Arrays.copyOf(slots, Math.max(slots.length * 2, used + n));
      }
    }

    private void end() {
      start[++objects] = used;
    }

    private int target(long id) {
      return id == 0 ? NONE : b.ids.indexOf(id);
    }

    @Override
    public void classDump(ClassDump d) {
      int o = b.ids.indexOf(d.classId());
      int c = b.classes.indexOf(d.classId());
      b.classOf[o] = -1 - c;
      long[] statics = b.classes.get(c).staticRefValues();
      begin(o, statics.length);
      for (long v : statics) {
        slots[used++] = target(v);
      }
      end();
    }

    @Override
    public void instance(long id, long classId, int fieldBytes, Cursor fields) {
      int o = last = b.ids.indexOf(id, last);
      int c = classIndex(classId);
      b.classOf[o] = c;
      size(o, c, -1);
      ClassTable.Entry e = b.classes.get(c);
      int refs = e.refFieldNames().length;
      begin(o, refs);
      int slot = 0;
      int idSize = fields.idSize();
      int read = 0;
      for (byte t : e.fieldTypes()) {
        if (read >= fieldBytes) {
          break;
        }
        if (t == BasicType.OBJECT.code) {
          int v = target(fields.id());
          slots[used++] = slot == e.referentSlot() && v >= 0 ? WEAK_BASE - v : v;
          slot++;
          read += idSize;
        } else {
          int size = BasicType.byCode(t).size;
          fields.skipBytes(size);
          read += size;
        }
      }
      while (slot++ < refs) {
        slots[used++] = NONE;
      }
      end();
    }

    @Override
    public void objectArray(long id, long arrayClassId, int length, Cursor elements) {
      int o = last = b.ids.indexOf(id, last);
      int c = b.classes.indexOf(arrayClassId);
      b.classOf[o] = c;
      size(o, c, length);
      begin(o, length);
      for (int i = 0; i < length; i++) {
        long e = elements.id();
        if (e != 0) {
          slots[used++] = b.ids.indexOf(e);
        }
      }
      end();
    }

    @Override
    public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
      int o = last = b.ids.indexOf(id, last);
      int c = b.classes.primitiveArray(type);
      b.classOf[o] = c;
      size(o, c, length);
    }
  }
}
