package dev.leakdiff.graph;

import dev.leakdiff.hprof.Progress;
import java.io.IOException;

/**
 * What a {@link HeapGraph} does not keep and its dump holds: field values, the characters of strings, threads'
 * stacks. Made by the reader of the dump's format; values are read in one pass over the dump for a whole request,
 * never one pass per question.
 */
public interface DumpValues {
  /** Frame number n (0 is the top) of the stack of the thread of this serial, or null when the dump has none. */
  Frame frame(int threadSerial, int n);

  /**
   * The class's name as the JVM gave it, a hidden class's counter and address included (Foo$$Lambda$127+0x7f4e00c01234
   * where the graph says Foo$$Lambda#2), or null when not known.
   */
  default String jvmClassName(long classId) {
    return null;
  }

  /** Reads, in one pass over the dump of this graph, every value the request asks for. */
  ValueRequest.Answers read(HeapGraph graph, ValueRequest request, Progress progress) throws IOException;

  /** For a graph built without its dump (a test's): no frames, no values. */
  DumpValues NONE = new DumpValues() {
    @Override
    public Frame frame(int threadSerial, int n) {
      return null;
    }

    @Override
    public ValueRequest.Answers read(HeapGraph graph, ValueRequest request, Progress progress) {
      return request.answers();
    }
  };
}
