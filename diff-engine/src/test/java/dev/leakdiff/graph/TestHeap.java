package dev.leakdiff.graph;

import static dev.leakdiff.hprof.testing.HprofWriter.BOOLEAN;
import static dev.leakdiff.hprof.testing.HprofWriter.BYTE;
import static dev.leakdiff.hprof.testing.HprofWriter.CHAR;
import static dev.leakdiff.hprof.testing.HprofWriter.DOUBLE;
import static dev.leakdiff.hprof.testing.HprofWriter.FLOAT;
import static dev.leakdiff.hprof.testing.HprofWriter.INT;
import static dev.leakdiff.hprof.testing.HprofWriter.LONG;
import static dev.leakdiff.hprof.testing.HprofWriter.OBJECT;
import static dev.leakdiff.hprof.testing.HprofWriter.SHORT;

import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hprof.testing.HprofWriter;
import dev.leakdiff.hprof.testing.HprofWriter.Field;
import dev.leakdiff.source.Dumps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small heap written by hand as a HotSpot dump would hold it, on top of {@link HprofWriter}: classes by their Java
 * names with instance fields (own fields before the super class's in an instance, as HotSpot writes them) and
 * reference statics, instances whose fields are set by name, object arrays, byte arrays with their contents, JDK 17
 * Strings, GC roots, and threads with stack traces. Ids are handed out in increasing order; everything is written at
 * once by {@link #write}, so fields may point to objects made later.
 */
final class TestHeap {
  /** A class: its own instance fields (name to basic type, in declaration order) and its reference statics. */
  final class Cls {
    final long id;
    final String name;
    final Cls superClass;
    long loader;
    final LinkedHashMap<String, Integer> fields = new LinkedHashMap<>();
    final LinkedHashMap<String, Long> statics = new LinkedHashMap<>();
    final int serial;

    private Cls(long id, String name, Cls superClass, int serial) {
      this.id = id;
      this.name = name;
      this.superClass = superClass;
      this.serial = serial;
    }

    /** Sets a reference static field (declared when first set). */
    Cls set(String field, long value) {
      statics.put(field, value);
      return this;
    }

    /** The class's instance fields, super classes included, in the order an INSTANCE_DUMP holds their values. */
    List<Map.Entry<String, Integer>> allFields() {
      List<Map.Entry<String, Integer>> out = new ArrayList<>();
      for (Cls c = this; c != null; c = c.superClass) {
        out.addAll(c.fields.entrySet());
      }
      return out;
    }
  }

  /** An instance: its class and the values of the fields that are set (the others are 0, null). */
  final class Obj {
    final long id;
    final Cls cls;
    final Map<String, Long> values = new HashMap<>();

    private Obj(long id, Cls cls) {
      this.id = id;
      this.cls = cls;
    }

    /** Sets a field: an object id for a reference, the value for a primitive (a double or float as its bits). */
    Obj set(String field, long value) {
      boolean known = cls.allFields().stream().anyMatch(f -> f.getKey().equals(field));
      if (!known) {
        throw new IllegalArgumentException(cls.name + " has no field " + field);
      }
      values.put(field, value);
      return this;
    }
  }

  /** A frame of a thread's stack: its class (a Java name), method, source file and line. */
  record StackFrame(String className, String method, String file, int line) {}

  private final HprofWriter w = new HprofWriter(8);
  private final Map<String, Cls> classes = new LinkedHashMap<>();
  private final List<Obj> instances = new ArrayList<>();
  private final List<long[]> objectArrays = new ArrayList<>(); // {id, class id, elements...}
  private final List<Object[]> primitiveArrays = new ArrayList<>(); // {id, type, bytes}
  private final List<long[]> roots = new ArrayList<>(); // {tag, id, thread serial, frame}
  private final List<Object[]> threads = new ArrayList<>(); // {serial, thread object id, frames}
  private long nextClassId = 0x10_0000L;
  private long nextObjectId = 0x1000_0000L;
  private int nextSerial = 1;

  final Cls object;

  TestHeap() {
    object = cls("java.lang.Object", null);
  }

  /**
   * A class with instance fields given as "name" (a reference) or "name:T" with T a JVM type letter (Z B C S I J F D).
   */
  Cls cls(String name, Cls superClass, String... fields) {
    if (classes.containsKey(name)) {
      throw new IllegalArgumentException(name + " twice");
    }
    Cls c = new Cls(nextClassId, name, superClass == null && !name.equals("java.lang.Object") ? object : superClass, nextSerial++);
    nextClassId += 0x100;
    for (String f : fields) {
      int colon = f.indexOf(':');
      c.fields.put(colon < 0 ? f : f.substring(0, colon), colon < 0 ? OBJECT : type(f.charAt(colon + 1)));
    }
    classes.put(name, c);
    return c;
  }

  /** The class of this name, made (a subclass of Object, no fields) when the heap has none. */
  Cls cls(String name) {
    Cls c = classes.get(name);
    return c != null ? c : cls(name, null);
  }

  /** An instance whose fields are set afterwards ({@link Obj#set}). */
  Obj obj(Cls c) {
    Obj o = new Obj(nextObjectId, c);
    nextObjectId += 0x10;
    instances.add(o);
    return o;
  }

  /** The instance of this id, to set more of its fields. */
  Obj get(long id) {
    return instances.stream().filter(o -> o.id == id).findFirst().orElseThrow();
  }

  /** An instance with its fields set from pairs: name, value, name, value... */
  long instance(Cls c, Object... pairs) {
    Obj o = obj(c);
    for (int i = 0; i < pairs.length; i += 2) {
      o.set((String) pairs[i], ((Number) pairs[i + 1]).longValue());
    }
    return o.id;
  }

  /** An object array of a class named as Java writes it (java.lang.Object[]); 0 elements are null. */
  long array(String arrayClass, long... elements) {
    long id = nextObjectId;
    nextObjectId += 0x10;
    long[] row = new long[elements.length + 2];
    row[0] = id;
    row[1] = cls(arrayClass).id;
    System.arraycopy(elements, 0, row, 2, elements.length);
    objectArrays.add(row);
    return id;
  }

  /** A byte[] holding these bytes. */
  long bytes(byte[] content) {
    long id = nextObjectId;
    nextObjectId += 0x10;
    primitiveArrays.add(new Object[] {id, BYTE, content.clone()});
    return id;
  }

  /** A char[] holding these characters (an HPROF file writes each one big-endian). */
  long chars(String s) {
    long id = nextObjectId;
    nextObjectId += 0x10;
    primitiveArrays.add(new Object[] {id, CHAR, s.getBytes(StandardCharsets.UTF_16BE)});
    return id;
  }

  /**
   * A JDK 17 java.lang.String (value [B, coder B, hash I, hashIsZero Z): Latin-1 (coder 0) when its characters fit,
   * else UTF-16 in the byte order of x86 (coder 1).
   */
  long string(String s) {
    Cls string = classes.containsKey("java.lang.String") ? classes.get("java.lang.String")
        : cls("java.lang.String", null, "value", "coder:B", "hash:I", "hashIsZero:Z");
    boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(s);
    long value = bytes(s.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE));
    return instance(string, "value", value, "coder", latin1 ? 0 : 1);
  }

  /** A root with only an id: 0xFF unknown, 0x05 sticky class, 0x07 monitor used. */
  TestHeap root(int tag, long id) {
    roots.add(new long[] {tag, id, 0, 0});
    return this;
  }

  TestHeap jniGlobal(long id) {
    roots.add(new long[] {0x01, id, 0, 0});
    return this;
  }

  /** A local variable of frame number frame (0 is the top) of the thread of this serial. */
  TestHeap javaFrame(long id, int threadSerial, int frame) {
    roots.add(new long[] {0x03, id, threadSerial, frame});
    return this;
  }

  /** A live thread: its ROOT_THREAD_OBJECT and its stack trace, top frame first. */
  TestHeap thread(int serial, long threadObject, StackFrame... frames) {
    threads.add(new Object[] {serial, threadObject, frames});
    return this;
  }

  /** Writes the dump into a file. */
  Path write(Path file) {
    Map<String, Long> names = new HashMap<>();
    java.util.function.Function<String, Long> name = s -> names.computeIfAbsent(s, w::string);
    for (Cls c : classes.values()) {
      w.loadClass(c.serial, c.id, 0, w.string(internal(c.name)));
    }
    // stack traces: frames name their method's class by LOAD_CLASS serial; classes no dump holds get a record of their own
    long frameId = 0x5000_0000L;
    int traceSerial = 1000;
    Map<String, Integer> frameClasses = new HashMap<>();
    List<long[]> threadRoots = new ArrayList<>();
    for (Object[] t : threads) {
      StackFrame[] frames = (StackFrame[]) t[2];
      long[] ids = new long[frames.length];
      for (int i = 0; i < frames.length; i++) {
        StackFrame f = frames[i];
        Integer serial = classes.containsKey(f.className()) ? Integer.valueOf(classes.get(f.className()).serial)
            : frameClasses.get(f.className());
        if (serial == null) {
          serial = nextSerial++;
          frameClasses.put(f.className(), serial);
          w.loadClass(serial, 0x7F00_0000L + serial * 0x100L, 0, w.string(internal(f.className())));
        }
        ids[i] = frameId++;
        w.stackFrame(ids[i], name.apply(f.method()), name.apply("()V"), name.apply(f.file()), serial, f.line());
      }
      int trace = traceSerial++;
      w.stackTrace(trace, (int) t[0], ids);
      threadRoots.add(new long[] {(long) t[1], (int) t[0], trace});
    }
    for (Cls c : classes.values()) {
      for (String f : c.fields.keySet()) {
        name.apply(f);
      }
      for (String f : c.statics.keySet()) {
        name.apply(f);
      }
    }
    w.heapDumpSegment();
    for (Cls c : classes.values()) {
      Field[] statics = c.statics.entrySet().stream().map(e -> new Field(names.get(e.getKey()), OBJECT, e.getValue()))
          .toArray(Field[]::new);
      Field[] fields = c.fields.entrySet().stream().map(e -> new Field(names.get(e.getKey()), e.getValue(), 0))
          .toArray(Field[]::new);
      w.classDump(c.id, c.superClass == null ? 0 : c.superClass.id, c.loader, 0, statics, fields);
    }
    for (long[] t : threadRoots) {
      w.rootThreadObject(t[0], (int) t[1], (int) t[2]);
    }
    for (long[] r : roots) {
      switch ((int) r[0]) {
        case 0x01 -> w.rootJniGlobal(r[1], 0);
        case 0x02, 0x03 -> w.rootThreadFrame((int) r[0], r[1], (int) r[2], (int) r[3]);
        case 0x04, 0x06 -> w.rootThread((int) r[0], r[1], (int) r[2]);
        default -> w.root((int) r[0], r[1]);
      }
    }
    for (Obj o : instances) {
      HprofWriter.Bytes b = w.values();
      for (Map.Entry<String, Integer> f : o.cls.allFields()) {
        b.value(f.getValue(), o.values.getOrDefault(f.getKey(), 0L));
      }
      w.instance(o.id, o.cls.id, b.bytes());
    }
    for (long[] a : objectArrays) {
      long[] elements = new long[a.length - 2];
      System.arraycopy(a, 2, elements, 0, elements.length);
      w.objectArray(a[0], a[1], elements);
    }
    for (Object[] a : primitiveArrays) {
      byte[] content = (byte[]) a[2];
      // PRIM_ARRAY_DUMP: id, stack serial, length, element type, elements (the writer's own writes zeros only)
      int length = content.length / w.sizeOf((int) a[1]);
      w.heapRaw(w.values().u1(0x23).id((long) a[0]).u4(0).u4(length).u1((int) a[1]).raw(content).bytes());
    }
    w.endHeap().heapDumpEnd();
    return w.writeTo(file);
  }

  /** Writes the dump and reads its graph back, as leakdiff reads any dump. */
  HeapGraph graph(Path file) {
    try {
      return Dumps.graph(write(file), DumpSelection.last(), classes -> c -> true, new Progress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** java.lang.Object[] -> [Ljava/lang/Object;, byte[] -> [B, a.b.C -> a/b/C. */
  private static String internal(String javaName) {
    if (javaName.endsWith("[]")) {
      String element = javaName.substring(0, javaName.length() - 2);
      String prim = switch (element) {
        case "boolean" -> "Z";
        case "byte" -> "B";
        case "char" -> "C";
        case "short" -> "S";
        case "int" -> "I";
        case "long" -> "J";
        case "float" -> "F";
        case "double" -> "D";
        default -> null;
      };
      String inner = internal(element);
      return "[" + (prim != null ? prim : inner.startsWith("[") ? inner : "L" + inner + ";");
    }
    return javaName.replace('.', '/');
  }

  private static int type(char c) {
    return switch (c) {
      case 'Z' -> BOOLEAN;
      case 'B' -> BYTE;
      case 'C' -> CHAR;
      case 'S' -> SHORT;
      case 'I' -> INT;
      case 'J' -> LONG;
      case 'F' -> FLOAT;
      case 'D' -> DOUBLE;
      default -> throw new IllegalArgumentException("type " + c);
    };
  }

  // ------------------------------------------------------------------ the graph's side

  /** The graph index of the object with this id (failing when the dump has none). */
  static int at(HeapGraph g, long id) {
    int o = g.objectOf(id);
    if (o < 0) {
      throw new AssertionError(String.format("no object 0x%x", id));
    }
    return o;
  }

  /** For each class index, whether its name is one of these. */
  static boolean[] targets(HeapGraph g, String... names) {
    List<String> all = List.of(names);
    boolean[] t = new boolean[g.classes().size()];
    for (int c = 0; c < t.length; c++) {
      t[c] = all.contains(g.classes().get(c).name());
    }
    return t;
  }
}
