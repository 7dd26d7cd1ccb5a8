package dev.leakdiff.cli.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Cuts a small, well-formed dump out of a real one, bytes copied as the JVM wrote them: the header, a few
 * dozen classes (with their super classes, names and class dumps), up to a few thousand of their objects in
 * file (address) order, the thread objects, the roots of the objects kept (and nothing else: a root to an object
 * left out, or of a thread left out, is what a damaged dump looks like), the stack traces; in as many heap records
 * as the original used (one HEAP_DUMP, or segments and a HEAP_DUMP_END). A seed picks the classes.
 *
 * <p>Run on its own ({@code Slicer IN OUT SEED MAX_OBJECTS}) it writes one slice to OUT, gzip-compressed when OUT
 * ends in .gz: how testdata/fuzz/base/ was made.
 */
final class Slicer {
  private static final Set<String> ALWAYS = Set.of("java/lang/Object", "java/lang/String", "java/lang/Class",
      "java/lang/Thread", "java/lang/ref/Reference", "java/lang/ref/WeakReference", "java/lang/ref/SoftReference",
      "java/lang/ClassLoader", "java/util/HashMap", "java/util/HashMap$Node", "[Ljava/util/HashMap$Node;", "[B", "[C",
      "java/util/ArrayList", "[Ljava/lang/Object;");

  private Slicer() {}

  static byte[] slice(byte[] dump, long seed, int maxObjects) {
    Random r = new Random(seed);
    HprofMap m = new HprofMap(dump);
    int id = m.idSize;
    Map<Long, HprofMap.Top> strings = new HashMap<>();
    Map<Long, HprofMap.Top> loads = new HashMap<>(); // class id -> LOAD_CLASS
    Map<Long, String> names = new HashMap<>();
    List<HprofMap.Top> threads = new ArrayList<>();
    boolean segments = false;
    for (HprofMap.Top t : m.tops) {
      switch (t.tag()) {
        case 0x01 -> strings.put(m.id(t.body()), t);
        case 0x02 -> loads.put(m.id(t.body() + 4), t);
        case 0x05, 0x0A -> threads.add(t);
        case 0x1C -> segments = true;
        default -> { }
      }
    }
    for (Map.Entry<Long, HprofMap.Top> e : loads.entrySet()) {
      HprofMap.Top s = strings.get(m.id(e.getValue().body() + 8 + id));
      if (s != null) {
        names.put(e.getKey(), new String(dump, s.body() + id, s.length() - id, StandardCharsets.UTF_8));
      }
    }
    Map<Long, HprofMap.ClassAt> classDumps = new HashMap<>();
    for (HprofMap.ClassAt c : m.classes) {
      classDumps.put(m.id(c.offset() + 1), c);
    }
    // classes with objects, and a seeded choice of them
    Map<Long, Integer> counts = new HashMap<>();
    for (HprofMap.Sub s : m.subs) {
      if (s.tag() == 0x21 || s.tag() == 0x22) {
        counts.merge(m.id(s.classAt()), 1, Integer::sum);
      }
    }
    List<Long> withObjects = new ArrayList<>(counts.keySet());
    withObjects.sort(null);
    Set<Long> kept = new HashSet<>();
    for (Map.Entry<Long, String> e : names.entrySet()) {
      if (ALWAYS.contains(e.getValue())) {
        kept.add(e.getKey());
      }
    }
    for (int i = 0; i < 40 && !withObjects.isEmpty(); i++) {
      kept.add(withObjects.get(r.nextInt(withObjects.size())));
    }
    // the threads: their objects, always, and so their classes
    Set<Long> threadObjects = new HashSet<>();
    for (HprofMap.Sub s : m.subs) {
      if (s.tag() == 0x08) {
        threadObjects.add(m.id(s.idAt()));
      }
    }
    for (HprofMap.Sub s : m.subs) {
      if (s.tag() == 0x21 && threadObjects.contains(m.id(s.idAt()))) {
        kept.add(m.id(s.classAt()));
      }
    }
    for (Long c : new ArrayList<>(kept)) { // super classes
      Long k = c;
      while (k != null && k != 0 && classDumps.containsKey(k)) {
        kept.add(k);
        long sup = m.id(classDumps.get(k).superAt());
        k = sup == 0 || kept.contains(sup) && !k.equals(c) ? null : sup;
      }
    }
    for (Long c : new ArrayList<>(kept)) {
      HprofMap.ClassAt ca = classDumps.get(c);
      if (ca == null) {
        continue;
      }
      long sup = m.id(ca.superAt());
      while (sup != 0 && classDumps.containsKey(sup) && kept.add(sup)) {
        sup = m.id(classDumps.get(sup).superAt());
      }
    }
    // the objects: those of kept classes, sampled so that a few thousand remain, in file order
    int candidates = 0;
    for (HprofMap.Sub s : m.subs) {
      if ((s.tag() == 0x21 || s.tag() == 0x22) && kept.contains(m.id(s.classAt())) || s.tag() == 0x23) {
        candidates++;
      }
    }
    double p = Math.min(1.0, maxObjects / (double) Math.max(1, candidates));
    Set<Long> objects = new HashSet<>(kept);
    List<HprofMap.Sub> keptSubs = new ArrayList<>();
    for (HprofMap.Sub s : m.subs) {
      boolean keep = switch (s.tag()) {
        case 0x21 -> kept.contains(m.id(s.classAt())) && (r.nextDouble() < p || threadObjects.contains(m.id(s.idAt())));
        case 0x22 -> kept.contains(m.id(s.classAt())) && r.nextDouble() < p;
        case 0x23 -> r.nextDouble() < p / 4;
        default -> false;
      };
      if (keep) {
        keptSubs.add(s);
        objects.add(m.id(s.idAt()));
      }
    }
    List<HprofMap.Sub> roots = new ArrayList<>();
    for (HprofMap.Sub s : m.subs) {
      if (s.tag() != 0x20 && s.tag() != 0x21 && s.tag() != 0x22 && s.tag() != 0x23 && objects.contains(m.id(s.idAt()))) {
        roots.add(s); // a root of a thread names a thread whose ROOT_THREAD_OBJECT is kept: all of them are
      }
    }
    // names the kept records need
    Set<Long> stringIds = new HashSet<>();
    List<HprofMap.Top> keptLoads = new ArrayList<>();
    for (Long c : kept) {
      HprofMap.Top t = loads.get(c);
      if (t != null) {
        keptLoads.add(t);
        stringIds.add(m.id(t.body() + 8 + id));
      }
      HprofMap.ClassAt ca = classDumps.get(c);
      if (ca != null) {
        fieldNames(m, ca, stringIds);
      }
    }
    keptLoads.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
    for (HprofMap.Top t : threads) {
      if (t.tag() == 0x0A) {
        stringIds.add(m.id(t.body() + 4 + id + 4));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(dump, 0, m.headerEnd);
    for (HprofMap.Top t : m.tops) {
      if (t.tag() == 0x01 && stringIds.contains(m.id(t.body()))) {
        out.write(dump, t.offset(), 9 + t.length());
      }
    }
    for (HprofMap.Top t : keptLoads) {
      out.write(dump, t.offset(), 9 + t.length());
    }
    for (HprofMap.Top t : threads) {
      out.write(dump, t.offset(), 9 + t.length());
    }
    ByteArrayOutputStream heap = new ByteArrayOutputStream();
    List<byte[]> records = new ArrayList<>();
    for (HprofMap.ClassAt c : m.classes) {
      if (kept.contains(m.id(c.offset() + 1))) {
        heap.write(dump, c.offset(), c.end() - c.offset());
      }
    }
    for (HprofMap.Sub s : roots) {
      heap.write(dump, s.offset(), s.end() - s.offset());
    }
    int perSegment = segments ? Math.max(1, keptSubs.size() / 3 + 1) : Integer.MAX_VALUE;
    int inThis = 0;
    for (HprofMap.Sub s : keptSubs) {
      if (inThis++ == perSegment) {
        records.add(heap.toByteArray());
        heap.reset();
        inThis = 1;
      }
      heap.write(dump, s.offset(), s.end() - s.offset());
    }
    records.add(heap.toByteArray());
    for (byte[] body : records) {
      out.write(segments ? 0x1C : 0x0C);
      out.writeBytes(new byte[4]);
      out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
      out.writeBytes(body);
    }
    if (segments) {
      out.writeBytes(new byte[] {0x2C, 0, 0, 0, 0, 0, 0, 0, 0});
    }
    return out.toByteArray();
  }

  /** Slicer IN OUT SEED MAX_OBJECTS: one slice of IN (plain or gzip) to OUT, gzip-compressed when OUT ends in .gz. */
  public static void main(String[] args) throws java.io.IOException {
    byte[] slice = slice(DumpFuzzer.readDump(java.nio.file.Path.of(args[0])), Long.parseLong(args[2]), Integer.parseInt(args[3]));
    java.nio.file.Path out = java.nio.file.Path.of(args[1]);
    if (out.toString().endsWith(".gz")) {
      try (java.io.OutputStream z = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(out))) {
        z.write(slice);
      }
    } else {
      java.nio.file.Files.write(out, slice);
    }
  }

  private static void fieldNames(HprofMap m, HprofMap.ClassAt c, Set<Long> ids) {
    int id = m.idSize;
    byte[] b = m.b;
    int p = c.staticsAt();
    int k = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    p += 2;
    for (int i = 0; i < k; i++) {
      ids.add(m.id(p));
      int type = b[p + id];
      p += id + 1 + (type == 2 ? id : switch (type) {
        case 4, 8 -> 1;
        case 5, 9 -> 2;
        case 6, 10 -> 4;
        default -> 8;
      });
    }
    p = c.fieldsAt();
    k = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    p += 2;
    for (int i = 0; i < k; i++) {
      ids.add(m.id(p));
      p += id + 1;
    }
  }
}
