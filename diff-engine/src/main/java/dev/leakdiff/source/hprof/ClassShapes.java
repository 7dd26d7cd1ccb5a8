package dev.leakdiff.source.hprof;

import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.layout.Layout;
import dev.leakdiff.hprof.ClassDump;
import dev.leakdiff.hprof.LongIntMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per class, the primitive bytes and the number of references of an instance, super classes included. */
public final class ClassShapes {
  private final Map<Long, ClassDump> dumps = new HashMap<>();
  private final LongIntMap index = new LongIntMap(1024);
  private final Map<Layout, Map<Long, Long>> perClassSizes = new HashMap<>();
  private long[] primitiveBytes = new long[1024];
  private int[] references = new int[1024];
  private int count;

  public ClassShapes(Collection<ClassDump> classDumps) {
    for (ClassDump d : classDumps) {
      dumps.put(d.classId(), d);
    }
  }

  public Map<Long, ClassDump> dumps() {
    return dumps;
  }

  /** Whether the dump has a CLASS_DUMP for this class id. */
  public boolean known(long classId) {
    return dumps.containsKey(classId);
  }

  public long primitiveBytes(long classId) {
    int s = slot(classId); // first: slot() may grow the array (primitiveBytes[slot(id)] would index the old one)
    return primitiveBytes[s];
  }

  public int references(long classId) {
    int s = slot(classId);
    return references[s];
  }

  /** Shallow size of an instance of the class under a layout. */
  public long instanceSize(long classId, Layout layout) {
    int s = slot(classId);
    if (layout.perClassFields()) {
      return perClassSizes.computeIfAbsent(layout, k -> new HashMap<>()).computeIfAbsent(classId, id -> perClass(id, layout));
    }
    return layout.instanceSize(primitiveBytes[s], references[s]);
  }

  /** The JDK 6-14 size: the field types of each class of the chain, java.lang.Object's first. */
  private long perClass(long classId, Layout layout) {
    List<byte[]> chain = new ArrayList<>();
    for (ClassDump d : superChain(classId)) {
      chain.add(d.fieldTypes());
    }
    Collections.reverse(chain);
    return layout.perClassInstanceSize(chain);
  }

  /** The class dumps of a class and its super classes, the class's first, as far as the dump holds them. */
  private List<ClassDump> superChain(long classId) {
    List<ClassDump> chain = new ArrayList<>();
    long id = classId;
    while (id != 0 && chain.size() < 1000) { // a damaged dump may make a cycle
      ClassDump d = dumps.get(id);
      if (d == null) {
        break;
      }
      chain.add(d);
      id = d.superClassId();
    }
    return chain;
  }

  private int slot(long classId) {
    int s = index.get(classId);
    if (s != LongIntMap.MISSING) {
      return s;
    }
    long prims = 0;
    int refs = 0;
    for (ClassDump d : superChain(classId)) {
      for (byte t : d.fieldTypes()) {
        if (t == BasicType.OBJECT.code) {
          refs++;
        } else {
          prims += BasicType.byCode(t).size;
        }
      }
    }
    if (count == primitiveBytes.length) {
      primitiveBytes = java.util.Arrays.copyOf(primitiveBytes, count * 2);
      references = java.util.Arrays.copyOf(references, count * 2);
    }
    primitiveBytes[count] = prims;
    references[count] = refs;
    index.put(classId, count);
    return count++;
  }
}
