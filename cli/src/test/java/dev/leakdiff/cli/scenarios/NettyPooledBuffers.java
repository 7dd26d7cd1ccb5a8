package dev.leakdiff.cli.scenarios;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * An off-heap leak through a pooled allocator: each call takes a 256 KiB direct buffer from Netty's pooled
 * allocator and keeps it (a request body never released). On the heap each is a small object; the memory is in
 * the allocator's chunks, outside the heap.
 */
public class NettyPooledBuffers implements Runnable {
  static final List<ByteBuf> PENDING = new ArrayList<>();

  @Override
  public void run() {
    ByteBuf body = PooledByteBufAllocator.DEFAULT.directBuffer(256 * 1024);
    body.writeLong(System.nanoTime());
    PENDING.add(body);
  }
}
