package dev.leakdiff.bench;

import java.io.File;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import shark.ApplicationLeak;
import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisFailure;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofIndex;
import shark.LeakTrace;
import shark.LibraryLeak;
import shark.MetadataExtractor;

/**
 * Shortest paths from GC roots to every instance of a class with LeakCanary's Shark: HeapAnalyzer with a
 * leaking-object finder that names every instance, as a Shark user asks "who holds these?".
 */
public final class SharkPaths {
  public static void main(String[] args) throws Exception {
    File file = new File(args[0]);
    String type = args[1];
    try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(file, null,
        HprofIndex.Companion.defaultIndexedGcRootTags())) {
      HeapAnalyzer analyzer = new HeapAnalyzer(step -> { });
      HeapAnalysis analysis = analyzer.analyze(file, graph, g -> {
        Set<Long> ids = new HashSet<>();
        HeapObject.HeapClass cls = g.findClassByName(type);
        if (cls != null) {
          for (HeapObject.HeapInstance i : (Iterable<HeapObject.HeapInstance>) () -> cls.getInstances().iterator()) {
            ids.add(i.getObjectId());
          }
        }
        return ids;
      }, List.of(), false, List.of(), MetadataExtractor.Companion.getNO_OP());
      if (analysis instanceof HeapAnalysisFailure f) {
        throw f.getException();
      }
      HeapAnalysisSuccess s = (HeapAnalysisSuccess) analysis;
      int traces = 0;
      int groups = 0;
      for (ApplicationLeak leak : s.getApplicationLeaks()) {
        groups++;
        traces += leak.getLeakTraces().size();
        LeakTrace first = leak.getLeakTraces().get(0);
        System.out.println(leak.getLeakTraces().size() + " traces of " + first.getReferencePath().size() + " references");
      }
      for (LibraryLeak leak : s.getLibraryLeaks()) {
        groups++;
        traces += leak.getLeakTraces().size();
      }
      System.out.printf("paths: %d traces in %d groups (shark)%n", traces, groups);
    }
  }
}
