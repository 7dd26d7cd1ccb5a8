package dev.leakdiff.source.hprof;

import dev.leakdiff.graph.ClassTable;
import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.ClassDump;
import dev.leakdiff.hprof.ClassNames;
import dev.leakdiff.hprof.LongIntMap;
import dev.leakdiff.hprof.ProfileData;
import dev.leakdiff.hprof.StringTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@link ClassTable} made from a dump's CLASS_DUMP records and names, and beside it what only a reader of
 * HPROF needs: each class's instance field types and names in the order INSTANCE_DUMP writes them (own fields first,
 * then the super classes'), and the index of each primitive array pseudo-class.
 */
final class HprofClasses {
  final ClassTable table = new ClassTable();
  /** Per class index: the instance fields' types (BasicType codes) and name string ids, in dump order. */
  final List<byte[]> fieldTypes = new ArrayList<>();
  private final List<long[]> fieldNameIds = new ArrayList<>();
  private final int[] primitiveArrays = new int[12];
  private final StringTable strings;

  HprofClasses(Collection<ClassDump> dumps, Collection<Long> otherClassIds, ProfileData profile) {
    strings = profile.strings();
    Map<Long, ClassDump> byClass = new HashMap<>();
    List<Long> order = new ArrayList<>();
    for (ClassDump d : dumps) {
      if (byClass.put(d.classId(), d) == null) {
        order.add(d.classId());
      }
    }
    LongIntMap seen = new LongIntMap(1024);
    for (long id : otherClassIds) {
      if (!byClass.containsKey(id) && seen.get(id) == LongIntMap.MISSING) {
        order.add(id);
        seen.put(id, 0);
      }
    }
    LongIntMap index = new LongIntMap(4096);
    for (int i = 0; i < order.size(); i++) {
      index.put(order.get(i), i);
    }
    long referenceClass = -1;
    for (ProfileData.LoadedClass c : profile.classes().values()) {
      if ("java.lang.ref.Reference".equals(profile.className(c.classId()))) {
        referenceClass = c.classId();
      }
    }
    for (long id : order) {
      add(id, byClass, index, profile, referenceClass);
    }
    for (BasicType t : BasicType.values()) {
      if (t != BasicType.OBJECT) {
        primitiveArrays[t.code] = table.addUnnamed(new ClassTable.Entry(0, ClassNames.primitiveArray(t), -1, 0, true, t.size, 0, 0,
            new String[0], -1, new String[0], new long[0]));
        fieldTypes.add(new byte[0]);
        fieldNameIds.add(new long[0]);
      }
    }
  }

  private void add(long id, Map<Long, ClassDump> byClass, LongIntMap index, ProfileData profile, long referenceClass) {
    ClassDump d = byClass.get(id);
    String name = profile.className(id);
    boolean array = name.endsWith("[]");
    if (d == null) {
      table.add(new ClassTable.Entry(id, name, -1, 0, array, 0, 0, 0, new String[0], -1, new String[0], new long[0]));
      fieldTypes.add(new byte[0]);
      fieldNameIds.add(new long[0]);
      return;
    }
    List<Byte> types = new ArrayList<>();
    List<Long> nameIds = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    int referent = -1;
    boolean isReference = false;
    long primitiveBytes = 0;
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
        byte t = cd.fieldTypes()[f];
        types.add(t);
        nameIds.add(cd.fieldNameIds()[f]);
        if (t == BasicType.OBJECT.code) {
          String fieldName = strings.getOr(cd.fieldNameIds()[f]);
          if (cur == referenceClass && fieldName.equals("referent")) {
            referent = refs.size();
          }
          refs.add(fieldName);
        } else {
          primitiveBytes += BasicType.byCode(t).size;
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
    int superIndex = d.superClassId() == 0 ? -1 : index.get(d.superClassId());
    table.add(new ClassTable.Entry(id, name, superIndex == LongIntMap.MISSING ? -1 : superIndex, d.classLoaderId(), array,
        0, primitiveBytes, typeArray.length, refs.toArray(new String[0]), isReference ? referent : -1,
        staticNames.toArray(new String[0]), staticValues.stream().mapToLong(Long::longValue).toArray()));
    fieldTypes.add(typeArray);
    fieldNameIds.add(nameIds.stream().mapToLong(Long::longValue).toArray());
  }

  /** The index of the pseudo-class of a primitive array type (byte[], int[], ...). */
  int primitiveArray(BasicType type) {
    return primitiveArrays[type.code];
  }

  /** The position of the instance field of this name among the class's fields (the nearest class's first), or -1. */
  int fieldIndex(int classIndex, String fieldName) {
    long[] ids = fieldNameIds.get(classIndex);
    for (int f = 0; f < ids.length; f++) {
      if (fieldName.equals(strings.getOr(ids[f]))) {
        return f;
      }
    }
    return -1;
  }

  /** The byte offset of an instance field of this name and type among the class's field values, or -1. */
  int fieldOffset(int classIndex, String name, BasicType type, int idSize) {
    int f = fieldIndex(classIndex, name);
    byte[] types = fieldTypes.get(classIndex);
    if (f < 0 || types[f] != type.code) {
      return -1;
    }
    int at = 0;
    for (int i = 0; i < f; i++) {
      at += types[i] == BasicType.OBJECT.code ? idSize : BasicType.byCode(types[i]).size;
    }
    return at;
  }
}
