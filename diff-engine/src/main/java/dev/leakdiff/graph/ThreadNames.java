package dev.leakdiff.graph;

import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.Cursor;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.HeapVisitor;
import dev.leakdiff.hprof.HprofReader;
import dev.leakdiff.hprof.LongIntMap;
import dev.leakdiff.hprof.Progress;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The names of a dump's threads: Thread.name, a String, whose characters the graph does not keep. */
final class ThreadNames {
  private ThreadNames() {}

  /**
   * The names of the live threads (ROOT_THREAD_OBJECT), by thread serial: Thread.name, a String, read from the
   * file in one more pass (the graph keeps no field values). Names of threads the dump does not name are absent.
   */
  static Map<Integer, String> read(HeapGraph g, Path file, DumpSelection selection) throws IOException {
    Map<Integer, Integer> stringBySerial = new HashMap<>();
    LongIntMap wantedStrings = new LongIntMap(64);
    for (int serial = 0; serial < g.threadObjectBySerial.length; serial++) {
      int t = g.threadObjectBySerial[serial];
      int s = t < 0 || g.isClassObject(t) ? HeapGraph.NONE : g.slotTarget(t, "name");
      if (s >= 0) {
        stringBySerial.put(serial, s);
        wantedStrings.put(g.ids.id(s), s);
      }
    }
    if (stringBySerial.isEmpty()) {
      return Map.of();
    }
    LongIntMap wantedArrays = new LongIntMap(64);
    for (int s : stringBySerial.values()) {
      int v = g.isClassObject(s) ? HeapGraph.NONE : g.slotTarget(s, "value");
      if (v >= 0) {
        wantedArrays.put(g.ids.id(v), v);
      }
    }
    Map<Integer, byte[]> arrays = new ConcurrentHashMap<>();
    Map<Integer, Integer> coders = new ConcurrentHashMap<>();
    try (HprofReader reader = HprofReader.open(file)) {
      reader.read(selection, () -> new HeapVisitor() {
        @Override
        public void instance(long id, long classId, int fieldBytes, Cursor fields) {
          int s = wantedStrings.get(id);
          if (s != LongIntMap.MISSING) {
            coders.put(s, stringCoder(g, s, fieldBytes, fields));
          }
        }

        @Override
        public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
          int a = wantedArrays.get(id);
          if (a != LongIntMap.MISSING && hasData && length <= 4096) {
            byte[] b = new byte[length * type.size];
            elements.bytes(b, 0, b.length);
            arrays.put(a, b);
          }
        }
      }, new Progress());
    }
    Map<Integer, String> names = new HashMap<>();
    stringBySerial.forEach((serial, s) -> {
      int v = g.slotTarget(s, "value");
      byte[] b = v >= 0 ? arrays.get(v) : null;
      if (b != null) {
        String cls = g.classes.get(g.classOf[v]).name();
        Charset cs = cls.equals("char[]") ? StandardCharsets.UTF_16BE
            : coders.getOrDefault(s, 0) == 1 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1;
        names.put(serial, new String(b, cs));
      }
    });
    return names;
  }

  /** A java.lang.String's coder field (0 Latin-1, 1 UTF-16; JDK 8 Strings have none). */
  private static int stringCoder(HeapGraph g, int string, int fieldBytes, Cursor fields) {
    int read = 0;
    for (byte t : g.classes.get(g.classOf[string]).fieldTypes()) {
      BasicType type = BasicType.byCode(t);
      read += type == BasicType.OBJECT ? fields.idSize() : type.size;
      if (read > fieldBytes) {
        return 0; // not this dump's String (another dump of the file), or damaged: no coder
      }
      if (type == BasicType.OBJECT) {
        fields.id();
      } else if (type == BasicType.BYTE) {
        return fields.u1(); // the only byte field of String: coder
      } else {
        fields.skipBytes(type.size);
      }
    }
    return 0;
  }
}
