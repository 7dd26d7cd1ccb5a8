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
 */
public record Leak(ClassSeries series, Route route, List<Held> holds, double bytesPerIteration, Growth growth,
    OffHeap offHeap, Alike alike, List<LoaderLeak> loaderLeaks) implements Finding {
  public Leak {
    holds = List.copyOf(holds);
    loaderLeaks = List.copyOf(loaderLeaks);
  }

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
