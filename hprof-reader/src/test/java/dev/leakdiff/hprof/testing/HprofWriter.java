package dev.leakdiff.hprof.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * A test-only writer of hprof files, for the cases a JVM will not produce: 4-byte ids, Android records,
 * several dumps in one file, wrong lengths, truncation, garbage. A few lines per case:
 *
 * <pre>
 *   HprofWriter w = new HprofWriter(8);
 *   long cls = w.className(0x100, "com/acme/Leak");
 *   w.heapDumpSegment().classDump(cls, 0, 0, 0, new Field[0], new Field[] {field(w.string("next"), OBJECT)})
 *    .instance(0x1000, cls, w.values().id(0).bytes()).endHeap().heapDumpEnd();
 * </pre>
 */
public final class HprofWriter {
  /** Basic type codes of the format. */
  public static final int OBJECT = 2;
  public static final int BOOLEAN = 4;
  public static final int CHAR = 5;
  public static final int FLOAT = 6;
  public static final int DOUBLE = 7;
  public static final int BYTE = 8;
  public static final int SHORT = 9;
  public static final int INT = 10;
  public static final int LONG = 11;

  /** A field of a CLASS_DUMP: its name (a STRING id), type and, for static fields, value. */
  public record Field(long nameId, int type, long value) {}

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final int idSize;
  private ByteArrayOutputStream heap;
  private int heapTag;
  private long nextStringId = 0x7000_0000L;
  private int nextSerial = 1;

  /** A writer of JAVA PROFILE 1.0.2 files with the given id size (4 or 8). */
  public HprofWriter(int idSize) {
    this("JAVA PROFILE 1.0.2", idSize);
  }

  public HprofWriter(String version, int idSize) {
    this.idSize = idSize;
    out.writeBytes(version.getBytes(StandardCharsets.US_ASCII));
    out.write(0);
    u4(out, idSize);
    u4(out, 0x0000018C);
    u4(out, 0x12345678);
  }

  public int idSize() {
    return idSize;
  }

  /** Size in the dump of a value of a type. */
  public int sizeOf(int type) {
    return switch (type) {
      case OBJECT -> idSize;
      case BOOLEAN, BYTE -> 1;
      case CHAR, SHORT -> 2;
      case FLOAT, INT -> 4;
      default -> 8;
    };
  }

  // ------------------------------------------------------------------ top-level records

  /** A STRING record with a fresh id; returns the id. */
  public long string(String s) {
    long id = nextStringId++;
    string(id, s);
    return id;
  }

  public HprofWriter string(long id, String s) {
    Bytes b = new Bytes().id(id);
    b.raw(s.getBytes(StandardCharsets.UTF_8));
    return record(0x01, b.bytes());
  }

  public HprofWriter loadClass(int serial, long classId, int stackSerial, long nameId) {
    return record(0x02, new Bytes().u4(serial).id(classId).u4(stackSerial).id(nameId).bytes());
  }

  /** The STRING and LOAD_CLASS records that name a class; returns the class id. */
  public long className(long classId, String internalName) {
    loadClass(nextSerial++, classId, 0, string(internalName));
    return classId;
  }

  public HprofWriter stackFrame(long frameId, long methodNameId, long signatureId, long sourceId, int classSerial, int line) {
    return record(0x04, new Bytes().id(frameId).id(methodNameId).id(signatureId).id(sourceId).u4(classSerial).u4(line).bytes());
  }

  public HprofWriter stackTrace(int serial, int threadSerial, long... frameIds) {
    Bytes b = new Bytes().u4(serial).u4(threadSerial).u4(frameIds.length);
    for (long f : frameIds) {
      b.id(f);
    }
    return record(0x05, b.bytes());
  }

  public HprofWriter startThread(int serial, long threadObjectId, int stackSerial, long nameId, long groupId, long parentGroupId) {
    return record(0x0A, new Bytes().u4(serial).id(threadObjectId).u4(stackSerial).id(nameId).id(groupId).id(parentGroupId).bytes());
  }

  /** Any top-level record, with its true length. */
  public HprofWriter record(int tag, byte[] body) {
    return record(tag, body.length, body);
  }

  /** Any top-level record with a declared length that may lie. */
  public HprofWriter record(int tag, long declaredLength, byte[] body) {
    out.write(tag);
    u4(out, 0);
    u4(out, (int) declaredLength);
    out.writeBytes(body);
    return this;
  }

  /** Raw bytes, for garbage. */
  public HprofWriter raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  // ------------------------------------------------------------------ heap dumps

  /** Starts a single HEAP_DUMP record (0x0C); sub-records follow until {@link #endHeap()}. */
  public HprofWriter heapDump() {
    return startHeap(0x0C);
  }

  /** Starts a HEAP_DUMP_SEGMENT record (0x1C). */
  public HprofWriter heapDumpSegment() {
    return startHeap(0x1C);
  }

  private HprofWriter startHeap(int tag) {
    if (heap != null) {
      throw new IllegalStateException("a heap record is open");
    }
    heap = new ByteArrayOutputStream();
    heapTag = tag;
    return this;
  }

  /** Closes the open heap record with its true length. */
  public HprofWriter endHeap() {
    return endHeap(-1);
  }

  /** Closes the open heap record declaring the given length (-1 for the true one). */
  public HprofWriter endHeap(long declaredLength) {
    byte[] body = heap.toByteArray();
    heap = null;
    return record(heapTag, declaredLength < 0 ? body.length : declaredLength, body);
  }

  /** HEAP_DUMP_END (0x2C): closes a dump made of segments. */
  public HprofWriter heapDumpEnd() {
    return record(0x2C, new byte[0]);
  }

  private HprofWriter sub(Bytes b) {
    if (heap == null) {
      throw new IllegalStateException("no heap record is open");
    }
    heap.writeBytes(b.bytes());
    return this;
  }

  /** A root with only an id: 0xFF, 0x05, 0x07 and Android's 0x89-0x8D, 0x90. */
  public HprofWriter root(int tag, long objectId) {
    return sub(new Bytes().u1(tag).id(objectId));
  }

  public HprofWriter rootJniGlobal(long objectId, long refId) {
    return sub(new Bytes().u1(0x01).id(objectId).id(refId));
  }

  /** A root with a thread serial and a frame number: 0x02 JNI local, 0x03 Java frame, 0x8E JNI monitor. */
  public HprofWriter rootThreadFrame(int tag, long objectId, int threadSerial, int frame) {
    return sub(new Bytes().u1(tag).id(objectId).u4(threadSerial).u4(frame));
  }

  /** A root with a thread serial only: 0x04 native stack, 0x06 thread block. */
  public HprofWriter rootThread(int tag, long objectId, int threadSerial) {
    return sub(new Bytes().u1(tag).id(objectId).u4(threadSerial));
  }

  public HprofWriter rootThreadObject(long threadObjectId, int threadSerial, int stackSerial) {
    return sub(new Bytes().u1(0x08).id(threadObjectId).u4(threadSerial).u4(stackSerial));
  }

  /** A CLASS_DUMP with an empty constant pool. */
  public HprofWriter classDump(long classId, long superId, long loaderId, int instanceSize, Field[] statics, Field[] fields) {
    Bytes b = new Bytes().u1(0x20).id(classId).u4(0).id(superId).id(loaderId).id(0).id(0).id(0).id(0).u4(instanceSize);
    b.u2(0);
    b.u2(statics.length);
    for (Field f : statics) {
      b.id(f.nameId()).u1(f.type()).value(f.type(), f.value());
    }
    b.u2(fields.length);
    for (Field f : fields) {
      b.id(f.nameId()).u1(f.type());
    }
    return sub(b);
  }

  /** An INSTANCE_DUMP with the given field values (see {@link #values()}). */
  public HprofWriter instance(long id, long classId, byte[] fieldValues) {
    return sub(new Bytes().u1(0x21).id(id).u4(0).id(classId).u4(fieldValues.length).raw(fieldValues));
  }

  public HprofWriter objectArray(long id, long arrayClassId, long... elements) {
    Bytes b = new Bytes().u1(0x22).id(id).u4(0).u4(elements.length).id(arrayClassId);
    for (long e : elements) {
      b.id(e);
    }
    return sub(b);
  }

  /** A PRIM_ARRAY_DUMP of length elements of a type, all zero. */
  public HprofWriter primitiveArray(long id, int type, int length) {
    return sub(new Bytes().u1(0x23).id(id).u4(0).u4(length).u1(type).raw(new byte[length * sizeOf(type)]));
  }

  /** Android's PRIM_ARRAY_NODATA (0xC3): a primitive array without its elements. */
  public HprofWriter primitiveArrayNoData(long id, int type, int length) {
    return sub(new Bytes().u1(0xC3).id(id).u4(0).u4(length).u1(type));
  }

  /** Android's HEAP_DUMP_INFO (0xFE): the records that follow belong to this heap. */
  public HprofWriter heapDumpInfo(int heapType, long nameId) {
    return sub(new Bytes().u1(0xFE).u4(heapType).id(nameId));
  }

  /** Raw bytes inside the open heap record, for damaged sub-records. */
  public HprofWriter heapRaw(byte[] bytes) {
    return sub(new Bytes().raw(bytes));
  }

  /** A builder of field values for {@link #instance}, using this dump's id size. */
  public Bytes values() {
    return new Bytes();
  }

  // ------------------------------------------------------------------ output

  public byte[] bytes() {
    if (heap != null) {
      throw new IllegalStateException("a heap record is still open");
    }
    return out.toByteArray();
  }

  /** The file cut to its first n bytes. */
  public byte[] truncatedAt(int n) {
    return Arrays.copyOf(bytes(), n);
  }

  public byte[] gzip() {
    return gzip(bytes());
  }

  /** Several concatenated gzip members of chunk bytes each, as `jcmd GC.heap_dump -gz=1` writes. */
  public byte[] gzipMultiMember(int chunk) {
    byte[] all = bytes();
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (int p = 0; p < all.length; p += chunk) {
      o.writeBytes(gzip(Arrays.copyOfRange(all, p, Math.min(all.length, p + chunk))));
    }
    return o.toByteArray();
  }

  public Path writeTo(Path file) {
    try {
      return Files.write(file, bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(o)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return o.toByteArray();
  }

  private static void u4(ByteArrayOutputStream o, int v) {
    o.write(v >>> 24);
    o.write(v >>> 16);
    o.write(v >>> 8);
    o.write(v);
  }

  /** Big-endian bytes, with ids of this dump's size. */
  public final class Bytes {
    private final ByteArrayOutputStream b = new ByteArrayOutputStream();

    public Bytes u1(int v) {
      b.write(v);
      return this;
    }

    public Bytes u2(int v) {
      b.write(v >>> 8);
      b.write(v);
      return this;
    }

    public Bytes u4(int v) {
      HprofWriter.u4(b, v);
      return this;
    }

    public Bytes u8(long v) {
      return u4((int) (v >>> 32)).u4((int) v);
    }

    public Bytes id(long v) {
      return idSize == 8 ? u8(v) : u4((int) v);
    }

    /** A value of a basic type. */
    public Bytes value(int type, long v) {
      return switch (type) {
        case OBJECT -> id(v);
        case BOOLEAN, BYTE -> u1((int) v);
        case CHAR, SHORT -> u2((int) v);
        case FLOAT, INT -> u4((int) v);
        default -> u8(v);
      };
    }

    public Bytes raw(byte[] bytes) {
      b.writeBytes(bytes);
      return this;
    }

    public byte[] bytes() {
      return b.toByteArray();
    }
  }
}
