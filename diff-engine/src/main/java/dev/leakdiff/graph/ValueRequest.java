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

  /** Objects asked for one kind of value, each with its position among them. */
  private static final class Wanted {
    final LongIntMap position = new LongIntMap(64);
    int[] objects = new int[16];
    int size;

    /** Adds an object; returns its position, or -1 when it was asked already. */
    int add(int object) {
      if (position.get(object) != LongIntMap.MISSING) {
        return -1;
      }
      if (size == objects.length) {
        objects = Arrays.copyOf(objects, size * 2);
      }
      position.put(object, size);
      objects[size] = object;
      return size++;
    }

    int of(int object) {
      return position.get(object);
    }
  }

  private final Wanted strings = new Wanted();
  private final Wanted ints = new Wanted();
  private String[] intFields = new String[16];
  private final Wanted hashes = new Wanted();

  /** Asks for the characters of a java.lang.String. */
  public void string(int object) {
    strings.add(object);
  }

  /** Asks for the int (or long) field of this name of an instance (one field per object). */
  public void intField(int object, String field) {
    int i = ints.add(object);
    if (i >= 0) {
      if (i == intFields.length) {
        intFields = Arrays.copyOf(intFields, i * 2);
      }
      intFields[i] = field;
    }
  }

  /** Asks for a hash of an object's primitive values: an instance's primitive fields, or a primitive array's elements. */
  public void hash(int object) {
    hashes.add(object);
  }

  public boolean isEmpty() {
    return strings.size == 0 && ints.size == 0 && hashes.size == 0;
  }

  public int strings() {
    return strings.size;
  }

  public int stringObject(int i) {
    return strings.objects[i];
  }

  public int ints() {
    return ints.size;
  }

  public int intObject(int i) {
    return ints.objects[i];
  }

  public String intField(int i) {
    return intFields[i];
  }

  public int hashes() {
    return hashes.size;
  }

  public int hashObject(int i) {
    return hashes.objects[i];
  }

  /** Empty answers of the size of this request, for a reader to fill. */
  public Answers answers() {
    long[] intValues = new long[ints.size];
    Arrays.fill(intValues, NO_VALUE);
    return new Answers(this, new String[strings.size], intValues, new long[hashes.size], new boolean[hashes.size]);
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
      int i = request.strings.of(object);
      return i == LongIntMap.MISSING ? null : strings[i];
    }

    /** The int field asked of an object, or {@link #NO_VALUE}. */
    public long intField(int object) {
      int i = request.ints.of(object);
      return i == LongIntMap.MISSING ? NO_VALUE : ints[i];
    }

    /** The hash of an object's primitive values; 0 when not read. */
    public long hash(int object) {
      int i = request.hashes.of(object);
      return i == LongIntMap.MISSING ? 0 : hashes[i];
    }

    /** Whether the hash of this object was read. */
    public boolean hashed(int object) {
      int i = request.hashes.of(object);
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
