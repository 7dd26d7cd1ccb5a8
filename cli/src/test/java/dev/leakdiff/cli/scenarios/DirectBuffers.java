package dev.leakdiff.cli.scenarios;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Native memory outside the heap: {@link #keep} leaks a direct buffer of 1 MiB per call into a static list (a few
 * dozen bytes of heap per call, 1 MiB of native memory); {@link #drop} allocates the same buffer and drops it, and
 * {@link #reuse} writes to one buffer allocated on the first call: no leak.
 */
public class DirectBuffers {
  static final List<ByteBuffer> KEPT = new ArrayList<>();
  private ByteBuffer reused;

  public void keep() {
    KEPT.add(ByteBuffer.allocateDirect(1 << 20));
  }

  public void drop() {
    ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
    b.putLong(0, System.nanoTime());
  }

  public void reuse() {
    if (reused == null) {
      reused = ByteBuffer.allocateDirect(1 << 20);
    }
    reused.putLong(0, System.nanoTime());
  }
}
