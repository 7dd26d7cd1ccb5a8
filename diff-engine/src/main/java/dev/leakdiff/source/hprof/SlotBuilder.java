package dev.leakdiff.source.hprof;

import static dev.leakdiff.graph.HeapGraph.NONE;
import static dev.leakdiff.graph.HeapGraph.WEAK_BASE;

import dev.leakdiff.graph.ClassTable;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.ClassDump;
import dev.leakdiff.hprof.Cursor;
import dev.leakdiff.hprof.HeapVisitor;
import dev.leakdiff.hprof.HprofFormatException;
import dev.leakdiff.hprof.RecordTag;
import java.util.Arrays;
import java.util.function.IntPredicate;

/** Pass 2 of the graph: writes each object's class, and its slots into buffers of its own, in file order. */
final class SlotBuilder implements HeapVisitor {
  private final GraphBuilder b;
  private final IntPredicate sized;
  /** Where every array's length goes when all are sized (threads write objects of their own), else null. */
  private final int[] dense;
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

  SlotBuilder(GraphBuilder b, IntPredicate sized, int[] dense) {
    this.b = b;
    this.sized = sized;
    this.dense = dense;
  }

  private int classIndex(long classId) {
    if (classId != lastClassId || lastClass < 0) {
      lastClassId = classId;
      lastClass = b.classes.table.indexOf(classId);
    }
    return lastClass;
  }

  private void size(int o, int cls, int length) {
    if (dense != null) {
      dense[o] = length;
    } else if (sized.test(cls)) {
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
    int c = b.classes.table.indexOf(d.classId());
    b.classOf[o] = -1 - c;
    long[] statics = b.classes.table.get(c).staticRefValues();
    begin(o, statics.length + HeapGraph.IMPLICIT.length);
    for (long v : statics) {
      slots[used++] = target(v);
    }
    // what the JVM holds for a class beyond its statics (the order of HeapGraph.IMPLICIT)
    slots[used++] = target(d.superClassId());
    slots[used++] = target(d.classLoaderId());
    slots[used++] = target(d.signersId());
    slots[used++] = target(d.protectionDomainId());
    end();
  }

  @Override
  public void instance(long id, long classId, int fieldBytes, Cursor fields) {
    int o = last = b.ids.indexOf(id, last);
    int c = classIndex(classId);
    if (c < 0) {
      throw noSuchClass(fields.position() - 1 - 2L * fields.idSize() - 8, RecordTag.INSTANCE_DUMP, classId);
    }
    b.classOf[o] = c;
    size(o, c, -1);
    ClassTable.Entry e = b.classes.table.get(c);
    int refs = e.refFieldNames().length;
    begin(o, refs);
    int slot = 0;
    int idSize = fields.idSize();
    int read = 0;
    long at = fields.position();
    byte[] types = b.classes.fieldTypes.get(c);
    for (byte t : types) {
      int size = t == BasicType.OBJECT.code ? idSize : BasicType.byCode(t).size;
      if (read + size > fieldBytes) {
        throw fieldsDoNotFit(at, idSize, fieldBytes, e, types);
      }
      if (t == BasicType.OBJECT.code) {
        int v = target(fields.id());
        slots[used++] = slot == e.referentSlot() && v >= 0 ? WEAK_BASE - v : v;
        slot++;
      } else {
        fields.skipBytes(size);
      }
      read += size;
    }
    if (read != fieldBytes) {
      throw fieldsDoNotFit(at, idSize, fieldBytes, e, types);
    }
    while (slot++ < refs) {
      slots[used++] = NONE;
    }
    end();
  }

  /** An object whose class id names no class (0, say): a damaged dump. */
  private HprofFormatException noSuchClass(long at, int tag, long classId) {
    return new HprofFormatException(b.reader.file(), at, tag, RecordTag.subRecordName(tag),
        String.format("damaged heap dump: an object of class id 0x%X, which names no class", classId));
  }

  /** An instance whose field bytes are not what its class (and super classes) declare: a damaged dump. */
  private HprofFormatException fieldsDoNotFit(long dataAt, int idSize, int fieldBytes, ClassTable.Entry e, byte[] types) {
    int declared = 0;
    for (byte t : types) {
      declared += t == BasicType.OBJECT.code ? idSize : BasicType.byCode(t).size;
    }
    return new HprofFormatException(b.reader.file(), dataAt - 1 - 2L * idSize - 8, RecordTag.INSTANCE_DUMP,
        RecordTag.subRecordName(RecordTag.INSTANCE_DUMP), String.format(
            "damaged heap dump: an instance of %s holds %,d bytes of fields where its class dumps declare %,d", e.name(),
            fieldBytes & 0xFFFFFFFFL, declared));
  }

  @Override
  public void objectArray(long id, long arrayClassId, int length, Cursor elements) {
    int o = last = b.ids.indexOf(id, last);
    int c = b.classes.table.indexOf(arrayClassId);
    if (c < 0) {
      throw noSuchClass(elements.position() - 1 - 2L * elements.idSize() - 8, RecordTag.OBJ_ARRAY_DUMP, arrayClassId);
    }
    b.classOf[o] = c;
    size(o, c, length);
    begin(o, Math.min(length, 1 << 16)); // grown as read: a compressed file's damaged length bounds nothing
    for (int i = 0; i < length; i++) {
      long e = elements.id();
      if (e != 0) {
        if (used == slots.length) {
          slots = Arrays.copyOf(slots, slots.length * 2);
        }
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
