package dev.leakdiff.hunt.capture;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A way to make a heap dump of a JVM and measure the process around it: {@link Dumpers#attach} to another JVM by pid,
 * or {@link Dumpers#inProcess} for the JVM this code runs in. {@link Capturer} turns a dump into a finished capture.
 */
public interface HeapDumper {
  /** The JVM dumped, for messages: "pid 1234". */
  String target();

  /** Fails at once, with the reason, when the target cannot be dumped (no such process, not a JVM). */
  default void check() {}

  /**
   * Writes a heap dump to file (a name ending in .hprof that does not exist yet): only the live objects, after a
   * full GC, when live is set. Returns the facts measured around it, without label, iteration or dump size.
   * A zero timeout waits as long as it takes.
   */
  Sidecar dump(Path file, boolean live, Duration timeout);
}
