package dev.leakdiff.hprof;

import java.util.Arrays;

/**
 * Object ids (addresses) sorted, each object's dense index being its rank. A bucket table over the id range
 * narrows each look-up to a few entries, so mapping a reference costs about as much as reading it.
 */
public final class IdIndex {
  private final long[] ids;
  private final int[] bucketStart;
  private final long min;
  private final int shift;

  /** Takes the ids (any order, duplicates allowed) and sorts them in place; the array becomes the index. */
  public IdIndex(long[] ids, int count) {
    long[] sorted = ids.length == count ? ids : Arrays.copyOf(ids, count);
    Arrays.parallelSort(sorted, 0, count);
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (n == 0 || sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    this.ids = n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    this.min = n == 0 ? 0 : this.ids[0];
    long span = n == 0 ? 1 : this.ids[n - 1] - min + 1;
    int s = 0;
    while ((span >>> s) > Math.max(1, n)) {
      s++;
    }
    this.shift = s;
    int buckets = (int) (span >>> s) + 2;
    bucketStart = new int[buckets];
    int b = 0;
    for (int i = 0; i < n; i++) {
      int bucket = (int) ((this.ids[i] - min) >>> s);
      while (b <= bucket) {
        bucketStart[b++] = i;
      }
    }
    while (b < buckets) {
      bucketStart[b++] = n;
    }
  }

  public int size() {
    return ids.length;
  }

  /** The id of a dense index. */
  public long id(int index) {
    return ids[index];
  }

  /** The dense index of an id, or -1 when the dump holds no such object. */
  public int indexOf(long id) {
    long off = id - min;
    if (off < 0 || ids.length == 0) {
      return -1;
    }
    long bucket = off >>> shift;
    if (bucket >= bucketStart.length - 1) {
      return -1;
    }
    int lo = bucketStart[(int) bucket];
    int hi = bucketStart[(int) bucket + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = ids[mid];
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
    return ids.length * 8L + bucketStart.length * 4L;
  }
}
