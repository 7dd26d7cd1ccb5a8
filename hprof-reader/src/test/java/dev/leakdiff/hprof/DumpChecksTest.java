package dev.leakdiff.hprof;

import static dev.leakdiff.hprof.testing.HprofWriter.CHAR;
import static dev.leakdiff.hprof.testing.HprofWriter.DOUBLE;
import static dev.leakdiff.hprof.testing.HprofWriter.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hprof.testing.HprofWriter;
import dev.leakdiff.hprof.testing.HprofWriter.Field;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the records of a dump fit together ({@link DumpChecks}): each check on a dump laid out as HotSpot writes
 * one, undamaged (not a word) and damaged (the error or the warning), read plain with one and with four threads
 * (the roots in one segment, the objects in another) and compressed.
 */
class DumpChecksTest {
  static final long OBJECT_CLASS = 0x10;
  static final long THREAD_CLASS = 0x20;
  static final long LEAK_CLASS = 0x40;
  static final long THREAD = 0x1000;
  static final long LEAK = 0x1100;
  static final long BYTES = 0x1200;

  @TempDir
  Path tmp;

  /**
   * A dump as HotSpot lays one out: the dummy stack trace 1 of thread 0 and thread 1's trace 2 of two frames; a
   * segment of class dumps and roots (thread 1's object, a local in its frame 1, a JNI global, the sticky class
   * Object) and what the test adds; a segment of the objects (the thread, a Leak, a byte[]) and what the test adds
   * there; HEAP_DUMP_END.
   */
  static HprofWriter hotspot(HprofWriter w, Consumer<HprofWriter> roots, Consumer<HprofWriter> objects) {
    w.className(OBJECT_CLASS, "java/lang/Object");
    w.className(THREAD_CLASS, "java/lang/Thread");
    w.className(LEAK_CLASS, "com/acme/Leak");
    long run = w.string("run");
    long sig = w.string("()V");
    long src = w.string("Leak.java");
    w.stackFrame(0x51, run, sig, src, 2, 10).stackFrame(0x52, run, sig, src, 2, 20);
    w.stackTrace(1, 0);
    w.stackTrace(2, 1, 0x51, 0x52);
    long name = w.string("name");
    long next = w.string("next");
    w.heapDumpSegment()
        .classDump(OBJECT_CLASS, 0, 0, 0, new Field[0], new Field[0])
        .classDump(THREAD_CLASS, OBJECT_CLASS, 0, w.idSize(), new Field[0], new Field[] {new Field(name, OBJECT, 0)})
        .classDump(LEAK_CLASS, OBJECT_CLASS, 0, w.idSize(), new Field[0], new Field[] {new Field(next, OBJECT, 0)})
        .rootThreadObject(THREAD, 1, 2)
        .rootThreadFrame(0x03, LEAK, 1, 1)
        .rootThreadFrame(0x02, LEAK, 1, -1)
        .rootJniGlobal(LEAK, 0x7777)
        .root(0x05, OBJECT_CLASS);
    roots.accept(w);
    w.endHeap().heapDumpSegment()
        .instance(THREAD, THREAD_CLASS, w.values().id(0).bytes())
        .instance(LEAK, LEAK_CLASS, w.values().id(0).bytes());
    primitiveArray(w, 0x23, BYTES, HprofWriter.BYTE, new byte[] {1, 2, 3});
    objects.accept(w);
    return w.endHeap().heapDumpEnd();
  }

  static byte[] hotspot(Consumer<HprofWriter> roots) {
    return hotspot(new HprofWriter(8), roots, w -> { }).bytes();
  }

  /** A PRIM_ARRAY_DUMP as HotSpot writes it (stack trace serial 1), under the given tag. */
  static void primitiveArray(HprofWriter w, int tag, long id, int type, byte[] elements) {
    w.heapRaw(w.values().u1(tag).id(id).u4(1).u4(elements.length / w.sizeOf(type)).u1(type).raw(elements).bytes());
  }

  private HprofContents<HeapVisitor> read(byte[] bytes, int threads) throws IOException {
    Path f = Files.write(tmp.resolve("t" + System.nanoTime() + ".hprof"), bytes);
    try (HprofReader r = HprofReader.open(f, threads)) {
      return r.read(DumpSelection.last(), () -> new HeapVisitor() { }, new Progress());
    }
  }

  /** The warnings of a read with one thread, which a read with four and a read of the gzip file give too. */
  private List<String> warnings(byte[] bytes) throws IOException {
    HprofContents<HeapVisitor> one = read(bytes, 1);
    List<String> w = named(one.warnings());
    assertEquals(w, named(read(bytes, 4).warnings()), "four threads");
    assertEquals(w, named(read(gzip(bytes), 1).warnings()), "gzip");
    assertEquals(!w.isEmpty(), one.damaged(), "damaged when warned: " + w);
    return w;
  }

  /** The warnings with the file's name as FILE. */
  private static List<String> named(List<String> warnings) {
    return warnings.stream().map(s -> s.replaceFirst("^.*?\\.hprof", "FILE")).toList();
  }

  /** The error of a read with one thread, which a read with four and a read of the gzip file raise too. */
  private HprofFormatException error(byte[] bytes) {
    HprofFormatException e = assertThrows(HprofFormatException.class, () -> read(bytes, 1));
    HprofFormatException four = assertThrows(HprofFormatException.class, () -> read(bytes, 4));
    HprofFormatException gz = assertThrows(HprofFormatException.class, () -> read(gzip(bytes), 1));
    assertEquals(e.offset(), four.offset(), "four threads: " + four.getMessage());
    assertEquals(e.offset(), gz.offset(), "gzip: " + gz.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
    return e;
  }

  private static byte[] gzip(byte[] bytes) {
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(o)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return o.toByteArray();
  }

  /** Where the sub-record that starts with these bytes is in the file (the first such). */
  static int offsetOf(byte[] file, byte[] subRecordStart) {
    outer:
    for (int i = 0; i + subRecordStart.length <= file.length; i++) {
      for (int k = 0; k < subRecordStart.length; k++) {
        if (file[i + k] != subRecordStart[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not in the file");
  }

  static byte[] start(HprofWriter w, int tag, long id) {
    return w.values().u1(tag).id(id).bytes();
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 8})
  void aDumpAsHotSpotWritesOneReadsWithoutAWord(int idSize) throws IOException {
    byte[] dump = hotspot(new HprofWriter(idSize), w -> { }, w -> { }).bytes();
    assertEquals(List.of(), warnings(dump));
    assertEquals(List.of(), warnings(hotspot(new HprofWriter("JAVA PROFILE 1.0.1", idSize), w -> { }, w -> { }).bytes()));
  }

  @Test
  void aPrimitiveArrayWhoseTagBecameAThreadObjectsIsAnError() throws IOException {
    // a char[4] (8 bytes of elements) read as ROOT_THREAD_OBJECT: the array's id, thread serial 1 (its stack trace
    // serial), stack trace 4 (its length); then its element type 5 as ROOT_STICKY_CLASS of the 8 bytes: every byte read
    byte[] chars = {0, 'a', 0, 'b', 0, 'c', 0, 'd'};
    byte[] whole = hotspot(new HprofWriter(8), w -> { }, w -> primitiveArray(w, 0x23, 0x1300, CHAR, chars)).bytes();
    assertEquals(List.of(), warnings(whole));
    HprofWriter w8 = new HprofWriter(8);
    byte[] damaged = hotspot(w8, w -> { }, w -> primitiveArray(w, 0x08, 0x1300, CHAR, chars)).bytes();
    HprofFormatException e = error(damaged);
    assertEquals(offsetOf(damaged, start(w8, 0x08, 0x1300)), e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains("damaged heap dump: found a second ROOT_THREAD_OBJECT of thread serial 1"), e.getMessage());
  }

  @Test
  void twoThreadObjectsOfOneSerialAreAnError() throws IOException {
    HprofWriter w8 = new HprofWriter(8);
    byte[] dump = hotspot(w8, w -> w.rootThreadObject(LEAK, 1, 2), w -> { }).bytes();
    HprofFormatException e = error(dump);
    byte[] second = w8.values().u1(0x08).id(LEAK).u4(1).bytes();
    assertEquals(offsetOf(dump, second), e.offset());
    assertTrue(e.getMessage().contains("a second ROOT_THREAD_OBJECT of thread serial 1 (the first is at offset"), e.getMessage());
  }

  @Test
  void aThreadObjectMustNameItsOwnStackTrace() throws IOException {
    HprofFormatException none = error(hotspot(w -> w.rootThreadObject(LEAK, 2, 9)));
    assertTrue(none.getMessage().contains("a ROOT_THREAD_OBJECT of thread serial 2 naming stack trace 9, which no STACK_TRACE "
        + "record gives"), none.getMessage());
    HprofFormatException other = error(hotspot(w -> w.rootThreadObject(LEAK, 2, 2)));
    assertTrue(other.getMessage().contains("a ROOT_THREAD_OBJECT of thread serial 2 naming stack trace 2, which is thread 1's"),
        other.getMessage());
  }

  /**
   * What other writers do that HotSpot does not, and is no error: the Serviceability Agent's (jmap -F, jhsdb jmap)
   * thread roots name the dummy trace 1 of thread 0, their frames then past its end; the old hprof agent gave
   * thread serial 0 to every thread it did not know.
   */
  @Test
  void theDummyTraceAndThreadZeroAreNoErrors() throws IOException {
    assertEquals(List.of(), warnings(hotspot(w -> w.rootThreadObject(LEAK, 2, 1).rootThreadFrame(0x03, LEAK, 2, 5))));
    assertEquals(List.of(), warnings(hotspot(w -> w.rootThreadObject(LEAK, 0, 1).rootThreadObject(THREAD, 0, 1)
        .rootThreadFrame(0x03, LEAK, 0, 0).rootThread(0x04, LEAK, 0))));
    // thread 0 without even a dummy trace to name it
    HprofWriter w = new HprofWriter(8);
    w.className(LEAK_CLASS, "com/acme/Leak");
    w.heapDumpSegment().classDump(LEAK_CLASS, 0, 0, 0, new Field[0], new Field[0]).instance(LEAK, LEAK_CLASS, new byte[0])
        .rootThreadFrame(0x03, LEAK, 0, -1).endHeap().heapDumpEnd();
    assertEquals(List.of(), warnings(w.bytes()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x02, 0x03, 0x04, 0x06})
  void aRootOfAThreadTheDumpDoesNotDefineIsAnError(int tag) throws IOException {
    Consumer<HprofWriter> root = tag <= 0x03 ? w -> w.rootThreadFrame(tag, LEAK, 5, 0) : w -> w.rootThread(tag, LEAK, 5);
    HprofFormatException e = error(hotspot(root));
    assertTrue(e.getMessage().contains(" root of thread serial 5, which no ROOT_THREAD_OBJECT, STACK_TRACE or START_THREAD "
        + "record gives"), e.getMessage());
    assertEquals(tag, e.tag());
    // a thread of a START_THREAD record (the old hprof agent wrote them) is defined
    HprofWriter w = new HprofWriter(8);
    w.startThread(5, THREAD, 2, w.string("worker"), 0, 0);
    assertEquals(List.of(), warnings(hotspot(w, root, x -> { }).bytes()));
  }

  @Test
  void aStickyClassThatIsNoClassIsRead() throws IOException {
    // a JDK 17 JVM running a flight recording writes sticky-class roots that name no class dump (seen in leakdiff run's
    // dumps): no error, no warning
    assertEquals(List.of(), warnings(hotspot(w -> w.root(0x05, LEAK))));
  }

  @Test
  void aFramePastTheEndOfTheStackTraceIsAWarning() throws IOException {
    List<String> w = warnings(hotspot(x -> x.rootThreadFrame(0x03, LEAK, 1, 2)));
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).matches("FILE: 1 GC roots \\(JAVA_FRAME at offset [0-9,]+: frame 2 of 2, \\.\\.\\.\\) name a frame past "
        + "the end of their thread's stack trace: the dump is damaged, or its writer cut the traces short"), w.get(0));
    assertEquals(List.of(), warnings(hotspot(x -> x.rootThreadFrame(0x03, LEAK, 1, 1))), "frame 1 of 2");
  }

  @Test
  void aRootOfAnObjectTheDumpDoesNotHoldIsAWarning() throws IOException {
    List<String> w = warnings(hotspot(x -> x.root(0x07, 0x1234)));
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).startsWith("FILE: 1 GC roots (MONITOR_USED 0x1234 at offset "), w.get(0));
    assertTrue(w.get(0).endsWith(", ...) name objects the dump does not hold: the dump is damaged"), w.get(0));
    // JNI globals of objects left out are in a real JDK 6 dump: not a word
    assertEquals(List.of(), warnings(hotspot(x -> x.rootJniGlobal(0x1234, 0x7778))));
    // roots of a class, an array, an instance in another segment
    assertEquals(List.of(), warnings(hotspot(x -> x.root(0x07, LEAK_CLASS).root(0x07, BYTES).root(0xFF, THREAD))));
  }

  @Test
  void aPrimitiveArrayWhoseTagBecameAJniGlobalsIsAWarning() throws IOException {
    // a double[1] read as ROOT_JNI_GLOBAL (the array's id, its stack trace serial and length as the reference),
    // then its element type 7 as ROOT_MONITOR_USED of the double's 8 bytes: both name objects the dump does not hold
    byte[] one = w8().values().u8(Double.doubleToLongBits(2.5)).bytes();
    assertEquals(List.of(), warnings(hotspot(new HprofWriter(8), w -> { }, w -> primitiveArray(w, 0x23, 0x1300, DOUBLE, one))
        .bytes()));
    List<String> w = warnings(hotspot(new HprofWriter(8), x -> { }, x -> primitiveArray(x, 0x01, 0x1300, DOUBLE, one)).bytes());
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).startsWith("FILE: 1 GC roots (MONITOR_USED 0x4004000000000000 at offset "), w.get(0));
  }

  private static HprofWriter w8() {
    return new HprofWriter(8);
  }

  @Test
  void androidRecordsInAHotSpotFileAreAWarning() throws IOException {
    List<String> w = warnings(hotspot(x -> x.root(0x89, LEAK).heapDumpInfo(0x41, 0)));
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).matches("FILE: 2 records only Android writes \\(INTERNED_STRING at offset [0-9,]+, \\.\\.\\.\\) in a "
        + "JAVA PROFILE 1\\.0\\.2 file, which is not Android's: the dump is damaged"), w.get(0));
    // in Android's own files, nothing is checked: its roots and threads are of another make
    HprofWriter android = new HprofWriter("JAVA PROFILE 1.0.3", 4);
    assertEquals(List.of(), warnings(hotspot(android, x -> x.root(0x89, LEAK).root(0x05, LEAK).rootThreadObject(LEAK, 1, -1)
        .root(0x07, 0x1234), x -> { }).bytes()));
  }

  @Test
  void aTruncatedDumpIsNotBlamedForWhatItLost() throws IOException {
    // the roots come first; the objects they name are past the end
    HprofWriter w8 = new HprofWriter(8);
    byte[] whole = hotspot(w8, x -> x.root(0x07, 0x1300).root(0x05, 0x1400), x -> x.instance(0x1300, LEAK_CLASS,
        x.values().id(0).bytes()).classDump(0x1400, OBJECT_CLASS, 0, 0, new Field[0], new Field[0])).bytes();
    assertEquals(List.of(), warnings(whole));
    byte[] cut = java.util.Arrays.copyOf(whole, offsetOf(whole, start(w8, 0x21, 0x1300)) + 3);
    HprofContents<HeapVisitor> c = read(cut, 1);
    assertTrue(c.truncated());
    assertEquals(1, c.warnings().size(), c.warnings().toString());
    assertTrue(c.warnings().get(0).contains(" is truncated at offset "), c.warnings().toString());
    assertFalse(c.damaged());
  }

  @Test
  void aSampleOfTheDumpIsNotChecked() throws IOException {
    // a second ROOT_THREAD_OBJECT of thread 1: an error when the whole dump is read
    Path f = Files.write(tmp.resolve("sample.hprof"), hotspot(w -> w.rootThreadObject(LEAK, 1, 2)));
    try (HprofReader r = HprofReader.open(f, 2)) {
      HprofReader.Sample<HeapVisitor> s = r.readSample(DumpSelection.last(), () -> new HeapVisitor() { }, 1 << 20);
      assertEquals(s.heapBytes(), s.sampledBytes(), "the sample is the whole heap");
      assertEquals(List.of(), s.contents().warnings());
    }
    assertThrows(HprofFormatException.class, () -> read(Files.readAllBytes(f), 2));
  }
}
