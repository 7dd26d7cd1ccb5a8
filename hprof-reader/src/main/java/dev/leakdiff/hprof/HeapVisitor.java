package dev.leakdiff.hprof;

/**
 * Receives the sub-records of one heap dump. The reader calls one visitor from one thread; for parallel
 * reading it asks for one visitor per worker and the caller merges them. Object and array callbacks get
 * the shared {@link Cursor} positioned at the record's data: read from it what is needed, the reader
 * skips the rest. Nothing is allocated per object.
 */
public interface HeapVisitor {
  /**
   * A HEAP_DUMP or HEAP_DUMP_SEGMENT record of this dump begins: the ordinal-th of the dump in the file
   * (0-based). Its sub-records follow until the next call; one visitor may be handed segments out of order.
   */
  default void segment(int ordinal) {}

  /** A GC root; threadSerial and frame are -1 where the kind has none. */
  default void root(RootKind kind, long objectId, int threadSerial, int frame) {}

  /** A class, with its static and instance field layout. Called once per class, allocation is fine. */
  default void classDump(ClassDump classDump) {}

  /** An instance: its field values (fieldBytes bytes) are next in the cursor. */
  default void instance(long id, long classId, int fieldBytes, Cursor fields) {}

  /** An object array: its length element ids are next in the cursor. */
  default void objectArray(long id, long arrayClassId, int length, Cursor elements) {}

  /** A primitive array: its elements are next in the cursor, unless hasData is false (Android's PRIM_ARRAY_NODATA). */
  default void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {}

  /** Android's HEAP_DUMP_INFO: the records that follow belong to this heap (app, image, zygote). */
  default void heapInfo(int heapType, long nameId) {}
}
