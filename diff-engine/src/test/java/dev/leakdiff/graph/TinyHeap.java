package dev.leakdiff.graph;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * A small JVM heap with the shapes that make dominators interesting, dumped by itself: a tree (each node dominated by
 * its parent), a diamond (two holders share a child, dominated by their common holder), a cycle, an object held by two
 * GC roots (dominated by none), a linked list, weak and soft references, and a second thread with a local.
 *
 * <p>{@code java -cp test-classes dev.leakdiff.graph.TinyHeap OUT.hprof} writes the live dump to OUT.hprof and ends.
 */
public final class TinyHeap {
  static final List<Object> TREE = new ArrayList<>();
  static final Map<String, Object> DIAMOND = new HashMap<>();
  static final Object[] SHARED_ROOT_A = new Object[1];
  static final Object[] SHARED_ROOT_B = new Object[1];
  static final LinkedList<byte[]> CHAIN = new LinkedList<>();
  static Object cycle;
  static WeakReference<Object> weak;
  static SoftReference<Object> soft;

  public static void main(String[] args) throws Exception {
    for (int i = 0; i < 50; i++) {
      List<Object> node = new ArrayList<>();
      for (int j = 0; j < 5; j++) {
        node.add(new long[j + 1]);
      }
      TREE.add(node);
    }
    Object child = new int[16];
    DIAMOND.put("left", new Object[] {child});
    DIAMOND.put("right", new Object[] {child});
    Object both = new char[8];
    SHARED_ROOT_A[0] = both;
    SHARED_ROOT_B[0] = both;
    for (int i = 0; i < 100; i++) {
      CHAIN.add(new byte[i]);
    }
    Object[] a = new Object[1];
    Object[] b = new Object[] {a};
    a[0] = b;
    cycle = a;
    Object weakOnly = new StringBuilder("weak");
    weak = new WeakReference<>(weakOnly);
    weakOnly = null;
    soft = new SoftReference<>(new StringBuilder("soft"));
    Object[] local = new Object[] {new int[3], "a local"};
    Thread t = new Thread(() -> {
      Object[] mine = {new int[7]};
      synchronized (TinyHeap.class) {
        TinyHeap.class.notifyAll();
        try {
          TinyHeap.class.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (mine.length == 0) {
        System.out.println(mine[0]);
      }
    }, "tiny-holder");
    t.setDaemon(true);
    synchronized (TinyHeap.class) {
      t.start();
      TinyHeap.class.wait();
    }
    Path out = Path.of(args[0]);
    Files.deleteIfExists(out);
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(out.toString(), true);
    if (local.length == 0) {
      System.out.println(local[1]);
    }
  }

  private TinyHeap() {}
}
