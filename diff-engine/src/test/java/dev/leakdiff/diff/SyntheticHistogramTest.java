package dev.leakdiff.diff;

import static dev.leakdiff.hprof.testing.HprofWriter.BYTE;
import static dev.leakdiff.hprof.testing.HprofWriter.INT;
import static dev.leakdiff.hprof.testing.HprofWriter.LONG;
import static dev.leakdiff.hprof.testing.HprofWriter.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.source.Dumps;
import dev.leakdiff.layout.Layout;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hprof.testing.HprofWriter;
import dev.leakdiff.hprof.testing.HprofWriter.Field;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Histograms of synthetic dumps whose objects sit at addresses laid out by a known layout. */
class SyntheticHistogramTest {
  @TempDir
  Path tmp;

  /**
   * Writes 400 instances of a class (int, long, reference) and 400 int arrays of lengths 0..9, each at the
   * address the layout gives it, so the distances between addresses are the sizes under that layout.
   */
  private Path dump(int idSize, Layout layout, String version) {
    HprofWriter w = new HprofWriter(version, idSize);
    long object = w.className(0x10, "java/lang/Object");
    long item = w.className(0x20, "com/acme/Item");
    Field[] fields = {new Field(w.string("count"), INT, 0), new Field(w.string("stamp"), LONG, 0),
        new Field(w.string("next"), OBJECT, 0)};
    w.heapDumpSegment()
        .classDump(object, 0, 0, 0, new Field[0], new Field[0])
        .classDump(item, object, 0, 12 + idSize, new Field[0], fields)
        .endHeap();
    w.heapDumpSegment();
    long address = 0x1000_0000L;
    for (int i = 0; i < 400; i++) {
      w.instance(address, item, w.values().u4(i).u8(i).id(0).bytes());
      address += layout.instanceSize(12, 1);
      w.primitiveArray(address, INT, i % 10);
      address += layout.arraySize(4, i % 10);
    }
    w.primitiveArray(address, BYTE, 3);
    w.endHeap().heapDumpEnd();
    return w.writeTo(tmp.resolve("d" + idSize + layout.name() + ".hprof"));
  }

  private static long expectedIntArrayBytes(Layout l) {
    long sum = 0;
    for (int i = 0; i < 400; i++) {
      sum += l.arraySize(4, i % 10);
    }
    return sum;
  }

  @Test
  void infersEachLayoutFromAddresses() throws Exception {
    for (Layout layout : new Layout[] {Layout.COMPRESSED_OOPS, Layout.COMPACT_HEADERS, Layout.UNCOMPRESSED,
        Layout.UNCOMPRESSED_PACKED, Layout.COMPRESSED_OOPS_ALIGN16}) {
      ClassHistogram h = Dumps.histograms(dump(8, layout, "JAVA PROFILE 1.0.2"), DumpSelection.last(), null, new Progress())
          .histograms().get(0);
      assertEquals(layout, h.layout().layout(), h.layout().toString());
      assertTrue(h.layout().inferred());
      assertEquals(400 * layout.instanceSize(12, 1), h.get("com.acme.Item").bytes(), layout.name());
      assertEquals(expectedIntArrayBytes(layout), h.get("int[]").bytes(), layout.name());
      assertEquals(400, h.get("int[]").instances());
    }
  }

  @Test
  void fourByteIdsUseThe32BitLayout() throws Exception {
    ClassHistogram h = Dumps.histograms(dump(4, Layout.BITS32, "JAVA PROFILE 1.0.1"), DumpSelection.last(), null, new Progress())
        .histograms().get(0);
    assertEquals(Layout.BITS32, h.layout().layout());
    assertEquals(400 * 24, h.get("com.acme.Item").bytes()); // 8 header + 4 + 8 + 4
  }

  @Test
  void statedLayoutWins() throws Exception {
    Path f = dump(8, Layout.COMPRESSED_OOPS, "JAVA PROFILE 1.0.2");
    ClassHistogram h = Dumps.histograms(f, DumpSelection.last(), Layout.UNCOMPRESSED, new Progress()).histograms().get(0);
    assertEquals(Layout.UNCOMPRESSED, h.layout().layout());
    assertEquals(400 * Layout.UNCOMPRESSED.instanceSize(12, 1), h.get("com.acme.Item").bytes());
  }

  @Test
  void thinEvidenceFallsBackToTheUsualLayoutAndSaysSo() throws Exception {
    HprofWriter w = new HprofWriter(8);
    long a = w.className(0x20, "A");
    w.heapDumpSegment().classDump(a, 0, 0, 0, new Field[0], new Field[0])
        .instance(0x5000, a, new byte[0]).instance(0x1000, a, new byte[0]).endHeap();
    ClassHistogram h = Dumps.histograms(w.writeTo(tmp.resolve("thin.hprof")), DumpSelection.last(), null, new Progress())
        .histograms().get(0);
    assertEquals(Layout.COMPRESSED_OOPS, h.layout().layout());
    assertFalse(h.layout().inferred());
  }

  @Test
  void androidNamesAndNoDataArrays() throws Exception {
    HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.3", 4);
    long bitmap = w.className(0x20, "android.graphics.Bitmap");
    long arr = w.className(0x30, "android.graphics.Bitmap[]");
    w.heapDump().heapDumpInfo(0x41, w.string("app"))
        .classDump(bitmap, 0, 0, 4, new Field[0], new Field[] {new Field(w.string("buffer"), OBJECT, 0)})
        .classDump(arr, 0, 0, 0, new Field[0], new Field[0])
        .instance(0x100, bitmap, w.values().id(0x200).bytes())
        .primitiveArrayNoData(0x200, BYTE, 1000)
        .objectArray(0x300, arr, 0x100)
        .endHeap();
    ClassHistogram h = Dumps.histograms(w.writeTo(tmp.resolve("android.hprof")), DumpSelection.last(), null, new Progress())
        .histograms().get(0);
    assertEquals(1, h.get("android.graphics.Bitmap").instances());
    assertEquals(1, h.get("android.graphics.Bitmap[]").instances());
    assertEquals(Layout.BITS32.arraySize(1, 1000), h.get("byte[]").bytes());
  }

  @Test
  void oneNameLoadedTwiceIsCountedOnceWithItsClassCount() throws Exception {
    HprofWriter w = new HprofWriter(8);
    long a1 = w.className(0x20, "com/acme/Plugin");
    long a2 = w.className(0x28, "com/acme/Plugin");
    w.heapDumpSegment()
        .classDump(a1, 0, 0x900, 0, new Field[0], new Field[0])
        .classDump(a2, 0, 0x908, 0, new Field[0], new Field[0])
        .instance(0x100, a1, new byte[0]).instance(0x110, a2, new byte[0]).instance(0x120, a2, new byte[0])
        .endHeap();
    ClassHistogram h = Dumps.histograms(w.writeTo(tmp.resolve("loaders.hprof")), DumpSelection.last(), null, new Progress())
        .histograms().get(0);
    assertEquals(3, h.get("com.acme.Plugin").instances());
    assertEquals(2, h.get("com.acme.Plugin").classCount());
  }
}
