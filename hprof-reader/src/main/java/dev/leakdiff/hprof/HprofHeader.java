package dev.leakdiff.hprof;

/** The file header: format version, id size (4 or 8), the dump's time and where the records start. */
public record HprofHeader(String version, int idSize, long timestampMillis, long recordsOffset) {
  /** The longest version string a header may hold. */
  private static final int MAX_VERSION_LENGTH = 64;

  /** Reads the header at the cursor, which then knows the id size; any damage is an HprofFormatException naming file. */
  static HprofHeader read(java.nio.file.Path file, Cursor c) {
    byte[] version = new byte[MAX_VERSION_LENGTH];
    int n = 0;
    while (true) {
      if (!c.ensure(1)) {
        if (n == 0) {
          throw new HprofFormatException(file, 0, -1, "not a heap dump: the file is empty");
        }
        throw new HprofFormatException(file, n, -1, "not a heap dump: no 'JAVA PROFILE' header");
      }
      int b = c.u1Unchecked();
      if (b == 0) {
        break;
      }
      if (n == MAX_VERSION_LENGTH - 1 || b < 0x20 || b > 0x7E) {
        throw new HprofFormatException(file, n, -1, "not a heap dump: no 'JAVA PROFILE' header");
      }
      version[n++] = (byte) b;
    }
    String v = new String(version, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    if (!v.startsWith("JAVA PROFILE ")) {
      throw new HprofFormatException(file, 0, -1, "not a heap dump: no 'JAVA PROFILE' header");
    }
    if (!c.ensure(12)) {
      throw new HprofFormatException(file, n + 1, -1, "the file ends inside its header");
    }
    int idSize = c.u4Unchecked();
    if (idSize != 4 && idSize != 8) {
      throw new HprofFormatException(file, n + 1, -1, "unsupported id size " + idSize + " in the header (expected 4 or 8)");
    }
    long time = ((long) c.u4Unchecked() << 32) | (c.u4Unchecked() & 0xFFFFFFFFL);
    c.idSize = idSize;
    return new HprofHeader(v, idSize, time, c.position());
  }
}
