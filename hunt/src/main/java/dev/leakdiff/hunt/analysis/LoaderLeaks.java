package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.ClassTable;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hunt.findings.LoaderLeak;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Finds the class-loader leaks of a hunt: the loaders, in the last dump, of the classes loaded ever more times. */
final class LoaderLeaks {
  private LoaderLeaks() {}

  static List<LoaderLeak> of(List<ClassSeries> loaderGrowth, HeapGraph last, List<ClassSeries> suspects,
      List<SuspectHolders.Holder> holders) {
    Map<String, TreeSet<String>> byLoader = new LinkedHashMap<>();
    ClassTable classes = last.classes();
    List<String> growing = loaderGrowth.stream().map(ClassSeries::name).toList();
    for (int c = 0; c < classes.size(); c++) {
      ClassTable.Entry e = classes.get(c);
      if (e.loaderId() == 0 || !growing.contains(e.name())) {
        continue;
      }
      int loader = last.objectOf(e.loaderId());
      if (loader >= 0 && !last.isClassObject(loader)) {
        byLoader.computeIfAbsent(last.className(loader), k -> new TreeSet<>()).add(e.name());
      }
    }
    List<LoaderLeak> out = new ArrayList<>();
    byLoader.forEach((loader, names) -> {
      double rate = suspects.stream().filter(s -> s.name().equals(loader)).mapToDouble(ClassSeries::instancesPerIteration)
          .findFirst().orElse(0);
      var route = holders.stream().filter(h -> h.className().equals(loader) && !h.routes().isEmpty()
          && h.routes().get(0).growth() > 0).map(h -> h.routes().get(0).group().route()).findFirst().orElse(null);
      out.add(new LoaderLeak(loader, List.copyOf(names), rate, route));
    });
    return out;
  }
}
