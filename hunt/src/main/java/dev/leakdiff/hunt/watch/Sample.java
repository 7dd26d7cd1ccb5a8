package dev.leakdiff.hunt.watch;

import java.util.Map;

/**
 * One sample of a watched JVM: the work done so far, the class histogram after the full GC that counted it, and the
 * process facts; a fact is null where it could not be read.
 *
 * @param index 1 for the first sample
 * @param time when the histogram was asked for (ISO-8601)
 * @param work the measure of work at the sample: minutes since the watch began, or the counter's value
 * @param classes per class (Java names): instances and bytes, as {@code GC.class_histogram} counted them
 * @param heapUsedBytes the heap in use after the histogram's GC
 * @param rssBytes the resident set size, from /proc
 * @param threads the process's threads (the JVM's own included), from /proc
 * @param loadedClasses the classes loaded and not unloaded, from the JVM's performance counters
 * @param nativeCommittedBytes the native memory committed in all, when native memory tracking is on
 * @param gcPauseMillis the time the target's collectors spent in pauses during the sample (the histogram's full GC)
 * @param sampleMillis how long the sample took, attach to detach
 */
public record Sample(int index, String time, double work, Map<String, Counts> classes, Long heapUsedBytes, Long rssBytes,
    Long threads, Long loadedClasses, Long nativeCommittedBytes, Double gcPauseMillis, long sampleMillis) {

  /** A class's instances and their shallow bytes. */
  public record Counts(long instances, long bytes) {}

  /** The instances of a class, 0 when the histogram has none. */
  public long instances(String className) {
    Counts c = classes.get(className);
    return c == null ? 0 : c.instances();
  }
}
