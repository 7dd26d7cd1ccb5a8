package dev.leakdiff.diff;

/** One row of a class histogram: a class name (all its loaders together), its instances and shallow bytes. */
public record ClassStat(String name, long instances, long bytes, int classCount) {}
