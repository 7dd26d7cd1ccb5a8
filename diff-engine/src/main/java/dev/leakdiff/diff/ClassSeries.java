package dev.leakdiff.diff;

/**
 * One class across a series of dumps: instances, bytes and loaded-class count per dump, the verdict (null
 * without iteration counts) and the growth per iteration after the first interval.
 */
public record ClassSeries(
    String name,
    long[] instances,
    long[] bytes,
    int[] classCounts,
    Verdict verdict,
    double instancesPerIteration,
    double bytesPerIteration) {

  public long instanceGrowth() {
    return instances[instances.length - 1] - instances[0];
  }

  public long byteGrowth() {
    return bytes[bytes.length - 1] - bytes[0];
  }

  /** Whether the class is loaded more than once under this name and the number of such classes grew. */
  public boolean loaderGrowth() {
    int max = 0;
    for (int c : classCounts) {
      max = Math.max(max, c);
    }
    return max > 1 && classCounts[classCounts.length - 1] > classCounts[0];
  }

  /** Whether some dump holds this name loaded by more than one class loader. */
  public boolean loadedMoreThanOnce() {
    for (int c : classCounts) {
      if (c > 1) {
        return true;
      }
    }
    return false;
  }
}
