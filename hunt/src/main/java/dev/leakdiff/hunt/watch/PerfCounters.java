package dev.leakdiff.hunt.watch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM's performance counters, read from the file it keeps them in (TMP/hsperfdata_USER/PID, what jcmd PID
 * PerfCounter.print and jstat read; reading it sends the JVM nothing): the time its collectors spent in pauses, and the
 * classes it has loaded. Empty where the JVM keeps no such file (-XX:-UsePerfData) or it cannot be read.
 */
final class PerfCounters {
  private static final int MAGIC = 0xcafec0c0;
  private final Map<String, Long> values;

  PerfCounters(Map<String, Long> values) {
    this.values = values;
  }

  /** The counters of a JVM, from the first of the temporary directories that has its file. */
  static PerfCounters read(long pid, String user, List<Path> tempDirs) {
    for (Path dir : tempDirs) {
      Path file = dir.resolve("hsperfdata_" + user).resolve(Long.toString(pid));
      if (Files.isRegularFile(file)) {
        try {
          return parse(ByteBuffer.wrap(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
          return new PerfCounters(Map.of());
        }
      }
    }
    return new PerfCounters(Map.of());
  }

  /**
   * The long counters of a perfdata buffer: a prologue (magic 0xcafec0c0, byte order, versions, used, overflow, time
   * stamp, entry offset, number of entries), then entries (length, name offset, vector length, type, flags, units,
   * variability, data offset), the name a NUL-terminated string.
   */
  static PerfCounters parse(ByteBuffer b) {
    Map<String, Long> out = new HashMap<>();
    if (b.limit() < 32 || b.getInt(0) != MAGIC) {
      return new PerfCounters(out);
    }
    b.order(b.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int offset = b.getInt(24);
    int entries = b.getInt(28);
    for (int i = 0; i < entries && offset > 0 && offset + 20 <= b.limit(); i++) {
      int length = b.getInt(offset);
      int nameOffset = b.getInt(offset + 4);
      int vector = b.getInt(offset + 8);
      byte type = b.get(offset + 12);
      int dataOffset = b.getInt(offset + 16);
      if (length <= 0) {
        break;
      }
      if (type == 'J' && vector == 0 && offset + dataOffset + 8 <= b.limit()) {
        int start = offset + nameOffset;
        int end = start;
        while (end < offset + length && b.get(end) != 0) {
          end++;
        }
        byte[] name = new byte[end - start];
        b.get(start, name);
        out.put(new String(name, StandardCharsets.US_ASCII), b.getLong(offset + dataOffset));
      }
      offset += length;
    }
    return new PerfCounters(out);
  }

  /** The pause time of all collectors so far, in milliseconds (sun.gc.collector.N.time in ticks of sun.os.hrt.frequency). */
  Double gcPauseMillis() {
    Long frequency = values.get("sun.os.hrt.frequency");
    if (frequency == null || frequency <= 0) {
      return null;
    }
    long ticks = 0;
    boolean any = false;
    for (int i = 0; i < 16; i++) {
      Long t = values.get("sun.gc.collector." + i + ".time");
      if (t != null) {
        ticks += t;
        any = true;
      }
    }
    return any ? ticks * 1000.0 / frequency : null;
  }

  /** Classes loaded and not unloaded, those from the shared archive included. */
  Long loadedClasses() {
    Long loaded = values.get("java.cls.loadedClasses");
    if (loaded == null) {
      return null;
    }
    return loaded + orZero("java.cls.sharedLoadedClasses") - orZero("java.cls.unloadedClasses")
        - orZero("java.cls.sharedUnloadedClasses");
  }

  private long orZero(String name) {
    Long n = values.get(name);
    return n == null ? 0 : n;
  }
}
