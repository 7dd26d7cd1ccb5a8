package dev.leakdiff.hprof;

/**
 * Objects seen in a row (address, kind, class or element size, length), kept to infer the layout: HotSpot
 * writes a region's objects in address order, so the distance to the next object is an object's true size.
 */
public final class LayoutSample {
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

  public LayoutSample(int capacity) {
    address = new long[capacity];
    what = new long[capacity];
    length = new int[capacity];
    kind = new byte[capacity];
    run = new int[capacity];
  }

  /** Whether more objects are wanted. */
  public boolean wants() {
    return size < address.length;
  }

  /** Starts a new run: the next object does not follow the previous one in the file. */
  public void breakRun() {
    currentRun++;
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
    if (size < address.length) {
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

  /** Pairs of consecutive objects in one run: (size under the layout, distance to the next); calls back per pair. */
  void pairs(Layout layout, ClassShapes shapes, PairConsumer out) {
    for (int i = 0; i + 1 < size; i++) {
      if (run[i] != run[i + 1]) {
        continue;
      }
      long gap = address[i + 1] - address[i];
      if (gap <= 0) {
        continue;
      }
      long s;
      switch (kind[i]) {
        case INSTANCE -> {
          if (!shapes.known(what[i])) {
            continue;
          }
          s = shapes.instanceSize(what[i], layout);
        }
        case OBJECT_ARRAY -> s = layout.arraySize(layout.referenceSize(), length[i]);
        default -> s = layout.arraySize((int) what[i], length[i]);
      }
      out.pair(s, gap);
    }
  }

  interface PairConsumer {
    void pair(long size, long gap);
  }
}
