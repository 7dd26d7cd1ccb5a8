package dev.leakdiff.hprof;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The dump's STRING records (names of classes, fields, methods), kept as bytes and decoded on demand. */
public final class StringTable {
  private final LongIntMap index = new LongIntMap(1 << 14);
  private byte[] arena = new byte[1 << 16];
  private int arenaUsed;
  private int[] starts = new int[1 << 12];
  private int count;

  void add(long id, Cursor in, int length) {
    if (arenaUsed + length > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + length));
    }
    in.bytes(arena, arenaUsed, length);
    if (count + 1 >= starts.length) {
      starts = Arrays.copyOf(starts, starts.length * 2);
    }
    starts[count] = arenaUsed;
    arenaUsed += length;
    starts[count + 1] = arenaUsed;
    index.put(id, count++);
  }

  /** The string of an id, or null when the dump has no such STRING record. */
  public String get(long id) {
    int i = index.get(id);
    if (i == LongIntMap.MISSING) {
      return null;
    }
    return decode(arena, starts[i], starts[i + 1] - starts[i]);
  }

  /** The string of an id, or a placeholder naming the id. */
  public String getOr(long id) {
    String s = get(id);
    return s != null ? s : String.format("<unnamed 0x%x>", id);
  }

  public int size() {
    return count;
  }

  /** Decodes the JVM's modified UTF-8; plain ASCII is the common case. */
  static String decode(byte[] b, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (b[off + i] < 0) {
        return modifiedUtf8(b, off, len);
      }
    }
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }

  private static String modifiedUtf8(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len);
    int i = off;
    int end = off + len;
    while (i < end) {
      int c = b[i++] & 0xFF;
      if (c < 0x80) {
        sb.append((char) c);
      } else if ((c & 0xE0) == 0xC0 && i < end) {
        sb.append((char) (((c & 0x1F) << 6) | (b[i++] & 0x3F)));
      } else if ((c & 0xF0) == 0xE0 && i + 1 < end) {
        sb.append((char) (((c & 0x0F) << 12) | ((b[i] & 0x3F) << 6) | (b[i + 1] & 0x3F)));
        i += 2;
      } else {
        sb.append('\uFFFD');
      }
    }
    return sb.toString();
  }
}
