package dev.leakdiff.source.hprof;

import dev.leakdiff.graph.ArrayLengths;
import dev.leakdiff.graph.ClassTable;
import dev.leakdiff.graph.GraphMemory;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.IdIndex;
import dev.leakdiff.graph.RootKind;
import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.ClassDump;
import dev.leakdiff.hprof.Cursor;
import dev.leakdiff.hprof.RecordTag;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.HeapVisitor;
import dev.leakdiff.hprof.HprofContents;
import dev.leakdiff.hprof.HprofFormatException;
import dev.leakdiff.hprof.HprofHeader;
import dev.leakdiff.hprof.HprofReader;
import dev.leakdiff.hprof.LongIntMap;
import dev.leakdiff.hprof.ProfileData;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.layout.InferredLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;

/** Builds a {@link HeapGraph} in two parallel passes over a dump; holds the arrays between them. */
final class GraphBuilder {
  private static final int MAX_THREAD_SERIAL = 1 << 20;
  final HprofReader reader;
  DumpSelection selection;
  final Progress progress;
  HprofHeader header;
  ProfileData profile;
  HprofClasses classes;
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
  ArrayLengths sizedLengths = ArrayLengths.NONE;
  InferredLayout layout;
  List<String> warnings = new ArrayList<>();
  dev.leakdiff.diff.Coverage coverage;

  GraphBuilder(HprofReader reader, DumpSelection selection, Progress progress) {
    this.reader = reader;
    this.selection = selection;
    this.progress = progress;
  }

  HeapGraph build(Function<ClassTable, IntPredicate> wantSizes) {
    // within seconds, from a sample: a graph that cannot fit is refused before the passes over the whole file
    GraphSample.Estimate estimate = GraphSample.of(reader, selection);
    if (estimate != null) {
      GraphMemory.checkEstimate(estimate.objects(), estimate.slots());
    }
    try {
      collectNodes();
    } catch (OutOfMemoryError e) {
      throw GraphMemory.idsDidNotFit(reader.fileSize());
    }
    IntPredicate sized = wantSizes.apply(classes.table);
    // the slots are counted in the next pass: until then the sample's share per object, for a figure that covers them
    GraphMemory.checkPass2(classOf.length, estimate == null ? 0 : (long) (estimate.slotsPerObject() * classOf.length));
    buildSlots(sized);
    HprofValues values = new HprofValues(reader.file(), selection, header.idSize(), classes, profile, threadTraceBySerial);
    return new HeapGraph(new HeapGraph.Parts(classes.table, ids, classOf, edgeStart, edges, rootObject, rootKind, rootThread,
        rootFrame, threadObjectBySerial, sizedLengths, layout, warnings, values, coverage));
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
    coverage = new dev.leakdiff.diff.Coverage(reader.fileSize(), c.truncatedAt(), c.dumps().get(chosen).bytes(), c.damaged());
    // a compressed file is read in one pass that visits every dump it holds: the next pass names the one it wants
    selection = DumpSelection.only(chosen);
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
    if (ids.duplicates() > 0) {
      throw duplicateId(ids.duplicate());
    }
    classes = new HprofClasses(dumps, otherClasses, profile);
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
        rootKind[r] = RootKind.valueOf(dev.leakdiff.hprof.RootKind.values()[p.rootKinds[i]].name());
        rootThread[r] = p.rootThreads[i];
        rootFrame[r] = p.rootFrames[i];
        if (rootKind[r] == RootKind.THREAD_OBJECT) {
          if (rootThread[r] > MAX_THREAD_SERIAL) {
            // HotSpot numbers threads from 1: a serial past a million is a damaged root, not a reason to allocate
            warnings.add(String.format("%s: a ROOT_THREAD_OBJECT with thread serial %,d (damaged?) is not taken as a thread",
                reader.file(), rootThread[r] & 0xFFFFFFFFL));
            rootThread[r] = -1;
          }
          maxSerial = Math.max(maxSerial, rootThread[r]);
        }
      }
    }
    threadObjectBySerial = new int[maxSerial + 1];
    threadTraceBySerial = new int[maxSerial + 1];
    Arrays.fill(threadObjectBySerial, HeapGraph.NONE);
    for (int i = 0; i < roots; i++) {
      if (rootKind[i] == RootKind.THREAD_OBJECT && rootThread[i] >= 0) {
        threadObjectBySerial[rootThread[i]] = rootObject[i];
        threadTraceBySerial[rootThread[i]] = rootFrame[i]; // a thread root's second u4 is its stack trace serial
      }
    }
  }

  /**
   * Two objects with one id: a damaged dump (HotSpot's ids are addresses). On this error path one more pass
   * finds where the id occurs the second time, for the message.
   */
  private HprofFormatException duplicateId(long id) {
    List<long[]> found = new ArrayList<>(); // {offset, tag}
    int idSize = header.idSize();
    reader.read(selection, () -> new HeapVisitor() {
      private void at(long offset, int tag) {
        synchronized (found) {
          found.add(new long[] {offset, tag});
        }
      }

      @Override
      public void instance(long objectId, long classId, int fieldBytes, Cursor fields) {
        if (objectId == id) {
          at(fields.position() - 1 - 2L * idSize - 8, RecordTag.INSTANCE_DUMP);
        }
      }

      @Override
      public void objectArray(long objectId, long arrayClassId, int length, Cursor elements) {
        if (objectId == id) {
          at(elements.position() - 1 - 2L * idSize - 8, RecordTag.OBJ_ARRAY_DUMP);
        }
      }

      @Override
      public void primitiveArray(long objectId, BasicType type, int length, boolean hasData, Cursor elements) {
        if (objectId == id) {
          at(elements.position() - 1 - idSize - 9, hasData ? RecordTag.PRIM_ARRAY_DUMP : RecordTag.PRIM_ARRAY_NODATA);
        }
      }
    }, new Progress());
    found.sort((a, b) -> Long.compare(a[0], b[0]));
    String what = String.format("damaged heap dump: the object id 0x%X is given to two objects", id);
    if (found.isEmpty()) { // two class dumps
      return new HprofFormatException(reader.file(), header.recordsOffset(), RecordTag.CLASS_DUMP,
          RecordTag.subRecordName(RecordTag.CLASS_DUMP), what + " (two CLASS_DUMP records)");
    }
    long[] second = found.get(Math.min(1, found.size() - 1));
    return new HprofFormatException(reader.file(), second[0], (int) second[1], RecordTag.subRecordName((int) second[1]),
        what + (found.size() == 1 ? " (this one and a CLASS_DUMP)" : ""));
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
    // every array sized (retained, run): the lengths go straight into one int per object, no buffers to merge
    boolean all = true;
    for (int c = 0; c < classes.table.size() && all; c++) {
      all = !classes.table.get(c).array() || sized.test(c);
    }
    int[] dense = all ? ArrayLengths.denseArray(classOf.length) : null;
    List<SlotBuilder> parts = pass(() -> new SlotBuilder(this, sized, dense));
    long sizedArrays = 0;
    for (SlotBuilder p : parts) {
      sizedArrays += p.sizedCount;
    }
    ArrayLengths.Builder lengths = all ? null : ArrayLengths.builder(classOf.length, sizedArrays);
    for (SlotBuilder p : parts) {
      for (int i = 0; i < p.sizedCount; i++) {
        lengths.add(p.sizedObjects[i], p.sizedLengthsOf[i]);
      }
      p.sizedObjects = null;
      p.sizedLengthsOf = null;
      for (int k = 0; k < p.objects; k++) {
        edgeStart[p.object[k] + 1] = p.start[k + 1] - p.start[k];
      }
    }
    sizedLengths = all ? ArrayLengths.dense(dense) : lengths.build();
    long total = 0;
    for (int i = 0; i < classOf.length; i++) {
      int count = edgeStart[i + 1];
      edgeStart[i + 1] = (int) total;
      total += count;
      if (total > Integer.MAX_VALUE - 8) {
        throw new GraphMemory.NotEnoughMemory(total * 4, "the dump holds more than 2^31 references, more than leakdiff's graph index takes");
      }
    }
    // shift: edgeStart[i] is object i's start, edgeStart[n] the end
    System.arraycopy(edgeStart, 1, edgeStart, 0, classOf.length);
    edgeStart[classOf.length] = (int) total;
    GraphMemory.checkEdges(classOf.length, total);
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
}

