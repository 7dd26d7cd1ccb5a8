package dev.leakdiff.diff;

/**
 * How much of a dump a read covered: where the file was cut off, the bytes of heap records read, and whether records
 * were damaged though readable. A dump read whole and undamaged is the only one a verdict may rest on.
 *
 * @param fileBytes the size of the file on disk (compressed, for a gzip file)
 * @param truncatedAt the offset (of the uncompressed data) where the file ends inside a record, or -1 when it does not
 * @param heapBytesRead the bytes of the dump's heap records that were read
 * @param damaged records were read whose contents are inconsistent (field bytes, unnamed classes)
 */
public record Coverage(long fileBytes, long truncatedAt, long heapBytesRead, boolean damaged) {
  /** A dump read whole and undamaged. */
  public static Coverage whole(long fileBytes, long heapBytes) {
    return new Coverage(fileBytes, -1, heapBytes, false);
  }

  public boolean truncated() {
    return truncatedAt >= 0;
  }

  /** Neither cut off nor damaged. */
  public boolean complete() {
    return !truncated() && !damaged;
  }
}
