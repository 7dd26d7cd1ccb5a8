package dev.leakdiff.hunt.findings;

import dev.leakdiff.graph.Route;
import java.util.List;

/**
 * A class-loader leak: class loaders of one class that grow with the iterations, each keeping classes whose names are
 * loaded ever more times, and the chain that keeps the loaders alive (a driver in a JDK registry, its class, its
 * loader). A finding of its own when no leak holds it.
 *
 * @param loadersPerIteration how many more loaders per iteration (0 when the loader class is not itself a suspect)
 * @param route the fastest-growing route to the loaders, or null when none grows
 */
public record LoaderLeak(String loaderClass, List<String> classes, double loadersPerIteration, Route route) implements Finding {
  public LoaderLeak {
    classes = List.copyOf(classes);
  }

  @Override
  public String kind() {
    return "loaderLeak";
  }

  @Override
  public boolean leak() {
    return true;
  }
}
