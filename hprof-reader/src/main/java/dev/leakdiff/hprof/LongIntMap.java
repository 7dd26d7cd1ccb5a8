package dev.leakdiff.hprof;

/** An open-addressing map from long keys (object ids) to int values, with no object per entry. */
public final class LongIntMap {
  /** Returned by {@link #get} for a key that is not there. */
  public static final int MISSING = -1;

  private long[] keys;
  private int[] values;
  private int mask;
  private int size;
  private boolean hasZero;
  private int zeroValue;

  public LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new long[cap];
    values = new int[cap];
    mask = cap - 1;
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The value of a key, or {@link #MISSING}. */
  public int get(long key) {
    if (key == 0) {
      return hasZero ? zeroValue : MISSING;
    }
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == 0) {
        return MISSING;
      }
      i = (i + 1) & mask;
    }
  }

  /** Sets the value of a key. Values must not be negative. */
  public void put(long key, int value) {
    if (key == 0) {
      if (!hasZero) {
        size++;
      }
      hasZero = true;
      zeroValue = value;
      return;
    }
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        values[i] = value;
        return;
      }
      if (k == 0) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  public int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    mask = keys.length - 1;
    size = hasZero ? 1 : 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  /** Bytes held by the tables, for memory estimates. */
  public long footprint() {
    return (long) keys.length * 12;
  }

  @Override
  public String toString() {
    return "LongIntMap[size=" + size + ", capacity=" + keys.length + "]";
  }
}
