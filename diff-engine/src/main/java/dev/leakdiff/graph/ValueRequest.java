package dev.leakdiff.graph;

import dev.leakdiff.hprof.LongIntMap;
import java.util.Arrays;

/**
 * The values an analysis wants from a dump, gathered first and then read in one pass ({@link DumpValues#read}):
 * the characters of strings, one int field of some instances, and hashes of the primitive values of others (an
 * instance's primitive fields, a primitive array's elements). Objects are named by their graph index.
 */
public final class ValueRequest {
  /** An int field no answer gave: the object is not in the dump, or has no such int field. */
  public static final long NO_VALUE = Long.MIN_VALUE;

  private final LongIntMap strings = new LongIntMap(64);
  private int[] stringObjects = new int[16];
  private int nStrings;
  private final LongIntMap ints = new LongIntMap(256);
  private int[] intObjects = new int[16];
  private String[] intFields = new String[16];
  private int nInts;
  private final LongIntMap hashes = new LongIntMap(256);
  private int[] hashObjects = new int[16];
  private int nHashes;

  /** Asks for the characters of a java.lang.String. */
  public void string(int object) {
    if (strings.get(object) == LongIntMap.MISSING) {
      if (nStrings == stringObjects.length) {
        stringObjects = Arrays.copyOf(stringObjects, nStrings * 2);
      }
      strings.put(object, nStrings);
      stringObjects[nStrings++] = object;
    }
  }

  /** Asks for the int field of this name of an instance (one field per object). */
  public void intField(int object, String field) {
    if (ints.get(object) == LongIntMap.MISSING) {
      if (nInts == intObjects.length) {
        intObjects = Arrays.copyOf(intObjects, nInts * 2);
        intFields = Arrays.copyOf(intFields, nInts * 2);
      }
      ints.put(object, nInts);
      intObjects[nInts] = object;
      intFields[nInts++] = field;
    }
  }

  /** Asks for a hash of an object's primitive values: an instance's primitive fields, or a primitive array's elements. */
  public void hash(int object) {
    if (hashes.get(object) == LongIntMap.MISSING) {
      if (nHashes == hashObjects.length) {
        hashObjects = Arrays.copyOf(hashObjects, nHashes * 2);
      }
      hashes.put(object, nHashes);
      hashObjects[nHashes++] = object;
    }
  }

  /** Whether hashes are asked for this object. */
  public boolean wantsHash(int object) {
    return hashes.get(object) != LongIntMap.MISSING;
  }

  public boolean isEmpty() {
    return nStrings == 0 && nInts == 0 && nHashes == 0;
  }

  public int strings() {
    return nStrings;
  }

  public int stringObject(int i) {
    return stringObjects[i];
  }

  public int ints() {
    return nInts;
  }

  public int intObject(int i) {
    return intObjects[i];
  }

  public String intField(int i) {
    return intFields[i];
  }

  public int hashes() {
    return nHashes;
  }

  public int hashObject(int i) {
    return hashObjects[i];
  }

  /** Empty answers of the size of this request, for a reader to fill. */
  public Answers answers() {
    long[] intValues = new long[nInts];
    Arrays.fill(intValues, NO_VALUE);
    return new Answers(this, new String[nStrings], intValues, new long[nHashes], new boolean[nHashes]);
  }

  /** What a read found, by the objects of the request. */
  public static final class Answers {
    private final ValueRequest request;
    private final String[] strings;
    private final long[] ints;
    private final long[] hashes;
    private final boolean[] hashed;

    Answers(ValueRequest request, String[] strings, long[] ints, long[] hashes, boolean[] hashed) {
      this.request = request;
      this.strings = strings;
      this.ints = ints;
      this.hashes = hashes;
      this.hashed = hashed;
    }

    /** A string's characters, or null when the dump did not give them. */
    public String string(int object) {
      int i = request.strings.get(object);
      return i == LongIntMap.MISSING ? null : strings[i];
    }

    /** The int field asked of an object, or {@link #NO_VALUE}. */
    public long intField(int object) {
      int i = request.ints.get(object);
      return i == LongIntMap.MISSING ? NO_VALUE : ints[i];
    }

    /** The hash of an object's primitive values; 0 when not read. */
    public long hash(int object) {
      int i = request.hashes.get(object);
      return i == LongIntMap.MISSING ? 0 : hashes[i];
    }

    /** Whether the hash of this object was read. */
    public boolean hashed(int object) {
      int i = request.hashes.get(object);
      return i != LongIntMap.MISSING && hashed[i];
    }

    /** For the reader: sets the answer to string request i. */
    public void setString(int i, String value) {
      strings[i] = value;
    }

    public void setInt(int i, long value) {
      ints[i] = value;
    }

    public void setHash(int i, long value) {
      hashes[i] = value;
      hashed[i] = true;
    }
  }
}
