package dev.leakdiff.layout;

/**
 * How a JVM laid objects out in memory, which the dump does not state: header sizes, reference size and
 * alignment. Gives the shallow size of an object the way the JVM's own class histogram counts it.
 *
 * @param packedArrays whether array elements start right after the length field (aligned to their own
 *     size), as on 32-bit JVMs, with compact headers and on JDK 22+; otherwise at an 8-byte boundary
 */
public record Layout(String name, int instanceHeader, int arrayHeader, int referenceSize, int alignment, boolean packedArrays) {

  public static final Layout COMPRESSED_OOPS = new Layout("compressed-oops", 12, 16, 4, 8, false);
  public static final Layout COMPACT_HEADERS = new Layout("compact-headers", 8, 12, 4, 8, true);
  public static final Layout UNCOMPRESSED_OOPS = new Layout("uncompressed-oops", 12, 16, 8, 8, false);
  public static final Layout UNCOMPRESSED = new Layout("uncompressed", 16, 20, 8, 8, false);
  public static final Layout UNCOMPRESSED_PACKED = new Layout("uncompressed-packed", 16, 20, 8, 8, true);
  public static final Layout WIDE_CLASS_POINTERS = new Layout("wide-class-pointers", 16, 20, 4, 8, false);
  public static final Layout WIDE_CLASS_POINTERS_PACKED = new Layout("wide-class-pointers-packed", 16, 20, 4, 8, true);
  public static final Layout COMPACT_HEADERS_WIDE_OOPS = new Layout("compact-headers-uncompressed-oops", 8, 12, 8, 8, true);
  public static final Layout COMPRESSED_OOPS_ALIGN16 = new Layout("compressed-oops-align16", 12, 16, 4, 16, false);
  public static final Layout BITS32 = new Layout("32-bit", 8, 12, 4, 8, true);

  /** The layouts a 64-bit dump (8-byte ids) may have been written with, the usual one first. */
  public static final Layout[] CANDIDATES_64 = {
      COMPRESSED_OOPS, COMPACT_HEADERS, UNCOMPRESSED_OOPS, UNCOMPRESSED, UNCOMPRESSED_PACKED,
      WIDE_CLASS_POINTERS, WIDE_CLASS_POINTERS_PACKED, COMPACT_HEADERS_WIDE_OOPS, COMPRESSED_OOPS_ALIGN16};

  /** Every named layout, for the command line. */
  public static final Layout[] NAMED = {
      COMPRESSED_OOPS, COMPACT_HEADERS, UNCOMPRESSED_OOPS, UNCOMPRESSED, UNCOMPRESSED_PACKED,
      WIDE_CLASS_POINTERS, WIDE_CLASS_POINTERS_PACKED, COMPACT_HEADERS_WIDE_OOPS, COMPRESSED_OOPS_ALIGN16, BITS32};

  /** The layout of a name in {@link #NAMED}, or null. */
  public static Layout named(String name) {
    for (Layout l : NAMED) {
      if (l.name.equals(name)) {
        return l;
      }
    }
    return null;
  }

  /** The usual layout for a dump with this id size, used when the dump gives too little evidence. */
  public static Layout usual(int idSize) {
    return idSize == 4 ? BITS32 : COMPRESSED_OOPS;
  }

  /** Candidate layouts for a dump with this id size. */
  public static Layout[] candidates(int idSize) {
    return idSize == 4 ? new Layout[] {BITS32} : CANDIDATES_64;
  }

  /** Offset of the first element of an array whose elements take elementSize bytes. */
  public int arrayBase(int elementSize) {
    return (int) align(arrayHeader, packedArrays ? Math.min(elementSize, 8) : 8);
  }

  /** Shallow size of an instance whose fields (with super classes') take primitiveBytes plus references. */
  public long instanceSize(long primitiveBytes, int references) {
    return align(instanceHeader + primitiveBytes + (long) references * referenceSize, alignment);
  }

  /** Shallow size of an array. */
  public long arraySize(int elementSize, long length) {
    return align(arrayBase(elementSize) + length * elementSize, alignment);
  }

  /** Padding added to an array of this element size whose length is congruent to r modulo 16. */
  int arrayPadding(int elementSize, int r) {
    long raw = arrayBase(elementSize) + (long) r * elementSize;
    return (int) (align(raw, alignment) - raw);
  }

  /**
   * Total shallow bytes of count arrays with the given sum of lengths, where byLengthMod16[r] of them have
   * a length congruent to r modulo 16: exact for any alignment up to 16 without visiting each array again.
   */
  public long arrayBytes(int elementSize, long count, long lengthSum, long[] byLengthMod16, int offset) {
    long total = count * arrayBase(elementSize) + lengthSum * elementSize;
    for (int r = 0; r < 16; r++) {
      long n = byLengthMod16[offset + r];
      if (n != 0) {
        total += n * arrayPadding(elementSize, r);
      }
    }
    return total;
  }

  static long align(long v, int a) {
    return (v + a - 1) & -a;
  }

  @Override
  public String toString() {
    return String.format("%s (header %d, array header %d, references %d bytes, alignment %d%s)", name, instanceHeader,
        arrayHeader, referenceSize, alignment, packedArrays ? ", packed arrays" : "");
  }
}
