package dev.leakdiff.diff;

import dev.leakdiff.layout.InferredLayout;
import java.util.List;

/**
 * The class histogram of one heap dump: rows by class name, the layout used for sizes, totals and what the
 * reader warned about (truncation, several dumps).
 */
public record ClassHistogram(
    String source,
    int dumpIndex,
    int dumpCount,
    InferredLayout layout,
    List<ClassStat> classes,
    long totalObjects,
    long totalBytes,
    long timestampMillis,
    List<String> warnings,
    boolean truncated) {

  /** The row of a class name, or null. */
  public ClassStat get(String name) {
    for (ClassStat c : classes) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
