package dev.leakdiff.hprof;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes of a dump with dense indices: names, super classes, loaders, and for instances the reference
 * fields in the order INSTANCE_DUMP writes them (own fields first, then the super classes'), the slot of a
 * java.lang.ref.Reference's referent, and the reference-typed static fields.
 */
public final class ClassTable {
  /**
   * One class. fieldTypes and fieldNameIds (string ids: {@link #fieldIndex} finds one by name) are an instance's
   * fields, refFieldNames its reference fields, all in dump order, super classes included.
   */
  public record Entry(long classId, String name, int superIndex, long loaderId, boolean array, byte[] fieldTypes,
      long[] fieldNameIds, String[] refFieldNames, int referentSlot, String[] staticRefNames, long[] staticRefValues) {}

  private final List<Entry> entries = new ArrayList<>();
  private final LongIntMap byId = new LongIntMap(4096);
  private final int[] primitiveArrays = new int[12];
  private final StringTable strings;

  public ClassTable(Collection<ClassDump> dumps, Collection<Long> otherClassIds, ProfileData profile) {
    Map<Long, ClassDump> byClass = new HashMap<>();
    List<Long> order = new ArrayList<>();
    for (ClassDump d : dumps) {
      if (byClass.put(d.classId(), d) == null) {
        order.add(d.classId());
      }
    }
    for (long id : otherClassIds) {
      if (!byClass.containsKey(id) && byId.get(id) == LongIntMap.MISSING) {
        order.add(id);
        byId.put(id, -2);
      }
    }
    for (int i = 0; i < order.size(); i++) {
      byId.put(order.get(i), i);
      entries.add(null);
    }
    long referenceClass = -1;
    for (ProfileData.LoadedClass c : profile.classes().values()) {
      if ("java.lang.ref.Reference".equals(profile.className(c.classId()))) {
        referenceClass = c.classId();
      }
    }
    strings = profile.strings();
    for (long id : order) {
      ClassDump d = byClass.get(id);
      String name = profile.className(id);
      boolean array = name.endsWith("[]");
      if (d == null) {
        entries.set(byId.get(id), new Entry(id, name, -1, 0, array, new byte[0], new long[0], new String[0], -1, new String[0], new long[0]));
        continue;
      }
      List<Byte> types = new ArrayList<>();
      List<Long> nameIds = new ArrayList<>();
      List<String> refs = new ArrayList<>();
      int referent = -1;
      boolean isReference = false;
      long cur = id;
      int depth = 0;
      while (cur != 0 && depth++ < 1000) {
        ClassDump cd = byClass.get(cur);
        if (cd == null) {
          break;
        }
        if (cur == referenceClass) {
          isReference = true;
        }
        for (int f = 0; f < cd.fieldTypes().length; f++) {
          types.add(cd.fieldTypes()[f]);
          nameIds.add(cd.fieldNameIds()[f]);
          if (cd.fieldTypes()[f] == BasicType.OBJECT.code) {
            String fieldName = strings.getOr(cd.fieldNameIds()[f]);
            if (cur == referenceClass && fieldName.equals("referent")) {
              referent = refs.size();
            }
            refs.add(fieldName);
          }
        }
        cur = cd.superClassId();
      }
      byte[] typeArray = new byte[types.size()];
      for (int t = 0; t < typeArray.length; t++) {
        typeArray[t] = types.get(t);
      }
      List<String> staticNames = new ArrayList<>();
      List<Long> staticValues = new ArrayList<>();
      for (int s = 0; s < d.staticTypes().length; s++) {
        if (d.staticTypes()[s] == BasicType.OBJECT.code) {
          staticNames.add(strings.getOr(d.staticNameIds()[s]));
          staticValues.add(d.staticValues()[s]);
        }
      }
      int superIndex = d.superClassId() == 0 ? -1 : byId.get(d.superClassId());
      entries.set(byId.get(id), new Entry(id, name, superIndex, d.classLoaderId(), array, typeArray,
          nameIds.stream().mapToLong(Long::longValue).toArray(), refs.toArray(new String[0]), isReference ? referent : -1, staticNames.toArray(new String[0]),
          staticValues.stream().mapToLong(Long::longValue).toArray()));
    }
    for (BasicType t : BasicType.values()) {
      if (t != BasicType.OBJECT) {
        primitiveArrays[t.code] = entries.size();
        entries.add(new Entry(0, ClassNames.primitiveArray(t), -1, 0, true, new byte[0], new long[0], new String[0], -1,
            new String[0], new long[0]));
      }
    }
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

  /** The position of the instance field of this name in the class's fields (the first, nearest class first), or -1. */
  public int fieldIndex(int classIndex, String fieldName) {
    long[] ids = entries.get(classIndex).fieldNameIds();
    for (int f = 0; f < ids.length; f++) {
      if (fieldName.equals(strings.getOr(ids[f]))) {
        return f;
      }
    }
    return -1;
  }

  /** The index of the pseudo-class of a primitive array type (byte[], int[], ...). */
  public int primitiveArray(BasicType type) {
    return primitiveArrays[type.code];
  }
}
