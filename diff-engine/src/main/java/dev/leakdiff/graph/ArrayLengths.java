package dev.leakdiff.graph;

import java.util.Arrays;

/**
 * The lengths of the arrays a graph sizes, by object index. Many (a graph that sizes every class: about a third of a
 * heap's objects are arrays) are one int per object, read at once; few (paths sizing the classes asked for) are
 * object-and-length pairs in one sorted long array, 8 bytes an array, read by binary search.
 */
public final class ArrayLengths {
  /** The length of an object the graph did not size. */
  public static final int MISSING = -1;

  private final int[] dense;
  private final long[] packed;

  private ArrayLengths(int[] dense, long[] packed) {
    this.dense = dense;
    this.packed = packed;
  }

  /** None sized. */
  public static final ArrayLengths NONE = new ArrayLengths(null, new long[0]);

  /** An array for {@link #dense}: one length per object, {@link #MISSING} until set. */
  public static int[] denseArray(int objects) {
    int[] a = new int[objects];
    Arrays.fill(a, MISSING);
    return a;
  }

  /** The lengths written into an array from {@link #denseArray}. */
  public static ArrayLengths dense(int[] lengths) {
    return new ArrayLengths(lengths, null);
  }

  /** Collects the lengths of a graph of this many objects, when that many arrays are sized in all. */
  public static Builder builder(int objects, long sized) {
    return new Builder(objects, sized);
  }

  /** The length of an array, or {@link #MISSING}. */
  public int get(int object) {
    if (dense != null) {
      return object >= 0 && object < dense.length ? dense[object] : MISSING;
    }
    int lo = 0;
    int hi = packed.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int o = (int) (packed[mid] >>> 32);
      if (o < object) {
        lo = mid + 1;
      } else if (o > object) {
        hi = mid - 1;
      } else {
        return (int) packed[mid];
      }
    }
    return MISSING;
  }

  /** Adds lengths in any order, then builds. */
  public static final class Builder {
    private final int[] dense;
    private final long[] packed;
    private int count;

    private Builder(int objects, long sized) {
      boolean many = sized >= objects / 8;
      dense = many ? new int[objects] : null;
      packed = many ? null : new long[(int) sized];
      if (many) {
        Arrays.fill(dense, MISSING);
      }
    }

    public void add(int object, int length) {
      if (dense != null) {
        dense[object] = length;
      } else {
        packed[count++] = ((long) object << 32) | (length & 0xFFFFFFFFL);
      }
    }

    public ArrayLengths build() {
      if (dense != null) {
        return new ArrayLengths(dense, null);
      }
      long[] p = count == packed.length ? packed : Arrays.copyOf(packed, count);
      Arrays.sort(p);
      return new ArrayLengths(null, p);
    }
  }
}
