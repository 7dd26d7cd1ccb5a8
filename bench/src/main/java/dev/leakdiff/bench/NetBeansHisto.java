package dev.leakdiff.bench;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.JavaClass;

/** A class histogram (instances per class) with NetBeans' heap library (the engine of VisualVM). */
public final class NetBeansHisto {
  public static void main(String[] args) throws Exception {
    Heap heap = HeapFactory.createHeap(new File(args[0]));
    Map<String, Long> counts = new HashMap<>();
    for (Object o : heap.getAllClasses()) {
      JavaClass c = (JavaClass) o;
      if (c.getInstancesCount() > 0) {
        counts.merge(c.getName(), (long) c.getInstancesCount(), Long::sum);
      }
    }
    Report.print("netbeans", counts);
  }
}
