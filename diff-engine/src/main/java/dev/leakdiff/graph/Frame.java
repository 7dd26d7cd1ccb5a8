package dev.leakdiff.graph;

/**
 * A frame of a thread's stack as the dump gives it.
 *
 * @param className the class of the method, as Java writes it
 * @param file the source file, or "" when the dump does not name it
 * @param line the line: more than 0, or {@link #UNKNOWN}, {@link #COMPILED}, {@link #NATIVE}
 */
public record Frame(String className, String method, String file, int line) {
  public static final int UNKNOWN = -1;
  public static final int COMPILED = -2;
  public static final int NATIVE = -3;

  /** The frame without its line: what makes two frames of one method the same place in a route. */
  public Frame withoutLine() {
    return line == UNKNOWN ? this : new Frame(className, method, file, UNKNOWN);
  }
}
