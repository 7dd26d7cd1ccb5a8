package dev.leakdiff.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The stack of the thread that ran out of memory, in a dump the JVM wrote for -XX:+HeapDumpOnOutOfMemoryError: HotSpot
 * puts a frame of {@code java.lang.OutOfMemoryError.<init>} on top of that thread's stack, above the frame that was
 * allocating.
 *
 * @param threadSerial the thread's serial in the dump
 * @param threadObject its thread object, or {@link HeapGraph#NONE}
 * @param frames its stack below the marker, the allocating frame first
 */
public record OutOfMemoryStack(int threadSerial, int threadObject, List<Frame> frames) {
  /** The frames shown at most. */
  public static final int MAX_FRAMES = 64;

  /** The stack of the thread that ran out of memory, or null when no thread's stack starts with the marker. */
  public static OutOfMemoryStack of(HeapGraph g) {
    for (int serial = 0; serial < g.threadSerials(); serial++) {
      Frame top = g.frame(serial, 0);
      if (top == null || !top.className().equals("java.lang.OutOfMemoryError") || !top.method().equals("<init>")) {
        continue;
      }
      List<Frame> frames = new ArrayList<>();
      for (int n = 1; n <= MAX_FRAMES; n++) {
        Frame f = g.frame(serial, n);
        if (f == null) {
          break;
        }
        frames.add(f);
      }
      return new OutOfMemoryStack(serial, g.threadObject(serial), List.copyOf(frames));
    }
    return null;
  }
}
