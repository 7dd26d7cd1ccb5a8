package dev.leakdiff.hprof;

/** Which heap dumps of a file to read: the last (the default), one by index, or all. */
public record DumpSelection(int index) {
  private static final int LAST = -1;
  private static final int ALL = -2;

  public static DumpSelection last() {
    return new DumpSelection(LAST);
  }

  public static DumpSelection all() {
    return new DumpSelection(ALL);
  }

  public static DumpSelection only(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("dump index must be 0 or more: " + index);
    }
    return new DumpSelection(index);
  }

  public boolean isAll() {
    return index == ALL;
  }

  public boolean isLast() {
    return index == LAST;
  }

  /** Whether dump i of a file holding count dumps is selected. */
  public boolean selects(int i, int count) {
    return index == ALL || (index == LAST ? i == count - 1 : i == index);
  }
}
