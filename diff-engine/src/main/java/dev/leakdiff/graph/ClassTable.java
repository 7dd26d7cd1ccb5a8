package dev.leakdiff.graph;

import dev.leakdiff.hprof.LongIntMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes of a dump with dense indices, as the engine sees them whatever the file format: names, super
 * classes, loaders, the reference fields of an instance in the order its slots hold them, the slot of a
 * java.lang.ref.Reference's referent, the reference-typed static fields, and what an instance or element weighs
 * besides its references. A format's reader builds it ({@link #add}).
 */
public final class ClassTable {
  /**
   * One class.
   *
   * @param loaderId the object id of its class loader, 0 for the bootstrap loader
   * @param elementSize for an array class, the bytes of one element; 0 for an array of references
   * @param primitiveBytes for an instance class, the bytes of its primitive fields, super classes included
   * @param fieldCount its instance fields of every type, super classes included
   * @param refFieldNames its reference fields in slot order, super classes included
   * @param referentSlot the slot of java.lang.ref.Reference's referent, or -1 when it is no Reference
   * @param staticRefNames its reference-typed static fields, in slot order
   * @param staticRefValues their values as object ids (0 for null), for the reader that lays out the slots
   */
  public record Entry(long classId, String name, int superIndex, long loaderId, boolean array, int elementSize,
      long primitiveBytes, int fieldCount, String[] refFieldNames, int referentSlot, String[] staticRefNames,
      long[] staticRefValues) {
    /** An instance with fields but no reference among them (a boxed number). */
    public boolean leaf() {
      return !array && refFieldNames.length == 0 && fieldCount > 0;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final LongIntMap byId = new LongIntMap(4096);

  /** Adds a class; a class object id given twice keeps its first index. Returns its index. */
  public int add(Entry e) {
    int index = entries.size();
    entries.add(e);
    if (byId.get(e.classId()) == LongIntMap.MISSING) {
      byId.put(e.classId(), index);
    }
    return index;
  }

  /** Adds a class no object id names (a primitive array type, which the dump names by its element type). */
  public int addUnnamed(Entry e) {
    entries.add(e);
    return entries.size() - 1;
  }

  public int size() {
    return entries.size();
  }

  public Entry get(int index) {
    return entries.get(index);
  }

  /** The index of a class object id, or -1. */
  public int indexOf(long classId) {
    int i = byId.get(classId);
    return i == LongIntMap.MISSING ? -1 : i;
  }

  /** The index of the first class of this name (classes of several loaders may share one), or -1. */
  public int indexOfName(String name) {
    for (int c = 0; c < entries.size(); c++) {
      if (entries.get(c).name().equals(name)) {
        return c;
      }
    }
    return -1;
  }

  /** The slot of an instance reference field of this name (the nearest class's first), or -1. */
  public int refSlot(int classIndex, String field) {
    String[] names = entries.get(classIndex).refFieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(field)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the class at this index is the named class or extends it. */
  public boolean isA(int classIndex, String name) {
    for (int c = classIndex, depth = 0; c >= 0 && depth < 1000; c = entries.get(c).superIndex(), depth++) {
      if (entries.get(c).name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
