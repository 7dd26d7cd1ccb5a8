package dev.leakdiff.source.hprof;

import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.layout.Layout;

/**
 * Objects seen in a row (address, kind, class or element size, length), kept to infer the layout: HotSpot
 * writes a region's objects in address order, so the distance to the next object is an object's true size.
 *
 * <p>The sample is the first {@link #PER_SEGMENT} objects of each of the dump's first {@link #SEGMENTS} heap
 * dump segments, whichever reading thread gets them, so a dump's inferred layout and its evidence are the
 * same on every read. Thousands of pairs settle the layout (a wrong one misses nearly every distance), and
 * sizing them under each candidate is serial work at the end of a read: no more are kept.
 */
public final class LayoutSample {
  private static final int SEGMENTS = 8;
  private static final int PER_SEGMENT = 2048;

  static final int INSTANCE = 0;
  static final int OBJECT_ARRAY = 1;
  static final int PRIMITIVE_ARRAY = 2;

  private final long[] address;
  private final long[] what; // class id, or element size for primitive arrays
  private final int[] length;
  private final byte[] kind;
  private final int[] run;
  private int size;
  private int currentRun;
  /** Objects still wanted from the current segment; a visitor told of no segment samples as if in the first. */
  private int left = PER_SEGMENT;

  public LayoutSample() {
    int capacity = SEGMENTS * PER_SEGMENT;
    address = new long[capacity];
    what = new long[capacity];
    length = new int[capacity];
    kind = new byte[capacity];
    run = new int[capacity];
  }

  /** Whether more objects are wanted. */
  public boolean wants() {
    return left > 0;
  }

  /** A heap dump segment begins: its first object does not follow the previous one in memory. */
  public void segment(int ordinal) {
    currentRun++;
    left = ordinal < SEGMENTS ? PER_SEGMENT : 0;
  }

  public void instance(long id, long classId) {
    add(id, INSTANCE, classId, 0);
  }

  public void objectArray(long id, int len) {
    add(id, OBJECT_ARRAY, 0, len);
  }

  public void primitiveArray(long id, BasicType type, int len) {
    add(id, PRIMITIVE_ARRAY, type.size, len);
  }

  private void add(long id, int k, long w, int len) {
    if (left > 0 && size < address.length) {
      left--;
      address[size] = id;
      kind[size] = (byte) k;
      what[size] = w;
      length[size] = len;
      run[size] = currentRun;
      size++;
    }
  }

  int size() {
    return size;
  }

  /**
   * Appends the pairs of consecutive objects in one run to out, as what decides each one's size under any
   * layout (gathered once, then sized under every candidate layout without looking the classes up again).
   */
  void pairs(ClassShapes shapes, Pairs out) {
    for (int i = 0; i + 1 < size; i++) {
      if (run[i] != run[i + 1]) {
        continue;
      }
      long gap = address[i + 1] - address[i];
      if (gap <= 0) {
        continue;
      }
      switch (kind[i]) {
        case INSTANCE -> {
          if (shapes.known(what[i])) {
            out.add(INSTANCE, shapes.primitiveBytes(what[i]), shapes.references(what[i]), gap);
            out.classId[out.size - 1] = what[i];
          }
        }
        case OBJECT_ARRAY -> out.add(OBJECT_ARRAY, 0, length[i], gap);
        default -> out.add(PRIMITIVE_ARRAY, what[i], length[i], gap);
      }
    }
  }

  /**
   * Pairs of objects that follow each other in memory: for an instance its primitive bytes and reference
   * count, for an array its element size (primitive) and length; and the distance to the next object.
   */
  static final class Pairs {
    private byte[] kind = new byte[1024];
    private long[] bytes = new long[1024];
    private int[] count = new int[1024];
    private long[] gap = new long[1024];
    private long[] classId = new long[1024];
    private int size;
    /** The classes' shapes, for layouts that size each class's fields apart (JDK 6-14). */
    ClassShapes shapes;

    void add(int k, long b, int n, long g) {
      if (size == kind.length) {
        int cap = size * 2;
        kind = java.util.Arrays.copyOf(kind, cap);
        bytes = java.util.Arrays.copyOf(bytes, cap);
        count = java.util.Arrays.copyOf(count, cap);
        gap = java.util.Arrays.copyOf(gap, cap);
        classId = java.util.Arrays.copyOf(classId, cap);
      }
      kind[size] = (byte) k;
      bytes[size] = b;
      count[size] = n;
      gap[size] = g;
      size++;
    }

    int size() {
      return size;
    }

    long gap(int i) {
      return gap[i];
    }

    /** Shallow size of pair i's first object under a layout. */
    long objectSize(int i, Layout layout) {
      return switch (kind[i]) {
        case INSTANCE -> layout.perClassFields() && shapes != null ? shapes.instanceSize(classId[i], layout)
            : layout.instanceSize(bytes[i], count[i]);
        case OBJECT_ARRAY -> layout.arraySize(layout.referenceSize(), count[i]);
        default -> layout.arraySize((int) bytes[i], count[i]);
      };
    }
  }
}
