package dev.leakdiff.suite;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Leak, mostly outside the heap. Each call takes a 256 KiB direct buffer from Netty's pooled allocator, fills it,
 * and keeps it in a static list "to send later" that is never drained or released: a few dozen bytes of heap per
 * call, 256 KiB of native memory in the allocator's chunks.
 */
public class NettyDirectBuffers {
  static final List<ByteBuf> PENDING = new ArrayList<>();
  private final byte[] payload = new byte[256 * 1024];

  public void enqueue() {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(256 * 1024);
    buf.writeBytes(payload);
    PENDING.add(buf);
  }
}
