package dev.leakdiff.bench;

import java.io.File;
import java.util.List;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;

/**
 * The biggest objects by retained size with NetBeans' heap library, as VisualVM's "biggest objects by retained
 * size" gets them: the first call computes the dominator tree and the retained size of every object of the
 * heap, then the 5 largest are asked their retained size.
 */
public final class NetBeansRetained {
  public static void main(String[] args) throws Exception {
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Heap heap = HeapFactory.createHeap(new File(args[0]));
    List<?> biggest = heap.getBiggestObjectsByRetainedSize(top);
    long instances = heap.getSummary().getTotalLiveInstances();
    for (Object o : biggest) {
      Instance i = (Instance) o;
      System.out.printf("%,16d  %s#%d%n", i.getRetainedSize(), i.getJavaClass().getName(), i.getInstanceNumber());
    }
    System.out.printf("retained: %d objects, the %d biggest retainers (netbeans)%n", instances, biggest.size());
  }
}
