package dev.leakdiff.diff;

import dev.leakdiff.layout.InferredLayout;
import java.util.List;

/**
 * The class histogram of one heap dump: rows by class name, the layout used for sizes, totals and what the
 * reader warned about (truncation, several dumps), how much of the dump was read, and the names of the classes the
 * boot loader defined (hidden ones left out: those a JVM never unloads, what tells one program's dumps from another's).
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
    boolean truncated,
    Coverage coverage,
    java.util.Set<String> bootClasses) {

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
