package dev.leakdiff.hprof;

import java.nio.file.Path;

/** Reads the sub-records of one HEAP_DUMP or HEAP_DUMP_SEGMENT body and hands them to a visitor. */
final class HeapRecordParser {
  private final Path file;
  /** Size of the file, or Long.MAX_VALUE for a stream whose size is unknown. */
  private final long fileSize;

  HeapRecordParser(Path file, long fileSize) {
    this.file = file;
    this.fileSize = fileSize;
  }

  /** Thrown where the data ends inside a sub-record: everything before offset was delivered. */
  static final class Truncated extends RuntimeException {
    final long offset;

    Truncated(long offset) {
      super(null, null, false, false);
      this.offset = offset;
    }
  }

  /**
   * Parses sub-records from the cursor's position up to end. With openEnded, the data may stop at any
   * record boundary before end (a HEAP_DUMP whose length was written wrong, read to the end of the file). What
   * tells whether the records fit together goes to checks, unless it is null (a sample of the dump).
   */
  void parse(Cursor c, long end, boolean openEnded, HeapVisitor v, DumpChecks checks) {
    final int id = c.idSize;
    long start = c.position();
    try {
      while ((start = c.position()) < end) {
        if (!c.ensure(1)) {
          if (openEnded) {
            return;
          }
          throw new Truncated(start);
        }
        int tag = c.u1Unchecked();
        switch (tag) {
          case RecordTag.INSTANCE_DUMP -> {
            need(c, 2 * id + 8, start);
            long objectId = c.idUnchecked();
            c.skipUnchecked(4); // stack trace serial
            long classId = c.idUnchecked();
            int n = c.u4Unchecked();
            long dataEnd = checkEnd(c, n & 0xFFFFFFFFL, end, start, tag);
            if (checks != null) {
              checks.object(objectId);
            }
            v.instance(objectId, classId, n, c);
            finish(c, dataEnd, start);
          }
          case RecordTag.OBJ_ARRAY_DUMP -> {
            need(c, 2 * id + 8, start);
            long objectId = c.idUnchecked();
            c.skipUnchecked(4); // stack trace serial
            int length = c.u4Unchecked();
            long classId = c.idUnchecked();
            long dataEnd = checkEnd(c, (length & 0xFFFFFFFFL) * id, end, start, tag);
            if (length < 0) {
              throw damaged(start, tag, "an array length over 2^31");
            }
            if (checks != null) {
              checks.object(objectId);
            }
            v.objectArray(objectId, classId, length, c);
            finish(c, dataEnd, start);
          }
          case RecordTag.PRIM_ARRAY_DUMP -> {
            need(c, id + 9, start);
            long objectId = c.idUnchecked();
            c.skipUnchecked(4); // stack trace serial
            int length = c.u4Unchecked();
            BasicType type = primitiveType(c.u1Unchecked(), start, tag);
            long dataEnd = checkEnd(c, (length & 0xFFFFFFFFL) * type.size, end, start, tag);
            if (length < 0) {
              throw damaged(start, tag, "an array length over 2^31");
            }
            if (checks != null) {
              checks.object(objectId);
            }
            v.primitiveArray(objectId, type, length, true, c);
            finish(c, dataEnd, start);
          }
          case RecordTag.CLASS_DUMP -> {
            ClassDump d = classDump(c, start, end);
            if (checks != null) {
              checks.classDump(d.classId());
            }
            v.classDump(d);
          }
          case RecordTag.PRIM_ARRAY_NODATA -> {
            need(c, id + 9, start);
            long objectId = c.idUnchecked();
            c.skipUnchecked(4); // stack trace serial
            int length = c.u4Unchecked();
            BasicType type = primitiveType(c.u1Unchecked(), start, tag);
            if (checks != null) {
              checks.object(objectId);
              checks.android(tag, start);
            }
            v.primitiveArray(objectId, type, length, false, c);
          }
          case RecordTag.HEAP_DUMP_INFO -> {
            need(c, 4 + id, start);
            int heapType = c.u4Unchecked();
            if (checks != null) {
              checks.android(tag, start);
            }
            v.heapInfo(heapType, c.idUnchecked());
          }
          default -> root(c, tag, start, v, checks);
        }
      }
      if (c.position() > end) {
        throw new HprofFormatException(file, start, -1, "damaged heap dump: a sub-record runs past the end of its HEAP_DUMP record");
      }
    } catch (Cursor.EndOfData e) {
      throw new Truncated(start);
    }
  }

  private void root(Cursor c, int tag, long start, HeapVisitor v, DumpChecks checks) {
    RootKind kind = RootKind.byTag(tag);
    if (kind == null) {
      throw new HprofFormatException(file, start, tag, "heap dump sub-record",
          String.format("unknown heap dump sub-record tag 0x%02X (the dump is damaged or of a kind leakdiff does not know)", tag));
    }
    int id = c.idSize;
    int extra = kind.extraBytes < 0 ? id : kind.extraBytes;
    need(c, id + extra, start);
    long objectId = c.idUnchecked();
    int thread = -1;
    int frame = -1;
    if (kind.extraBytes < 0) {
      c.idUnchecked();
    } else if (kind.hasThread) {
      thread = c.u4Unchecked();
      if (extra == 8) {
        frame = c.u4Unchecked();
      }
    }
    if (checks != null) {
      checks.root(tag, objectId, thread, frame, start);
    }
    v.root(kind, objectId, thread, frame);
  }

  private ClassDump classDump(Cursor c, long start, long end) {
    int tag = RecordTag.CLASS_DUMP;
    long classId = c.id();
    c.u4();
    long superId = c.id();
    long loaderId = c.id();
    long signersId = c.id();
    long protectionDomainId = c.id();
    c.id(); // reserved
    c.id(); // reserved
    int instanceSize = c.u4();
    int constants = c.u2();
    for (int i = 0; i < constants; i++) {
      c.u2();
      c.value(type(c.u1(), start, tag));
    }
    int statics = c.u2();
    long[] staticNames = new long[statics];
    byte[] staticTypes = new byte[statics];
    long[] staticValues = new long[statics];
    for (int i = 0; i < statics; i++) {
      staticNames[i] = c.id();
      BasicType t = type(c.u1(), start, tag);
      staticTypes[i] = (byte) t.code;
      staticValues[i] = c.value(t);
    }
    int fields = c.u2();
    long[] fieldNames = new long[fields];
    byte[] fieldTypes = new byte[fields];
    for (int i = 0; i < fields; i++) {
      fieldNames[i] = c.id();
      fieldTypes[i] = (byte) type(c.u1(), start, tag).code;
    }
    if (c.position() > end) {
      throw overrun(start, tag, end);
    }
    return new ClassDump(classId, superId, loaderId, signersId, protectionDomainId, instanceSize, staticNames, staticTypes, staticValues,
        fieldNames, fieldTypes);
  }

  private void need(Cursor c, int n, long start) {
    if (!c.ensure(n)) {
      throw new Truncated(start);
    }
  }

  /** The end of a record's data; checks that it stays inside its HEAP_DUMP record and inside the file. */
  private long checkEnd(Cursor c, long dataBytes, long end, long start, int tag) {
    long dataEnd = c.position() + dataBytes;
    if (dataBytes <= c.buffered() && dataEnd <= end) {
      return dataEnd; // the usual case
    }
    return checkEndOutsideBuffer(c, dataBytes, end, start, tag);
  }

  private long checkEndOutsideBuffer(Cursor c, long dataBytes, long end, long start, int tag) {
    long dataEnd = c.position() + dataBytes;
    if (dataEnd > end) {
      throw overrun(start, tag, end);
    }
    if (dataEnd > fileSize) {
      throw new Truncated(start);
    }
    if (dataBytes <= c.capacity() && !c.ensure((int) dataBytes)) {
      throw new Truncated(start);
    }
    return dataEnd;
  }

  private RuntimeException overrun(long start, int tag, long end) {
    if (end >= fileSize) {
      return new Truncated(start);
    }
    return damaged(start, tag, "a sub-record that runs past the end of its HEAP_DUMP record");
  }

  /** Moves to the end of a record's data, which the visitor may have read part of. */
  private void finish(Cursor c, long dataEnd, long start) {
    if (!c.skipInBuffer(dataEnd)) {
      finishOutsideBuffer(c, dataEnd, start);
    }
  }

  private void finishOutsideBuffer(Cursor c, long dataEnd, long start) {
    long pos = c.position();
    if (pos > dataEnd) {
      throw new IllegalStateException("visitor read past the end of sub-record at " + start);
    }
    if (pos < dataEnd && !c.seek(dataEnd)) {
      throw new Truncated(start);
    }
  }

  private BasicType type(int code, long start, int tag) {
    BasicType t = BasicType.byCode(code);
    if (t == null) {
      throw damaged(start, tag, "an invalid value type " + code);
    }
    return t;
  }

  private BasicType primitiveType(int code, long start, int tag) {
    BasicType t = type(code, start, tag);
    if (t == BasicType.OBJECT) {
      throw damaged(start, tag, "a primitive array of object type");
    }
    return t;
  }

  private HprofFormatException damaged(long start, int tag, String what) {
    return new HprofFormatException(file, start, tag, RecordTag.subRecordName(tag), "damaged heap dump sub-record: found " + what);
  }
}
