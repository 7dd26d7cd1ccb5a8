package dev.leakdiff.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Object sizes under each layout, against sizes HotSpot reports (JOL and GC.class_histogram figures). */
class LayoutTest {
  @Test
  void compressedOops() {
    Layout l = Layout.COMPRESSED_OOPS;
    assertEquals(16, l.instanceSize(0, 0)); // new Object()
    assertEquals(24, l.instanceSize(4, 2)); // java.lang.String on JDK 17: int hash, byte coder, boolean, value, (4+1+1 prims)
    assertEquals(16, l.arraySize(1, 0));
    assertEquals(24, l.arraySize(1, 5));
    assertEquals(24, l.arraySize(8, 1));
    assertEquals(56, l.arraySize(4, 10));
    assertEquals(16 + 4 * 3 + 4, l.arraySize(4, 3)); // Object[3]: 28 -> 32
  }

  @Test
  void compactHeadersPackArrays() {
    Layout l = Layout.COMPACT_HEADERS;
    assertEquals(8, l.instanceSize(0, 0));
    assertEquals(16, l.arraySize(1, 4)); // 12 + 4
    assertEquals(16, l.arraySize(8, 0));
    assertEquals(24, l.arraySize(8, 1)); // longs start at 16
  }

  @Test
  void uncompressed() {
    assertEquals(32, Layout.UNCOMPRESSED.arraySize(4, 1)); // elements at 24 before JDK 22
    assertEquals(24, Layout.UNCOMPRESSED_PACKED.arraySize(4, 1)); // at 20 from JDK 22
    assertEquals(24, Layout.UNCOMPRESSED.instanceSize(0, 1));
  }

  @Test
  void arrayBytesFromLengthCountsEqualsSummingEachArray() {
    int[] lengths = {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 1000, 1001};
    for (Layout l : Layout.NAMED) {
      for (int e : new int[] {1, 2, 4, 8}) {
        long[] mod = new long[16];
        long sum = 0;
        long expected = 0;
        for (int n : lengths) {
          mod[n & 15]++;
          sum += n;
          expected += l.arraySize(e, n);
        }
        assertEquals(expected, l.arrayBytes(e, lengths.length, sum, mod, 0), l + " element size " + e);
      }
    }
  }
}
