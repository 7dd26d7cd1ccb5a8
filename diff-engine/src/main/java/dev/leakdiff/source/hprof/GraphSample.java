package dev.leakdiff.source.hprof;

import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.ClassDump;
import dev.leakdiff.hprof.Cursor;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.HeapVisitor;
import dev.leakdiff.hprof.HprofReader;
import dev.leakdiff.hprof.LongIntMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects and reference slots in a sample of a dump's heap (segments spread over it), scaled to the whole:
 * what the graph will hold, known within seconds, before the passes over the whole file.
 */
final class GraphSample implements HeapVisitor {
  /** About this much of the heap is read: 64 segments of HotSpot's 1 MB. */
  static final long SAMPLE_BYTES = 64L << 20;

  /** The estimate: objects and slots in the whole dump. */
  record Estimate(long objects, long slots, long sampledBytes, long heapBytes) {
    double slotsPerObject() {
      return objects == 0 ? 0 : (double) slots / objects;
    }
  }

  private long objects;
  private long arraySlots;
  private final List<ClassDump> classDumps = new ArrayList<>();
  private final LongIntMap instancesByClass = new LongIntMap(1024);
  private final LongIntMap fieldBytesByClass = new LongIntMap(1024);
  private final List<Long> classes = new ArrayList<>();
  private int idSize = 8;

  /** The estimate for the selected dump of a plain file, or null (a compressed file, or no segments to sample). */
  static Estimate of(HprofReader reader, DumpSelection selection) {
    HprofReader.Sample<GraphSample> s = reader.readSample(selection, GraphSample::new, SAMPLE_BYTES);
    if (s == null || s.sampledBytes() == 0) {
      return null;
    }
    List<ClassDump> dumps = new ArrayList<>();
    for (List<GraphSample> parts : s.contents().visited().values()) {
      for (GraphSample p : parts) {
        dumps.addAll(p.classDumps);
      }
    }
    ClassShapes shapes = new ClassShapes(dumps);
    long objects = 0;
    long slots = 0;
    for (List<GraphSample> parts : s.contents().visited().values()) {
      for (GraphSample p : parts) {
        objects += p.objects;
        slots += p.arraySlots;
        for (long c : p.classes) {
          long n = p.instancesByClass.get(c);
          // a class whose dump is not in the sample: as if every field were a reference (an upper bound)
          slots += shapes.known(c) ? n * shapes.references(c) : n * p.fieldBytesByClass.get(c) / p.idSize;
        }
        for (ClassDump d : p.classDumps) {
          for (byte t : d.staticTypes()) {
            slots += t == BasicType.OBJECT.code ? 1 : 0;
          }
        }
      }
    }
    double scale = (double) s.heapBytes() / s.sampledBytes();
    return new Estimate((long) (objects * scale), (long) (slots * scale), s.sampledBytes(), s.heapBytes());
  }

  @Override
  public void classDump(ClassDump d) {
    classDumps.add(d);
    objects++;
  }

  @Override
  public void instance(long id, long classId, int fieldBytes, Cursor fields) {
    objects++;
    idSize = fields.idSize();
    int n = instancesByClass.get(classId);
    if (n == LongIntMap.MISSING) {
      classes.add(classId);
      fieldBytesByClass.put(classId, fieldBytes);
      n = 0;
    }
    instancesByClass.put(classId, n + 1);
  }

  @Override
  public void objectArray(long id, long arrayClassId, int length, Cursor elements) {
    objects++;
    for (int i = 0; i < length; i++) {
      if (elements.id() != 0) {
        arraySlots++;
      }
    }
  }

  @Override
  public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
    objects++;
  }
}
