package dev.leakdiff.graph;

import java.util.Arrays;

/**
 * Object ids (addresses) sorted, each object's dense index being its rank. When every id is 8-aligned and
 * they span less than 32 GB (any heap with compressed references, and most others), they are kept as 4-byte
 * offsets instead of 8-byte ids. A bucket table over the id range narrows each look-up to a few entries.
 */
public final class IdIndex {
  private static final int IDS_PER_BUCKET = 4;

  private final long[] wide;
  /** (id - min) / 8, shifted by Integer.MIN_VALUE so that signed order is id order. */
  private final int[] narrow;
  private final int size;
  private final int duplicates;
  private final long duplicate;
  private final int[] bucketStart;
  private final long min;
  private final int shift;

  /** Takes the ids (any order, duplicates allowed) and sorts them in place. */
  public IdIndex(long[] ids, int count) {
    boolean sorted = true;
    for (int i = 1; i < count && sorted; i++) {
      sorted = ids[i - 1] <= ids[i];
    }
    if (!sorted) {
      Arrays.parallelSort(ids, 0, count);
    }
    int n = 0;
    long firstDuplicate = 0;
    boolean found = false;
    for (int i = 0; i < count; i++) {
      if (n == 0 || ids[i] != ids[n - 1]) {
        ids[n++] = ids[i];
      } else if (!found) {
        found = true;
        firstDuplicate = ids[i];
      }
    }
    size = n;
    duplicates = count - n;
    duplicate = firstDuplicate;
    min = n == 0 ? 0 : ids[0];
    // unsigned from here: a damaged dump's ids may span more than 2^63 (0 means all 2^64)
    long span = n == 0 ? 1 : ids[n - 1] - min + 1;
    if (span == 0) {
      span = -1L;
    }
    boolean aligned = Long.compareUnsigned(span >>> 3, 1L << 32) < 0;
    for (int i = 0; i < n && aligned; i++) {
      aligned = ((ids[i] - min) & 7) == 0;
    }
    if (aligned) {
      narrow = new int[n];
      for (int i = 0; i < n; i++) {
        narrow[i] = (int) ((ids[i] - min) >>> 3) + Integer.MIN_VALUE;
      }
      wide = null;
    } else {
      wide = n == ids.length ? ids : Arrays.copyOf(ids, n);
      narrow = null;
    }
    int s = 0;
    while (Long.compareUnsigned(span >>> s, Math.max(1, n / IDS_PER_BUCKET)) > 0) {
      s++;
    }
    shift = s;
    int buckets = (int) (span >>> s) + 2;
    bucketStart = new int[buckets];
    int b = 0;
    for (int i = 0; i < n; i++) {
      int bucket = (int) ((id(i) - min) >>> s);
      while (b <= bucket) {
        bucketStart[b++] = i;
      }
    }
    while (b < buckets) {
      bucketStart[b++] = n;
    }
  }

  public int size() {
    return size;
  }

  /** How many ids were given more than once (a damaged dump: two objects with one id). */
  public int duplicates() {
    return duplicates;
  }

  /** The first id given more than once, when {@link #duplicates()} is not 0. */
  public long duplicate() {
    return duplicate;
  }


  /** The id of a dense index. */
  public long id(int index) {
    return narrow != null ? min + (((long) (narrow[index] - Integer.MIN_VALUE) & 0xFFFFFFFFL) << 3) : wide[index];
  }

  /**
   * The dense index of an id, trying first the index after previous: HotSpot writes a region's objects in
   * address order, so an object's own id is usually the one after the previous object's.
   */
  public int indexOf(long id, int previous) {
    int guess = previous + 1;
    if (guess > 0 && guess < size && id(guess) == id) {
      return guess;
    }
    return indexOf(id);
  }

  /** The dense index of an id, or -1 when the dump holds no such object. */
  public int indexOf(long id) {
    if (id < min || size == 0) { // the ids are sorted signed
      return -1;
    }
    long off = id - min; // unsigned
    long bucket = off >>> shift;
    if (Long.compareUnsigned(bucket, bucketStart.length - 1) >= 0) {
      return -1;
    }
    int lo = bucketStart[(int) bucket];
    int hi = bucketStart[(int) bucket + 1] - 1;
    if (narrow != null) {
      if ((off & 7) != 0) {
        return -1;
      }
      int key = (int) (off >>> 3) + Integer.MIN_VALUE;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int v = narrow[mid];
        if (v < key) {
          lo = mid + 1;
        } else if (v > key) {
          hi = mid - 1;
        } else {
          return mid;
        }
      }
      return -1;
    }
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = wide[mid];
      if (v < id) {
        lo = mid + 1;
      } else if (v > id) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Bytes held, for the memory estimate. */
  public long footprint() {
    return (narrow != null ? size * 4L : size * 8L) + bucketStart.length * 4L;
  }
}
