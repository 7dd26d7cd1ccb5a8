package dev.leakdiff.hprof;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the compressed bytes read into the read's progress: a gzip file's progress is that of its bytes on disk. */
final class CountingStream extends FilterInputStream {
  private final Progress progress;
  private long count;

  CountingStream(InputStream in, Progress progress) {
    super(in);
    this.progress = progress;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      progress.set(++count);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count += n;
      progress.set(count);
    }
    return n;
  }
}
