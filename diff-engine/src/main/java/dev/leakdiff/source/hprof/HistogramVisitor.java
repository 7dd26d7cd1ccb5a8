package dev.leakdiff.source.hprof;

import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.ClassDump;
import dev.leakdiff.hprof.Cursor;
import dev.leakdiff.hprof.HeapVisitor;
import dev.leakdiff.hprof.LongIntMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts the objects of one heap dump per class id and array type during a read (one per worker thread).
 * Memory is proportional to the number of classes: array sizes are kept as a count, a sum of lengths and a
 * count per length modulo 16, from which the bytes under any layout follow exactly.
 */
public final class HistogramVisitor implements HeapVisitor {
  static final int MOD = 16;

  final LongIntMap slots = new LongIntMap(4096);
  long[] classIds = new long[1024];
  long[] counts = new long[1024];
  long[] lengthSums = new long[1024];
  long[] byLengthMod = new long[1024 * MOD];
  /** Field bytes in the dump of the first instance seen, for classes the dump has no CLASS_DUMP for. */
  int[] fieldBytes = new int[1024];
  boolean[] isArray = new boolean[1024];
  int size;

  final long[] primitiveCounts = new long[12];
  final long[] primitiveLengthSums = new long[12];
  final long[] primitiveByLengthMod = new long[12 * MOD];

  final List<ClassDump> classDumps = new ArrayList<>();
  final LayoutSample sample = new LayoutSample();

  private long lastClass;
  private int lastSlot = -1;
  /** Instances whose field bytes differ from the first instance of their class's. */
  long unlike;

  @Override
  public void segment(int ordinal) {
    sample.segment(ordinal);
  }

  @Override
  public void classDump(ClassDump classDump) {
    classDumps.add(classDump);
  }

  @Override
  public void instance(long id, long classId, int bytes, Cursor fields) {
    int s;
    if (classId == lastClass && lastSlot >= 0) {
      s = lastSlot;
    } else {
      s = slot(classId, false);
      lastClass = classId;
      lastSlot = s;
      if (counts[s] == 0) {
        fieldBytes[s] = bytes;
      }
    }
    if (bytes != fieldBytes[s]) {
      unlike++; // all instances of a class hold the same field bytes: one that does not is damage
    }
    counts[s]++;
    if (sample.wants()) {
      sample.instance(id, classId);
    }
  }

  @Override
  public void objectArray(long id, long arrayClassId, int length, Cursor elements) {
    int s = slot(arrayClassId, true);
    counts[s]++;
    lengthSums[s] += length;
    byLengthMod[s * MOD + (length & (MOD - 1))]++;
    if (sample.wants()) {
      sample.objectArray(id, length);
    }
  }

  @Override
  public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
    int t = type.code;
    primitiveCounts[t]++;
    primitiveLengthSums[t] += length;
    primitiveByLengthMod[t * MOD + (length & (MOD - 1))]++;
    if (sample.wants()) {
      sample.primitiveArray(id, type, length);
    }
  }

  private int slot(long classId, boolean array) {
    int s = slots.get(classId);
    if (s != LongIntMap.MISSING) {
      return s;
    }
    if (size == classIds.length) {
      int cap = size * 2;
      classIds = Arrays.copyOf(classIds, cap);
      counts = Arrays.copyOf(counts, cap);
      lengthSums = Arrays.copyOf(lengthSums, cap);
      byLengthMod = Arrays.copyOf(byLengthMod, cap * MOD);
      fieldBytes = Arrays.copyOf(fieldBytes, cap);
      isArray = Arrays.copyOf(isArray, cap);
    }
    classIds[size] = classId;
    isArray[size] = array;
    slots.put(classId, size);
    return size++;
  }
}
