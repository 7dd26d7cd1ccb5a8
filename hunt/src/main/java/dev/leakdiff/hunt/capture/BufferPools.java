package dev.leakdiff.hunt.capture;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * The JVM's buffer pools as its {@link BufferPoolMXBean}s tell them: the direct buffers ({@code
 * ByteBuffer.allocateDirect}) and the mapped ones ({@code FileChannel.map}), each with how many there are, their
 * total capacity and the memory they use, in bytes. The native memory behind them is outside the heap: a dump shows
 * each as a small DirectByteBuffer or MappedByteBuffer object. Primitives, for a leak test that dumps its own JVM
 * (see {@link Sidecar.MemoryUse}). A pool the JVM does not tell of is null.
 */
public record BufferPools(Pool direct, Pool mapped) {
  /** One pool: buffers, their total capacity and the memory used, in bytes. */
  public record Pool(long count, long capacity, long used) {}

  /** The pools of the JVM this code runs in, from its own beans (no proxy, no reflection). */
  public static BufferPools local() {
    Pool direct = null;
    Pool mapped = null;
    for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (b.getName().equals("direct")) {
        direct = new Pool(b.getCount(), b.getTotalCapacity(), b.getMemoryUsed());
      } else if (b.getName().equals("mapped")) {
        mapped = new Pool(b.getCount(), b.getTotalCapacity(), b.getMemoryUsed());
      }
    }
    return direct == null && mapped == null ? null : new BufferPools(direct, mapped);
  }

  /**
   * The pools read right after a dump, whose GC found the buffers nothing holds: their cleaners free them on the
   * JDK's reference handler thread, which may lag behind on a busy machine, so they are read again until they hold
   * still for 20 ms (at most 10 times). The native memory summary, read after them, then no longer counts those.
   */
  static BufferPools settled(Supplier<BufferPools> read) {
    BufferPools p = read.get();
    for (int i = 0; i < 10 && p != null; i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return p;
      }
      BufferPools again = read.get();
      if (p.equals(again)) {
        return again;
      }
      p = again;
    }
    return p;
  }

  /** The pools of the JVM behind a connection, from the attributes of its beans; null when it does not tell them. */
  static BufferPools of(MBeanServerConnection server) {
    Pool direct = pool(server, "direct");
    Pool mapped = pool(server, "mapped");
    return direct == null && mapped == null ? null : new BufferPools(direct, mapped);
  }

  private static Pool pool(MBeanServerConnection server, String name) {
    try {
      ObjectName bean = new ObjectName("java.nio:type=BufferPool,name=" + name);
      return new Pool(((Number) server.getAttribute(bean, "Count")).longValue(),
          ((Number) server.getAttribute(bean, "TotalCapacity")).longValue(),
          ((Number) server.getAttribute(bean, "MemoryUsed")).longValue());
    } catch (Exception e) {
      return null; // no such bean, or the connection failed: the pool is unknown
    }
  }

  /**
   * The pools as the scenario runner tells them ({@code direct COUNT CAPACITY USED mapped COUNT CAPACITY USED}, see
   * dev.leakdiff.runner.Protocol); null when it could not read them.
   */
  public static BufferPools parse(String words) {
    String[] w = words.trim().split("\\s+");
    Pool direct = null;
    Pool mapped = null;
    try {
      for (int i = 0; i + 3 < w.length; i += 4) {
        Pool p = new Pool(Long.parseLong(w[i + 1]), Long.parseLong(w[i + 2]), Long.parseLong(w[i + 3]));
        if (w[i].equals("direct")) {
          direct = p;
        } else if (w[i].equals("mapped")) {
          mapped = p;
        }
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return direct == null && mapped == null ? null : new BufferPools(direct, mapped);
  }
}
