package dev.leakdiff.hprof;

/** One heap dump inside a file: its 0-based index, where it starts, its size and its HEAP_DUMP(_SEGMENT) record count. */
public record DumpInfo(int index, long offset, long bytes, int records) {}
