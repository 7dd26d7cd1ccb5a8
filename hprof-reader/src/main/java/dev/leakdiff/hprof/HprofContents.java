package dev.leakdiff.hprof;

import java.util.List;
import java.util.Map;

/**
 * What one read of a file gives: the header, the top-level data, every dump the file holds, and for each
 * selected dump the visitors that saw it (one per worker thread; the caller merges them). Damaged: records read
 * that do not fit together (the warnings say how), as when a damaged byte made one record into another.
 */
public record HprofContents<V extends HeapVisitor>(
    HprofHeader header,
    ProfileData profile,
    List<DumpInfo> dumps,
    Map<Integer, List<V>> visited,
    List<String> warnings,
    long truncatedAt,
    boolean damaged) {

  /** Whether the file ended inside a record (everything before truncatedAt was read). */
  public boolean truncated() {
    return truncatedAt >= 0;
  }
}
