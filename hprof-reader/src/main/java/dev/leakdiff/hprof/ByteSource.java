package dev.leakdiff.hprof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where a {@link Cursor} gets its bytes: a range of a file (positional reads) or a stream. */
interface ByteSource {
  /** Reads up to len bytes; returns -1 at the end. */
  int read(byte[] dst, int off, int len) throws IOException;

  /** Skips n bytes; returns how many were skipped (fewer only at the end). */
  long skip(long n) throws IOException;

  /** A window [start, end) of a file read with positional reads, so several cursors can share one channel. */
  final class FileRange implements ByteSource {
    private final FileChannel channel;
    private long position;
    private final long end;

    FileRange(FileChannel channel, long start, long end) {
      this.channel = channel;
      this.position = start;
      this.end = end;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
      long left = end - position;
      if (left <= 0) {
        return -1;
      }
      int n = channel.read(ByteBuffer.wrap(dst, off, (int) Math.min(len, left)), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public long skip(long n) {
      long step = Math.max(0, Math.min(n, end - position));
      position += step;
      return step;
    }
  }

  /** A stream (a gzip-compressed dump), skipped by reading. */
  final class Stream implements ByteSource {
    private final InputStream in;

    Stream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
      return in.read(dst, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      long done = 0;
      while (done < n) {
        long k = in.skip(n - done);
        if (k <= 0) {
          if (in.read() < 0) {
            break;
          }
          k = 1;
        }
        done += k;
      }
      return done;
    }
  }
}
