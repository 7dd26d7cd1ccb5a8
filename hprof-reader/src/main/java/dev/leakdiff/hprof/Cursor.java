package dev.leakdiff.hprof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A big-endian reading window over a {@link ByteSource}: the one object through which every byte of a
 * dump is read. Visitors receive it to decode field values and array elements without allocating.
 */
public final class Cursor {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private ByteSource source;
  private final byte[] buf;
  private int pos;
  private int limit;
  /** File offset of buf[0]. */
  private long base;
  private boolean eof;
  int idSize = 8;

  Cursor(ByteSource source, long startOffset, int bufferSize) {
    this.source = source;
    this.buf = new byte[bufferSize];
    this.base = startOffset;
  }

  /** Points the cursor, and its buffer, at another source starting at the given file offset. */
  void reset(ByteSource newSource, long startOffset) {
    source = newSource;
    base = startOffset;
    pos = 0;
    limit = 0;
    eof = false;
  }

  /** The id size of the dump being read: 4 or 8. */
  public int idSize() {
    return idSize;
  }

  /** File offset of the next byte. */
  public long position() {
    return base + pos;
  }

  /** Makes n bytes readable from the buffer; false if the source ends first. n must fit the buffer. */
  boolean ensure(int n) {
    if (limit - pos >= n) {
      return true;
    }
    return fill(n);
  }

  private boolean fill(int n) {
    if (eof) {
      return false;
    }
    int left = limit - pos;
    System.arraycopy(buf, pos, buf, 0, left);
    base += pos;
    pos = 0;
    limit = left;
    try {
      while (limit < n) {
        int k = source.read(buf, limit, buf.length - limit);
        if (k < 0) {
          eof = true;
          return false;
        }
        limit += k;
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes that can be read without a refill. */
  int buffered() {
    return limit - pos;
  }

  /** The capacity of the window. */
  int capacity() {
    return buf.length;
  }

  /** Skips n bytes; returns false if the source ended first. */
  boolean skip(long n) {
    long left = limit - pos;
    if (n <= left) {
      pos += (int) n;
      return true;
    }
    long rest = n - left;
    base += limit;
    pos = 0;
    limit = 0;
    try {
      long k = source.skip(rest);
      base += k;
      if (k < rest) {
        eof = true;
        return false;
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves to a file offset between the current position and the end of the buffer; false when it is elsewhere. */
  boolean skipInBuffer(long offset) {
    long p = offset - base;
    if (p < pos || p > limit) {
      return false;
    }
    pos = (int) p;
    return true;
  }

  /** Moves forward to a file offset at or after the current position. */
  boolean seek(long offset) {
    return skip(offset - position());
  }

  // The readers below assume ensure() was called for the bytes they read; public ones check themselves.

  int u1Unchecked() {
    return buf[pos++] & 0xFF;
  }

  void skipUnchecked(int n) {
    pos += n;
  }

  int u4Unchecked() {
    int v = (int) INT.get(buf, pos);
    pos += 4;
    return v;
  }

  long u8Unchecked() {
    long v = (long) LONG.get(buf, pos);
    pos += 8;
    return v;
  }

  // small enough for the quick-start compiler to inline into the record loops
  long idUnchecked() {
    return idSize == 8 ? u8Unchecked() : u4Unchecked() & 0xFFFFFFFFL;
  }

  private void need(int n) {
    if (!ensure(n)) {
      throw new EndOfData();
    }
  }

  /** Reads an unsigned byte. */
  public int u1() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  /** Reads an unsigned 16-bit value. */
  public int u2() {
    need(2);
    int v = ((short) SHORT.get(buf, pos)) & 0xFFFF;
    pos += 2;
    return v;
  }

  /** Reads a 32-bit value. */
  public int u4() {
    need(4);
    return u4Unchecked();
  }

  /** Reads a 64-bit value. */
  public long u8() {
    need(8);
    return u8Unchecked();
  }

  /** Reads an id (4 or 8 bytes). */
  public long id() {
    need(idSize);
    return idUnchecked();
  }

  /** Reads a value of the given type as raw bits (object ids for OBJECT). */
  public long value(BasicType type) {
    return switch (type) {
      case OBJECT -> id();
      case BOOLEAN, BYTE -> u1();
      case CHAR, SHORT -> u2();
      case FLOAT, INT -> u4();
      case DOUBLE, LONG -> u8();
    };
  }

  /** Skips n bytes of a record's data. */
  public void skipBytes(int n) {
    if (!skip(n)) {
      throw new EndOfData();
    }
  }

  /** Reads n bytes into dst. */
  public void bytes(byte[] dst, int off, int n) {
    int done = 0;
    while (done < n) {
      int chunk = Math.min(n - done, buf.length);
      need(chunk);
      System.arraycopy(buf, pos, dst, off + done, chunk);
      pos += chunk;
      done += chunk;
    }
  }

  /** Signals that the source ended inside a record: the caller turns it into a truncation or a format error. */
  static final class EndOfData extends RuntimeException {
    EndOfData() {
      super(null, null, false, false);
    }
  }
}
