package dev.leakdiff.diff;

import java.util.List;

/**
 * The histograms of the selected dumps of one file, with how many dumps the file holds and what its reader warned
 * about.
 */
public record FileHistograms(List<ClassHistogram> histograms, int dumpCount, List<String> warnings, boolean truncated) {}
