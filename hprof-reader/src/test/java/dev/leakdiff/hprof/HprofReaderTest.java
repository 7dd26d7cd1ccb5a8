package dev.leakdiff.hprof;

import static dev.leakdiff.hprof.testing.HprofWriter.BYTE;
import static dev.leakdiff.hprof.testing.HprofWriter.INT;
import static dev.leakdiff.hprof.testing.HprofWriter.LONG;
import static dev.leakdiff.hprof.testing.HprofWriter.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hprof.testing.HprofWriter;
import dev.leakdiff.hprof.testing.HprofWriter.Field;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader on synthetic dumps of the cases a JVM does not write. */
class HprofReaderTest {
  @TempDir
  Path tmp;

  /** Records what it is shown, as text, so tests can compare whole sequences. */
  static final class Recorder implements HeapVisitor {
    final List<String> seen = new ArrayList<>();

    @Override
    public void root(RootKind kind, long objectId, int threadSerial, int frame) {
      seen.add(String.format("root %s %x %d %d", kind, objectId, threadSerial, frame));
    }

    @Override
    public void classDump(ClassDump c) {
      seen.add(String.format("class %x super %x fields %d statics %d", c.classId(), c.superClassId(), c.fieldTypes().length,
          c.staticTypes().length));
    }

    @Override
    public void instance(long id, long classId, int fieldBytes, Cursor fields) {
      String first = fieldBytes >= fields.idSize() ? String.format(" first %x", fields.id()) : "";
      seen.add(String.format("instance %x of %x, %d bytes%s", id, classId, fieldBytes, first));
    }

    @Override
    public void objectArray(long id, long arrayClassId, int length, Cursor elements) {
      StringBuilder sb = new StringBuilder(String.format("objects %x of %x:", id, arrayClassId));
      for (int i = 0; i < length; i++) {
        sb.append(String.format(" %x", elements.id()));
      }
      seen.add(sb.toString());
    }

    @Override
    public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
      seen.add(String.format("%s[%d] %x%s", type.javaName, length, id, hasData ? "" : " nodata"));
    }

    @Override
    public void heapInfo(int heapType, long nameId) {
      seen.add(String.format("heap %d %x", heapType, nameId));
    }
  }

  private HprofContents<Recorder> read(byte[] bytes, DumpSelection selection) throws IOException {
    Path f = Files.write(tmp.resolve("t" + System.nanoTime() + ".hprof"), bytes);
    try (HprofReader r = HprofReader.open(f, 1)) {
      return r.read(selection, Recorder::new, new Progress());
    }
  }

  private static List<String> seen(HprofContents<Recorder> c, int dump) {
    List<String> all = new ArrayList<>();
    c.visited().get(dump).forEach(r -> all.addAll(r.seen));
    return all;
  }

  /** A small dump: a class with an int and a reference field, two instances, an object array and a byte[]. */
  static HprofWriter small(HprofWriter w) {
    long object = w.className(0x10, "java/lang/Object");
    long node = w.className(0x20, "com/acme/Node");
    long nodes = w.className(0x30, "[Lcom/acme/Node;");
    w.heapDumpSegment()
        .classDump(object, 0, 0, 0, new Field[0], new Field[0])
        .classDump(node, object, 0, 4 + w.idSize(), new Field[] {new Field(w.string("COUNT"), INT, 7)},
            new Field[] {new Field(w.string("next"), OBJECT, 0), new Field(w.string("size"), INT, 0)})
        .classDump(nodes, object, 0, 0, new Field[0], new Field[0])
        .instance(0x1000, node, w.values().id(0x1020).u4(1).bytes())
        .instance(0x1020, node, w.values().id(0).u4(2).bytes())
        .objectArray(0x1040, nodes, 0x1000, 0x1020)
        .primitiveArray(0x1060, BYTE, 5)
        .root(0xFF, 0x1040)
        .endHeap()
        .heapDumpEnd();
    return w;
  }

  private static final List<String> SMALL = List.of(
      "class 10 super 0 fields 0 statics 0",
      "class 20 super 10 fields 2 statics 1",
      "class 30 super 10 fields 0 statics 0",
      "instance 1000 of 20, 12 bytes first 1020",
      "instance 1020 of 20, 12 bytes first 0",
      "objects 1040 of 30: 1000 1020",
      "byte[5] 1060",
      "root UNKNOWN 1040 -1 -1");

  @Test
  void eightByteIds() throws IOException {
    HprofContents<Recorder> c = read(small(new HprofWriter(8)).bytes(), DumpSelection.last());
    assertEquals(8, c.header().idSize());
    assertEquals(SMALL, seen(c, 0));
    assertEquals("com.acme.Node", c.profile().className(0x20));
    assertEquals("com.acme.Node[]", c.profile().className(0x30));
    assertFalse(c.truncated());
  }

  @Test
  void fourByteIdsAndVersion101() throws IOException {
    HprofWriter w = small(new HprofWriter("JAVA PROFILE 1.0.1", 4));
    HprofContents<Recorder> c = read(w.bytes(), DumpSelection.last());
    assertEquals("JAVA PROFILE 1.0.1", c.header().version());
    assertEquals(4, c.header().idSize());
    List<String> expected = new ArrayList<>(SMALL);
    expected.set(3, "instance 1000 of 20, 8 bytes first 1020");
    expected.set(4, "instance 1020 of 20, 8 bytes first 0");
    assertEquals(expected, seen(c, 0));
  }

  @Test
  void fourByteIdsAreUnsigned() throws IOException {
    HprofWriter w = new HprofWriter(4);
    long cls = w.className(0xFFFFFF00L, "A");
    w.heapDump().classDump(cls, 0, 0, 0, new Field[0], new Field[0]).instance(0xFFFFFFF0L, cls, new byte[0]).endHeap();
    assertEquals(List.of("class ffffff00 super 0 fields 0 statics 0", "instance fffffff0 of ffffff00, 0 bytes"),
        seen(read(w.bytes(), DumpSelection.last()), 0));
  }

  @Test
  void everyRootKind() throws IOException {
    // Android's root kinds are in an Android file; the roots name no objects, which only a HotSpot file is checked for
    HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.3", 8);
    w.heapDumpSegment()
        .root(0xFF, 1).rootJniGlobal(2, 99).rootThreadFrame(0x02, 3, 7, 1).rootThreadFrame(0x03, 4, 7, 2)
        .rootThread(0x04, 5, 7).root(0x05, 6).rootThread(0x06, 7, 8).root(0x07, 8).rootThreadObject(9, 7, 3)
        .root(0x89, 10).root(0x8A, 11).root(0x8B, 12).root(0x8C, 13).root(0x8D, 14).rootThreadFrame(0x8E, 15, 7, 4)
        .root(0x90, 16)
        .endHeap();
    assertEquals(List.of(
        "root UNKNOWN 1 -1 -1", "root JNI_GLOBAL 2 -1 -1", "root JNI_LOCAL 3 7 1", "root JAVA_FRAME 4 7 2",
        "root NATIVE_STACK 5 7 -1", "root STICKY_CLASS 6 -1 -1", "root THREAD_BLOCK 7 8 -1", "root MONITOR_USED 8 -1 -1",
        "root THREAD_OBJECT 9 7 3", "root INTERNED_STRING a -1 -1", "root FINALIZING b -1 -1", "root DEBUGGER c -1 -1",
        "root REFERENCE_CLEANUP d -1 -1", "root VM_INTERNAL e -1 -1", "root JNI_MONITOR f 7 4", "root UNREACHABLE 10 -1 -1"),
        seen(read(w.bytes(), DumpSelection.last()), 0));
  }

  @Test
  void androidRecords() throws IOException {
    HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.3", 4);
    long cls = w.className(0x20, "com.acme.Bitmap");
    long app = w.string("app");
    w.heapDump()
        .heapDumpInfo(0x41, app)
        .classDump(cls, 0, 0, 4, new Field[0], new Field[] {new Field(w.string("buffer"), OBJECT, 0)})
        .instance(0x100, cls, w.values().id(0x200).bytes())
        .primitiveArrayNoData(0x200, BYTE, 1_000_000)
        .primitiveArray(0x300, LONG, 2)
        .endHeap();
    HprofContents<Recorder> c = read(w.bytes(), DumpSelection.last());
    assertEquals(List.of(String.format("heap %d %x", 0x41, app), "class 20 super 0 fields 1 statics 0",
        "instance 100 of 20, 4 bytes first 200", "byte[1000000] 200 nodata", "long[2] 300"), seen(c, 0));
    assertEquals("com.acme.Bitmap", c.profile().className(0x20));
  }

  @Test
  void topLevelRecordsAreKept() throws IOException {
    HprofWriter w = new HprofWriter(8);
    long method = w.string("run");
    long name = w.string("worker-1");
    w.stackFrame(0x500, method, w.string("()V"), w.string("Worker.java"), 1, 42).stackTrace(3, 7, 0x500)
        .startThread(7, 0x9000, 3, name, 0, 0);
    small(w);
    HprofContents<Recorder> c = read(w.bytes(), DumpSelection.last());
    assertEquals(42, c.profile().frame(0x500).line());
    assertEquals(1, c.profile().trace(3).frameIds().length);
    assertEquals("worker-1", c.profile().strings().get(c.profile().threads().get(7).nameId()));
  }

  @Test
  void severalDumpsAsHeapDumpRecords() throws IOException {
    HprofWriter w = new HprofWriter(8);
    long cls = w.className(0x20, "A");
    w.heapDump().classDump(cls, 0, 0, 0, new Field[0], new Field[0]).instance(0x100, cls, new byte[0]).endHeap();
    w.heapDump().classDump(cls, 0, 0, 0, new Field[0], new Field[0]).instance(0x100, cls, new byte[0])
        .instance(0x200, cls, new byte[0]).endHeap();
    byte[] bytes = w.bytes();
    HprofContents<Recorder> last = read(bytes, DumpSelection.last());
    assertEquals(2, last.dumps().size());
    assertEquals(List.of(1), List.copyOf(last.visited().keySet()));
    assertEquals(3, seen(last, 1).size());
    HprofContents<Recorder> first = read(bytes, DumpSelection.only(0));
    assertEquals(2, seen(first, 0).size());
    assertEquals(2, read(bytes, DumpSelection.all()).visited().size());
  }

  @Test
  void severalDumpsAsRunsOfSegments() throws IOException {
    HprofWriter w = new HprofWriter(8);
    long cls = w.className(0x20, "A");
    for (int dump = 0; dump < 3; dump++) {
      w.heapDumpSegment().classDump(cls, 0, 0, 0, new Field[0], new Field[0]).endHeap();
      for (int s = 0; s <= dump; s++) {
        w.heapDumpSegment().instance(0x100 + s, cls, new byte[0]).endHeap();
      }
      w.heapDumpEnd();
    }
    HprofContents<Recorder> c = read(w.bytes(), DumpSelection.all());
    assertEquals(3, c.dumps().size());
    assertEquals(List.of(2, 3, 4), c.dumps().stream().map(DumpInfo::records).toList());
    for (int d = 0; d < 3; d++) {
      assertEquals(d + 2, seen(c, d).size(), "dump " + d);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4096})
  void gzipPlainAndMultiMember(int chunk) throws IOException {
    HprofWriter w = small(new HprofWriter(8));
    byte[] gz = chunk == 0 ? w.gzip() : w.gzipMultiMember(chunk);
    HprofContents<Recorder> c = read(gz, DumpSelection.last());
    assertEquals(SMALL, seen(c, 0));
  }

  @Test
  void truncationInsideTheHeapKeepsWhatCameBefore() throws IOException {
    HprofWriter w = small(new HprofWriter(8));
    byte[] full = w.bytes();
    int lastSize = -1;
    int truncations = 0;
    for (int n = full.length - 1; n > 40; n--) {
      HprofContents<Recorder> c;
      try {
        c = read(w.truncatedAt(n), DumpSelection.last());
      } catch (HprofFormatException e) {
        throw new AssertionError("cut at " + n + ": " + e.getMessage(), e);
      }
      if (c.dumps().isEmpty()) {
        continue; // cut before the heap: a caller says the file holds no heap dump
      }
      List<String> got = seen(c, 0);
      assertEquals(SMALL.subList(0, got.size()), got, "cut at " + n + " gives a prefix of the records");
      assertTrue(lastSize < 0 || got.size() <= lastSize, "cutting earlier never gives more");
      lastSize = got.size();
      if (c.truncated()) {
        truncations++;
        assertTrue(c.warnings().stream().anyMatch(m -> m.contains("is truncated at offset " + String.format("%,d", c.truncatedAt()))));
        assertTrue(c.truncatedAt() <= n);
      }
    }
    assertTrue(truncations > 50, "truncations seen: " + truncations);
  }

  @Test
  void truncatedGzipKeepsWhatCameBefore() throws IOException {
    byte[] gz = small(new HprofWriter(8)).gzip();
    HprofContents<Recorder> c = read(java.util.Arrays.copyOf(gz, gz.length - 30), DumpSelection.last());
    assertTrue(c.truncated());
  }

  @Test
  void notADump() {
    HprofFormatException e = assertThrows(HprofFormatException.class, () -> read("hello world\n".getBytes(), DumpSelection.last()));
    assertTrue(e.getMessage().contains("not a heap dump"), e.getMessage());
    assertEquals(0, read0(new byte[0]).offset());
  }

  private HprofFormatException read0(byte[] b) {
    return assertThrows(HprofFormatException.class, () -> read(b, DumpSelection.last()));
  }

  @Test
  void unsupportedIdSize() {
    HprofWriter w = new HprofWriter(8);
    byte[] b = w.bytes();
    b[19 + 3] = 2; // the u4 id size after "JAVA PROFILE 1.0.2\0"
    HprofFormatException e = read0(b);
    assertTrue(e.getMessage().contains("unsupported id size 2"), e.getMessage());
  }

  @Test
  void unknownSubRecordTagNamesOffsetAndTag() {
    HprofWriter w = new HprofWriter(8);
    w.heapDumpSegment().root(0xFF, 1).heapRaw(new byte[] {0x77, 1, 2, 3}).endHeap();
    byte[] b = w.bytes();
    HprofFormatException e = read0(b);
    assertEquals(b.length - 4, e.offset());
    assertEquals(0x77, e.tag());
    assertTrue(e.getMessage().contains("unknown heap dump sub-record tag 0x77"), e.getMessage());
  }

  @Test
  void invalidTypeInClassDump() {
    HprofWriter w = new HprofWriter(8);
    w.heapDumpSegment().classDump(0x20, 0, 0, 0, new Field[0], new Field[] {new Field(1, 3, 0)}).endHeap();
    HprofFormatException e = read0(w.bytes());
    assertTrue(e.getMessage().contains("invalid value type 3") && e.getMessage().contains("CLASS_DUMP"), e.getMessage());
  }

  @Test
  void subRecordRunningPastItsSegment() {
    HprofWriter w = new HprofWriter(8);
    long cls = w.className(0x20, "A");
    w.heapDumpSegment().instance(0x100, cls, new byte[0]).endHeap();
    byte[] one = w.bytes();
    // declare an instance with 100 field bytes in a segment that holds 10, followed by another record
    HprofWriter x = new HprofWriter(8);
    x.className(0x20, "A");
    x.heapDumpSegment().heapRaw(x.values().u1(0x21).id(0x100).u4(0).id(0x20).u4(100).raw(new byte[10]).bytes()).endHeap();
    x.heapDumpEnd();
    x.string("padding so the file goes on past the segment".repeat(5));
    HprofFormatException e = read0(x.bytes());
    assertTrue(e.getMessage().contains("runs past the end of its HEAP_DUMP record"), e.getMessage());
    assertTrue(one.length > 0);
  }

  @Test
  void recordLengthThatLies() {
    HprofWriter w = new HprofWriter(8);
    w.record(0x02, new byte[5]); // LOAD_CLASS needs 24 bytes with 8-byte ids
    w.string("after");
    HprofFormatException e = read0(w.bytes());
    assertTrue(e.getMessage().contains("damaged record") || e.getMessage().contains("LOAD_CLASS"), e.getMessage());
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void garbageAfterTheHeaderNeverHangsNorEscapesAsAnotherError() throws IOException {
    for (long seed = 0; seed < 200; seed++) {
      byte[] garbage = new byte[2000];
      new Random(seed).nextBytes(garbage);
      byte[] b = new HprofWriter(8).raw(garbage).bytes();
      try {
        HprofContents<Recorder> c = read(b, DumpSelection.last());
        assertTrue(c.truncatedAt() <= b.length, "seed " + seed);
      } catch (HprofFormatException e) {
        assertTrue(e.offset() >= 0 && e.offset() <= b.length, "seed " + seed + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("byte offset " + e.offset()), e.getMessage());
      }
    }
  }

  @Test
  void heapDumpWithLengthZeroIsReadToTheEnd() throws IOException {
    HprofWriter w = new HprofWriter(8);
    long cls = w.className(0x20, "A");
    w.heapDump().classDump(cls, 0, 0, 0, new Field[0], new Field[0]).instance(0x100, cls, new byte[0])
        .instance(0x200, cls, new byte[0]).endHeap(0);
    HprofContents<Recorder> c = read(w.bytes(), DumpSelection.last());
    assertEquals(3, seen(c, 0).size());
    assertTrue(c.warnings().get(0).contains("wrong length"), c.warnings().toString());
  }

  @Test
  void filesOverTwoGigabytes() throws IOException {
    // a sparse file: a 2.2 GB record of an unknown kind to skip, then the heap, at offsets past 2^31
    HprofWriter head = new HprofWriter(8);
    long skip = 2_200_000_000L;
    head.raw(head.values().u1(0x06).u4(0).u4((int) skip).bytes());
    Path f = tmp.resolve("big.hprof");
    Files.write(f, head.bytes());
    HprofWriter rest = small(new HprofWriter(8));
    byte[] tail = java.util.Arrays.copyOfRange(rest.bytes(), 31, rest.bytes().length);
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.seek(head.bytes().length + skip);
      raf.write(tail);
    }
    assertTrue(Files.size(f) > (1L << 31));
    try (HprofReader r = HprofReader.open(f)) {
      HprofContents<Recorder> c = r.read(DumpSelection.last(), Recorder::new, new Progress());
      assertEquals(SMALL, seen(c, 0));
      assertTrue(c.dumps().get(0).offset() > (1L << 31));
    }
  }
}
