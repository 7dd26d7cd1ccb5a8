package dev.leakdiff.hunt;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.SuspectHolders;
import dev.leakdiff.hprof.ClassTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A class-loader leak: class loaders of one class that grow with the iterations, each keeping classes whose names
 * are loaded ever more times, and the chain that keeps the loaders alive (a driver in a JDK registry, its class,
 * its loader).
 *
 * @param loadersPerIteration how many more loaders per iteration (0 when the loader class is not itself a suspect)
 * @param route the fastest-growing route to the loaders, or null when none grows
 */
public record LoaderLeak(String loaderClass, List<String> classes, double loadersPerIteration, String route) {
  /** The loader leaks of a hunt: the loaders, in the last dump, of the classes loaded ever more times. */
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
        byLoader.computeIfAbsent(classes.get(last.classIndex(loader)).name(), k -> new TreeSet<>()).add(e.name());
      }
    }
    List<LoaderLeak> out = new ArrayList<>();
    byLoader.forEach((loader, names) -> {
      double rate = suspects.stream().filter(s -> s.name().equals(loader)).mapToDouble(ClassSeries::instancesPerIteration)
          .findFirst().orElse(0);
      String route = holders.stream().filter(h -> h.className().equals(loader) && !h.routes().isEmpty()
          && h.routes().get(0).growth() > 0).map(h -> LeakRoot.route(h.routes().get(0).group())).findFirst().orElse(null);
      out.add(new LoaderLeak(loader, List.copyOf(names), rate, route));
    });
    return out;
  }
}
