package dev.leakdiff.hprof;

import java.nio.file.Path;

/** The one error a reader raises on bad input: names the file, the byte offset, the record and what was expected. */
public final class HprofFormatException extends RuntimeException {
  private final Path file;
  private final long offset;
  private final int tag;

  /** A problem in a top-level record; tag is -1 when it is not inside a record (the header, say). */
  public HprofFormatException(Path file, long offset, int tag, String problem) {
    this(file, offset, tag, tag < 0 ? null : RecordTag.nameOf(tag), problem);
  }

  /** A problem in a record whose tag has the given name (a heap dump sub-record, say). */
  public HprofFormatException(Path file, long offset, int tag, String tagName, String problem) {
    super(describe(file, offset, tag, tagName, problem));
    this.file = file;
    this.offset = offset;
    this.tag = tag;
  }

  private static String describe(Path file, long offset, int tag, String tagName, String problem) {
    StringBuilder sb = new StringBuilder();
    sb.append(file).append(": ").append(problem).append(" at byte offset ").append(offset);
    if (tag >= 0) {
      sb.append(String.format(" (record tag 0x%02X %s)", tag, tagName));
    }
    return sb.toString();
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }

  public int tag() {
    return tag;
  }
}
