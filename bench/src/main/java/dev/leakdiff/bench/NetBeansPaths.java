package dev.leakdiff.bench;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;

/** The nearest GC root of every instance of a class with NetBeans' heap library, VisualVM's engine. */
public final class NetBeansPaths {
  public static void main(String[] args) throws Exception {
    Heap heap = HeapFactory.createHeap(new File(args[0]));
    JavaClass cls = heap.getJavaClassByName(args[1]);
    Map<Integer, Integer> depths = new TreeMap<>();
    int n = 0;
    for (Object o : cls.getInstances()) {
      Instance x = (Instance) o;
      int depth = 0;
      while (x != null && !x.isGCRoot()) {
        x = x.getNearestGCRootPointer();
        depth++;
      }
      depths.merge(x == null ? -1 : depth, 1, Integer::sum);
      n++;
    }
    System.out.printf("paths: %d instances, depths %s (netbeans)%n", n, depths);
  }
}
