package dev.leakdiff.hprof;

/** The file header: format version, id size (4 or 8), the dump's time and where the records start. */
public record HprofHeader(String version, int idSize, long timestampMillis, long recordsOffset) {}
