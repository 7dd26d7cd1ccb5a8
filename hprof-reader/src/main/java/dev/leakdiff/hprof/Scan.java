package dev.leakdiff.hprof;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** State of one pass over the top-level records. */
final class Scan<V extends HeapVisitor> {
  private final Path file;
  final ProfileData profile = new ProfileData();
  final List<long[]> segments = new ArrayList<>(); // {dump, bodyStart, end, openEnded, ordinal in its dump}
  final List<DumpInfo> dumps = new ArrayList<>();
  final Map<Integer, List<V>> visited = new LinkedHashMap<>();
  /** What each reading thread saw of each dump, for {@link DumpChecks}. */
  final Map<Integer, List<DumpChecks>> checks = new LinkedHashMap<>();
  final List<String> warnings = new ArrayList<>();
  long truncatedAt = -1;
  private String truncatedWhat;
  HprofHeader header;
  int openSegmentDump = -1;
  boolean warnedUnknown;
  boolean warnedAmongSegments;
  /** Whether the checks of how the records fit together warned (the dump is damaged, though it read). */
  boolean damaged;

  Scan(Path file) {
    this.file = file;
  }

  HprofContents<V> contents() {
    List<String> all = new ArrayList<>(warnings);
    if (truncatedAt >= 0) {
      all.add(String.format("%s is truncated at offset %,d (%s); what comes before was read", file, truncatedAt, truncatedWhat));
    }
    return new HprofContents<>(header, profile, List.copyOf(dumps), visited, List.copyOf(all), truncatedAt, damaged);
  }

  /**
   * Checks how the records of each visited dump fit together ({@link DumpChecks}): throws on damage, warns on what
   * may be.
   */
  void checkDumps() {
    for (int d : visited.keySet()) {
      boolean whole = truncatedAt < 0 || d + 1 < dumps.size() && dumps.get(d + 1).offset() <= truncatedAt;
      String which = dumps.size() > 1 ? " (dump #" + d + ")" : "";
      damaged |= DumpChecks.check(file, header, profile, checks.getOrDefault(d, List.of()), whole, which, warnings);
    }
  }

  int newDump(long offset) {
    dumps.add(new DumpInfo(dumps.size(), offset, 0, 0));
    return dumps.size() - 1;
  }

  void grow(int dump, long bytes) {
    DumpInfo d = dumps.get(dump);
    dumps.set(dump, new DumpInfo(d.index(), d.offset(), d.bytes() + bytes, d.records() + 1));
  }

  /** The file ends early here, for this reason; a later call (an earlier offset, found by the parallel step) replaces it. */
  void truncated(long offset, String what) {
    truncatedAt = offset;
    truncatedWhat = what;
  }
}
