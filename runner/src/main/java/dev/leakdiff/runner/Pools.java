package dev.leakdiff.runner;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The scenario JVM's buffer pools (direct and mapped), read from its own BufferPoolMXBeans for the {@code pools}
 * command. The beans are looked up once, before the first dump, so that the platform's one-time objects are made
 * then and never between two dumps; each answer after that allocates only its line.
 */
final class Pools {
  private final List<BufferPoolMXBean> beans;

  private Pools(List<BufferPoolMXBean> beans) {
    this.beans = beans;
  }

  /** The pools, read once; null when this JVM has no java.management module (a runtime image without it). */
  static Pools open() {
    try {
      Pools p = new Pools(List.copyOf(ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)));
      p.words(); // the first query's one-time work, before the first dump
      return p;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }

  /**
   * "direct COUNT CAPACITY USED mapped COUNT CAPACITY USED": the pools named direct and mapped, in bytes. Asked right
   * after a dump, whose GC found the buffers nothing holds: their cleaners free them on the JDK's reference handler
   * thread, which may lag behind on a busy machine, so the counts are read again until they hold still for 20 ms
   * (at most 10 times).
   */
  String words() {
    long before = count();
    for (int i = 0; i < 10; i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = count();
      if (now == before) {
        break;
      }
      before = now;
    }
    StringBuilder out = new StringBuilder(64);
    for (BufferPoolMXBean b : beans) {
      String name = b.getName();
      if (name.equals("direct") || name.equals("mapped")) {
        out.append(out.length() == 0 ? "" : " ").append(name).append(' ').append(b.getCount()).append(' ')
            .append(b.getTotalCapacity()).append(' ').append(b.getMemoryUsed());
      }
    }
    return out.length() == 0 ? "-" : out.toString();
  }

  /** The buffers of every pool. */
  private long count() {
    long n = 0;
    for (BufferPoolMXBean b : beans) {
      n += b.getCount();
    }
    return n;
  }
}
