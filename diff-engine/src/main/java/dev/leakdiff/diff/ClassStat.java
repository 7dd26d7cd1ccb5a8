package dev.leakdiff.diff;

import java.util.Comparator;

/** One row of a class histogram: a class name (all its loaders together), its instances and shallow bytes. */
public record ClassStat(String name, long instances, long bytes, int classCount) {
  // written out rather than composed from Comparator.comparingLong(...).reversed()...: each lambda costs a
  // millisecond or two of spinning when first used, and a histogram runs under a second
  /** Most bytes first, then by name. */
  public static final Comparator<ClassStat> BY_BYTES = new Comparator<>() {
    @Override
    public int compare(ClassStat a, ClassStat b) {
      int c = Long.compare(b.bytes, a.bytes);
      return c != 0 ? c : a.name.compareTo(b.name);
    }
  };

  /** Most instances first, then by name. */
  public static final Comparator<ClassStat> BY_COUNT = new Comparator<>() {
    @Override
    public int compare(ClassStat a, ClassStat b) {
      int c = Long.compare(b.instances, a.instances);
      return c != 0 ? c : a.name.compareTo(b.name);
    }
  };
}
