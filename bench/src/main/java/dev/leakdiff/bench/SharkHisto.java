package dev.leakdiff.bench;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import kotlin.sequences.Sequence;
import shark.CloseableHeapGraph;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofIndex;

/** A class histogram (instances per class) with LeakCanary's Shark, the way a Shark user computes one. */
public final class SharkHisto {
  public static void main(String[] args) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(
        new File(args[0]), null, HprofIndex.Companion.defaultIndexedGcRootTags())) {
      for (HeapObject.HeapInstance i : iterable(graph.getInstances())) {
        counts.merge(i.getInstanceClassName(), 1L, Long::sum);
      }
      for (HeapObject.HeapObjectArray a : iterable(graph.getObjectArrays())) {
        counts.merge(a.getArrayClassName(), 1L, Long::sum);
      }
      for (HeapObject.HeapPrimitiveArray a : iterable(graph.getPrimitiveArrays())) {
        counts.merge(a.getArrayClassName(), 1L, Long::sum);
      }
    }
    Report.print("shark", counts);
  }

  private static <T> Iterable<T> iterable(Sequence<T> s) {
    return s::iterator;
  }
}
