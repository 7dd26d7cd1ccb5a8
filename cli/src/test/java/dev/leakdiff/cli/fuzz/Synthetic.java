package dev.leakdiff.cli.fuzz;

import dev.leakdiff.hprof.testing.HprofWriter;
import dev.leakdiff.hprof.testing.HprofWriter.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small well-formed dumps made with the test writer from a seed: a class hierarchy with fields of every
 * type (and a Reference with a referent), instances, object and primitive arrays, roots of every kind,
 * threads with stack traces, in one HEAP_DUMP or several segments, 4- or 8-byte ids, sometimes two dumps.
 */
final class Synthetic {
  private static final int[] TYPES = {HprofWriter.OBJECT, HprofWriter.BOOLEAN, HprofWriter.CHAR, HprofWriter.FLOAT,
      HprofWriter.DOUBLE, HprofWriter.BYTE, HprofWriter.SHORT, HprofWriter.INT, HprofWriter.LONG, HprofWriter.OBJECT};

  private Synthetic() {}

  static byte[] make(long seed) {
    Random r = new Random(seed);
    int idSize = r.nextInt(4) == 0 ? 4 : 8;
    HprofWriter w = new HprofWriter(idSize);
    long addr = idSize == 4 ? 0x1000_0000L : 0x7_0000_0000L;
    // classes: Object, Class, String, Reference, WeakReference, Thread, then user classes
    List<long[]> classes = new ArrayList<>(); // {id, super}
    List<int[]> fieldTypes = new ArrayList<>();
    String[] jdk = {"java/lang/Object", "java/lang/Class", "java/lang/String", "java/lang/ref/Reference",
        "java/lang/ref/WeakReference", "java/lang/Thread", "[Ljava/lang/Object;", "[B"};
    long[] jdkIds = new long[jdk.length];
    long nextClass = addr;
    for (int i = 0; i < jdk.length; i++) {
      jdkIds[i] = nextClass;
      w.className(nextClass, jdk[i]);
      nextClass += 0x100;
    }
    int users = 2 + r.nextInt(8);
    long[] userIds = new long[users];
    for (int i = 0; i < users; i++) {
      userIds[i] = nextClass;
      w.className(nextClass, "com/acme/C" + i + (r.nextBoolean() ? "$Inner" : ""));
      nextClass += 0x100;
    }
    long threadName = w.string("main");
    long method = w.string("run");
    long sig = w.string("()V");
    long src = w.string("Main.java");
    w.stackFrame(0x51, method, sig, src, 1, 42);
    w.stackTrace(1, 1, 0x51);
    long threadObj = nextClass + 0x10_0000;
    w.startThread(1, threadObj, 1, threadName, 0, 0);
    int dumps = r.nextInt(6) == 0 ? 2 : 1;
    for (int d = 0; d < dumps; d++) {
      boolean segments = r.nextBoolean();
      int segmentCount = segments ? 1 + r.nextInt(3) : 1;
      long obj = threadObj + 0x1000;
      List<Long> objects = new ArrayList<>();
      objects.add(threadObj);
      for (int s = 0; s < segmentCount; s++) {
        if (segments) {
          w.heapDumpSegment();
        } else {
          w.heapDump();
        }
        if (s == 0) {
          long refName = w.idSize() > 0 ? 0x6000_0001L : 0;
          for (int i = 0; i < jdk.length; i++) {
            long sup = i == 0 ? 0 : jdkIds[i == 4 ? 3 : 0];
            Field[] fields = switch (i) {
              case 2 -> new Field[] {new Field(0x6000_0002L, HprofWriter.OBJECT, 0), new Field(0x6000_0003L, HprofWriter.INT, 0)};
              case 3 -> new Field[] {new Field(refName, HprofWriter.OBJECT, 0), new Field(0x6000_0004L, HprofWriter.OBJECT, 0)};
              case 5 -> new Field[] {new Field(0x6000_0005L, HprofWriter.OBJECT, 0), new Field(0x6000_0006L, HprofWriter.LONG, 0)};
              default -> new Field[0];
            };
            w.classDump(jdkIds[i], sup, 0, fields.length * 8, new Field[0], fields);
          }
          fieldTypes.clear();
          classes.clear();
          for (int i = 0; i < users; i++) {
            long sup = i > 0 && r.nextInt(3) == 0 ? userIds[r.nextInt(i)] : jdkIds[0];
            int n = r.nextInt(6);
            int[] types = new int[n];
            Field[] fields = new Field[n];
            for (int f = 0; f < n; f++) {
              types[f] = TYPES[r.nextInt(TYPES.length)];
              fields[f] = new Field(0x6100_0000L + i * 16 + f, types[f], 0);
            }
            Field[] statics = r.nextInt(3) == 0
                ? new Field[] {new Field(0x6200_0000L + i, HprofWriter.OBJECT, 0)} : new Field[0];
            w.classDump(userIds[i], sup, 0, n * 8, statics, fields);
            classes.add(new long[] {userIds[i], sup});
            fieldTypes.add(types);
          }
          w.rootThreadObject(threadObj, 1, 1);
          w.instance(threadObj, jdkIds[5], w.values().id(0).u8(1).bytes());
          w.root(0x05, jdkIds[0]);
        }
        int n = 5 + r.nextInt(60);
        for (int i = 0; i < n; i++) {
          long me = obj;
          obj += 0x20 + 8 * r.nextInt(4);
          int kind = r.nextInt(10);
          if (kind < 6) {
            int c = r.nextInt(users);
            HprofWriter.Bytes v = w.values();
            for (int k = c; k >= 0; ) { // own fields, then super classes' (user classes only carry fields)
              for (int t : fieldTypes.get(k)) {
                long target = t == HprofWriter.OBJECT && !objects.isEmpty() && r.nextInt(4) > 0
                    ? objects.get(r.nextInt(objects.size())) : 0;
                v.value(t, t == HprofWriter.OBJECT ? target : r.nextInt(100));
              }
              long sup = classes.get(k)[1];
              k = -1;
              for (int j = 0; j < users; j++) {
                if (userIds[j] == sup) {
                  k = j;
                }
              }
            }
            w.instance(me, userIds[c], v.bytes());
          } else if (kind < 8) {
            long[] elements = new long[r.nextInt(6)];
            for (int e = 0; e < elements.length; e++) {
              elements[e] = objects.isEmpty() || r.nextInt(3) == 0 ? 0 : objects.get(r.nextInt(objects.size()));
            }
            w.objectArray(me, jdkIds[6], elements);
          } else if (kind < 9) {
            w.primitiveArray(me, TYPES[1 + r.nextInt(8)], r.nextInt(20));
          } else {
            long target = objects.isEmpty() ? 0 : objects.get(r.nextInt(objects.size()));
            w.instance(me, jdkIds[4], w.values().id(target).id(0).bytes());
          }
          objects.add(me);
          if (r.nextInt(8) == 0) {
            int[] tags = {0xFF, 0x01, 0x02, 0x03, 0x04, 0x06, 0x07, 0x8A};
            int tag = tags[r.nextInt(tags.length)];
            if (tag == 0x8A) {
              tag = 0xFF; // Android's ROOT_FINALIZING has no place in this 1.0.2 file: the same bytes, HotSpot's ROOT_UNKNOWN
            }
            switch (tag) {
              case 0x01 -> w.rootJniGlobal(me, 0x99);
              case 0x02, 0x03 -> w.rootThreadFrame(tag, me, 1, 0);
              case 0x04, 0x06 -> w.rootThread(tag, me, 1);
              default -> w.root(tag, me);
            }
          }
        }
        w.endHeap();
      }
      if (segments) {
        w.heapDumpEnd();
      }
    }
    return w.bytes();
  }
}
