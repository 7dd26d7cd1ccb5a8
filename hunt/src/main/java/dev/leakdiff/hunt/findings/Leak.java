package dev.leakdiff.hunt.findings;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.graph.Route;
import java.util.List;

/**
 * A leak: a suspect class that no other suspect holds (the root of the leak, where to read first), with the route that
 * holds it and the suspects that grow because it does.
 *
 * @param series the root's class across the dumps, with its verdict and rates
 * @param route its fastest-growing route from a GC root in the last dump, or null when no strong chain holds it
 * @param holds the suspects that leak because it does: its collection's entries and keys, what its instances hold
 * @param bytesPerIteration its bytes per iteration with those of the suspects it holds
 * @param growth how its count grows, when more than steadily
 * @param offHeap the native memory it and the suspects it holds take more per iteration, or null when under 1 KiB
 * @param alike how many of its own instances have identical field values, when most do; else null
 * @param loaderLeaks the class-loader leaks it holds
 * @param cost what fixing it frees, or null when not worked out
 * @param sites where what it keeps was created, or null when no allocation was recorded
 */
public record Leak(ClassSeries series, Route route, List<Held> holds, double bytesPerIteration, Growth growth,
    OffHeap offHeap, Alike alike, List<LoaderLeak> loaderLeaks, Cost cost, AllocationSites sites) implements Finding {
  public Leak {
    holds = List.copyOf(holds);
    loaderLeaks = List.copyOf(loaderLeaks);
  }

  /** This leak with what fixing it frees. */
  public Leak withCost(Cost c) {
    return new Leak(series, route, holds, bytesPerIteration, growth, offHeap, alike, loaderLeaks, c, sites);
  }

  /** This leak with where what it keeps was created. */
  public Leak withSites(AllocationSites s) {
    return new Leak(series, route, holds, bytesPerIteration, growth, offHeap, alike, loaderLeaks, cost, s);
  }

  /**
   * What fixing a leak frees: what its growing instances (its own and those of the suspects it holds, on their growing
   * routes) keep alive taken as one set, in the last dump and per iteration over the last interval. Memory that several
   * leaks keep alive only together is split between them in equal parts (LeakShare).
   *
   * @param retainedBytes its share of what the leaks keep alive, in the last dump
   * @param retainedBytesPerIteration the growth of that share per iteration, between the last two dumps
   * @param sharedBytes the part of retainedBytes that is a share of memory other leaks keep alive too (0 when none)
   */
  public record Cost(long retainedBytes, double retainedBytesPerIteration, long sharedBytes) {}

  @Override
  public String kind() {
    return "leak";
  }

  @Override
  public boolean leak() {
    return true;
  }

  public String className() {
    return series.name();
  }

  /**
   * How a count grows beyond a steady rate: the objects per iteration in the interval before the last and in the last.
   *
   * @param accelerating its own count grows faster and faster (a superlinear verdict)
   * @param bytesBefore its bytes per iteration with what it holds in the interval before the last (0 when they do not
   *     grow faster and faster)
   * @param bytesNow the same in the last
   * @param acceleratingHeld a suspect it holds whose count grows faster and faster, or null
   */
  public record Growth(boolean accelerating, double before, double now, double bytesBefore, double bytesNow,
      Held acceleratingHeld, double heldBefore, double heldNow) {
    /** Whether there is anything to say beyond a steady rate. */
    public boolean notable() {
      return accelerating || bytesNow > 0 || acceleratingHeld != null;
    }
  }

  /** The native memory (direct buffers, mapped files) a leak takes more per iteration, in bytes. */
  public record OffHeap(double directPerIteration, double mappedPerIteration) {}

  /**
   * The largest group of a class's strongly held instances with identical field values, of how many (the values are
   * never kept or shown).
   *
   * @param keptInHash they are kept apart in a hash map or set: their class may lack equals and hashCode
   */
  public record Alike(long alike, long instances, boolean keptInHash) {}
}
