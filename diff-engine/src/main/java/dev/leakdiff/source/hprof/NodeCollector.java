package dev.leakdiff.source.hprof;

import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.ClassDump;
import dev.leakdiff.hprof.Cursor;
import dev.leakdiff.hprof.HeapVisitor;
import dev.leakdiff.hprof.LongIntMap;
import dev.leakdiff.hprof.RootKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Pass 1 of the graph: every object id, the class dumps, the roots and a layout sample, per reading thread. */
final class NodeCollector implements HeapVisitor {
  long[] ids = new long[1 << 16];
  int count;
  final List<ClassDump> classDumps = new ArrayList<>();
  long[] classIdsSeen = new long[0];
  private final LongIntMap seen = new LongIntMap(1024);
  private long lastClass;
  final LayoutSample sample = new LayoutSample();
  long[] rootIds = new long[256];
  byte[] rootKinds = new byte[256];
  int[] rootThreads = new int[256];
  int[] rootFrames = new int[256];
  int roots;

  private void add(long id) {
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, count * 2);
    }
    ids[count++] = id;
  }

  private void seenClass(long classId) {
    if (classId != lastClass && seen.get(classId) == LongIntMap.MISSING) {
      seen.put(classId, 0);
      classIdsSeen = Arrays.copyOf(classIdsSeen, classIdsSeen.length + 1);
      classIdsSeen[classIdsSeen.length - 1] = classId;
    }
    lastClass = classId;
  }

  @Override
  public void root(RootKind kind, long objectId, int threadSerial, int frame) {
    if (roots == rootIds.length) {
      rootIds = Arrays.copyOf(rootIds, roots * 2);
      rootKinds = Arrays.copyOf(rootKinds, roots * 2);
      rootThreads = Arrays.copyOf(rootThreads, roots * 2);
      rootFrames = Arrays.copyOf(rootFrames, roots * 2);
    }
    rootIds[roots] = objectId;
    rootKinds[roots] = (byte) kind.ordinal();
    rootThreads[roots] = threadSerial;
    rootFrames[roots] = frame;
    roots++;
  }

  @Override
  public void segment(int ordinal) {
    sample.segment(ordinal);
  }

  @Override
  public void classDump(ClassDump classDump) {
    classDumps.add(classDump);
    add(classDump.classId());
  }

  @Override
  public void instance(long id, long classId, int fieldBytes, Cursor fields) {
    add(id);
    seenClass(classId);
    if (sample.wants()) {
      sample.instance(id, classId);
    }
  }

  @Override
  public void objectArray(long id, long arrayClassId, int length, Cursor elements) {
    add(id);
    seenClass(arrayClassId);
    if (sample.wants()) {
      sample.objectArray(id, length);
    }
  }

  @Override
  public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
    add(id);
    if (sample.wants()) {
      sample.primitiveArray(id, type, length);
    }
  }
}

