package dev.leakdiff.layout;

/**
 * How a JVM laid objects out in memory, which the dump does not state: header sizes, reference size and
 * alignment. Gives the shallow size of an object the way the JVM's own class histogram counts it.
 *
 * @param packedArrays whether array elements start right after the length field (aligned to their own
 *     size), as on 32-bit JVMs, with compact headers and on JDK 22+; otherwise at an 8-byte boundary
 */
public record Layout(String name, int instanceHeader, int arrayHeader, int referenceSize, int alignment, boolean packedArrays,
    boolean perClassFields) {

  /** A layout of JDK 15 and later, where a class's fields may fill gaps in its super classes' (JDK-8237767). */
  public Layout(String name, int instanceHeader, int arrayHeader, int referenceSize, int alignment, boolean packedArrays) {
    this(name, instanceHeader, arrayHeader, referenceSize, alignment, packedArrays, false);
  }

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

  // JDK 6-14: each class's own fields in a block of their own (see ClassShapes)
  public static final Layout COMPRESSED_OOPS_JDK14 = COMPRESSED_OOPS.upToJdk14();
  public static final Layout UNCOMPRESSED_JDK14 = UNCOMPRESSED.upToJdk14();
  public static final Layout WIDE_CLASS_POINTERS_JDK14 = WIDE_CLASS_POINTERS.upToJdk14();
  public static final Layout COMPRESSED_OOPS_ALIGN16_JDK14 = COMPRESSED_OOPS_ALIGN16.upToJdk14();
  public static final Layout BITS32_JDK14 = BITS32.upToJdk14();

  /**
   * The layouts a 64-bit dump (8-byte ids) may have been written with, the usual one first; a JDK 6-14 one
   * wins only where the addresses tell it apart (on a tie the one listed first stays).
   */
  public static final Layout[] CANDIDATES_64 = {
      COMPRESSED_OOPS, COMPACT_HEADERS, UNCOMPRESSED_OOPS, UNCOMPRESSED, UNCOMPRESSED_PACKED,
      WIDE_CLASS_POINTERS, WIDE_CLASS_POINTERS_PACKED, COMPACT_HEADERS_WIDE_OOPS, COMPRESSED_OOPS_ALIGN16,
      COMPRESSED_OOPS_JDK14, UNCOMPRESSED_JDK14, WIDE_CLASS_POINTERS_JDK14, COMPRESSED_OOPS_ALIGN16_JDK14};

  /** Every named layout, for the command line. */
  public static final Layout[] NAMED = {
      COMPRESSED_OOPS, COMPACT_HEADERS, UNCOMPRESSED_OOPS, UNCOMPRESSED, UNCOMPRESSED_PACKED,
      WIDE_CLASS_POINTERS, WIDE_CLASS_POINTERS_PACKED, COMPACT_HEADERS_WIDE_OOPS, COMPRESSED_OOPS_ALIGN16, BITS32,
      COMPRESSED_OOPS_JDK14, UNCOMPRESSED_JDK14, WIDE_CLASS_POINTERS_JDK14, COMPRESSED_OOPS_ALIGN16_JDK14, BITS32_JDK14};

  /** The same header sizes with the field layout of JDK 6-14, named NAME-jdk6-14. */
  private Layout upToJdk14() {
    return new Layout(name + "-jdk6-14", instanceHeader, arrayHeader, referenceSize, alignment, packedArrays, true);
  }

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
    return idSize == 4 ? new Layout[] {BITS32, BITS32_JDK14} : CANDIDATES_64;
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

  /**
   * Shallow size of an instance under the field layout of JDK 6-14 (HotSpot's ClassFileParser::layout_fields
   * with the default FieldsAllocationStyle=1 and CompactFields): each class's own fields form a block that
   * starts where its super class's ends, rounded up to the heap's reference size, and subclasses never fill
   * its gaps; within a block longs and doubles, ints and floats, shorts and chars, bytes and booleans, then
   * references; when the block does not start 8-aligned and has longs, one int, then shorts, then bytes (or,
   * with none of those, one reference of 4 bytes) fill the gap before the first long.
   *
   * @param fieldTypes each class's instance field types (BasicType codes), java.lang.Object's class first
   */
  public long perClassInstanceSize(java.util.List<byte[]> fieldTypes) {
    int oop = referenceSize;
    long offset = instanceHeader;
    for (byte[] types : fieldTypes) {
      int longs = 0;
      int ints = 0;
      int shorts = 0;
      int bytes = 0;
      int oops = 0;
      for (byte t : types) {
        switch (t) {
          case 2 -> oops++;
          case 7, 11 -> longs++;
          case 6, 10 -> ints++;
          case 5, 9 -> shorts++;
          default -> bytes++;
        }
      }
      if (longs + ints + shorts + bytes + oops == 0) {
        continue;
      }
      if (longs > 0) {
        long aligned = align(offset, 8);
        long gap = aligned - offset;
        if (gap > 0) {
          if (ints > 0) {
            ints--;
            gap -= 4;
          }
          while (gap >= 2 && shorts > 0) {
            shorts--;
            gap -= 2;
          }
          while (gap > 0 && bytes > 0) {
            bytes--;
            gap--;
          }
          if (gap >= oop && oops > 0) {
            oops--;
          }
        }
        offset = aligned + 8L * longs;
      }
      offset += 4L * ints + 2L * shorts + bytes;
      if (oops > 0) {
        offset = align(offset, oop) + (long) oop * oops;
      }
      offset = align(offset, oop);
    }
    return align(offset, alignment);
  }

  static long align(long v, int a) {
    return (v + a - 1) & -a;
  }

  @Override
  public String toString() {
    return String.format("%s (header %d, array header %d, references %d bytes, alignment %d%s%s)", name, instanceHeader,
        arrayHeader, referenceSize, alignment, packedArrays ? ", packed arrays" : "",
        perClassFields ? ", fields per class as on JDK 6-14" : "");
  }
}
