package dev.leakdiff.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain from a GC root as its hops, root first, with the internals of JDK collections taken as one hop and a run of
 * references of a class to itself as one: what chains through the same fields of the same classes share, whatever the
 * objects and however deep in a linked structure. Routes compare as values by their {@link #key}.
 */
public record Route(List<Hop> hops) {
  public Route {
    hops = List.copyOf(hops);
  }

  /** The route's identity: its hops' shapes (thread names' numbers, frames' lines and repeated names left out). */
  public List<Hop> key() {
    return prefixKey(hops.size());
  }

  /** The identity of the route's first n hops. */
  public List<Hop> prefixKey(int n) {
    List<Hop> key = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      key.add(hops.get(i).shape());
    }
    return key;
  }

  /** The reference that starts it. */
  public Reference root() {
    return hops.get(0).reference();
  }

  /** The class of the object it leads to. */
  public String target() {
    return hops.get(hops.size() - 1).className();
  }

  public int size() {
    return hops.size();
  }

  public Hop hop(int i) {
    return hops.get(i);
  }

  /**
   * Whether its object is a key of a hash-based map or an element of a hash-based set: objects alike field by field
   * are kept apart there only when their class does not say they are equal.
   */
  public boolean keptInHash() {
    Reference last = hops.get(hops.size() - 1).reference();
    return (last.kind() == Reference.Kind.MAP_KEY || last.kind() == Reference.Kind.ELEMENT) && CollectionShapes.hashed(last.owner());
  }

  /** The same route as another chain of it shows it: the numbers in thread names that differ as N. */
  Route merged(Route other) {
    List<Hop> out = new ArrayList<>(hops.size());
    for (int i = 0; i < hops.size(); i++) {
      out.add(hops.get(i).merged(other.hops.get(i)));
    }
    return new Route(out);
  }
}
