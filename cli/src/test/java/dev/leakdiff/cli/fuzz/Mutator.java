package dev.leakdiff.cli.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Structure-aware mutations of a well-formed dump: byte flips, truncation, lengths and counts set to 0,
 * huge or past the end, record and sub-record tags swapped, the id size changed, class dumps corrupted, ids
 * duplicated or extreme, references to classes never defined, names removed, slices deleted or repeated,
 * and gzip compression, whole or damaged. Each input is one to three mutations, described in words.
 */
final class Mutator {
  /** A mutated input: its bytes, what was done, and whether the damage is structural (must be noticed). */
  record Mutant(byte[] bytes, String description, boolean structural) {}

  private static final long[] EXTREME_IDS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFFFFFFL, 0x8000_0000L, 7};
  private static final int[] TOP_TAGS = {0x01, 0x02, 0x03, 0x04, 0x05, 0x0A, 0x0C, 0x1C, 0x2C, 0x0E, 0x07, 0x99};
  private static final int[] SUB_TAGS = {0x20, 0x21, 0x22, 0x23, 0x01, 0x02, 0x03, 0x05, 0x08, 0xFF, 0xC3, 0xFE, 0x8A, 0x90};

  private final HprofMap map;
  private final Random r;
  private byte[] b;
  private final StringBuilder what = new StringBuilder();
  private boolean structural;

  private Mutator(HprofMap map, Random r) {
    this.map = map;
    this.r = r;
    this.b = map.b.clone();
  }

  static Mutant mutate(HprofMap map, Random r) {
    Mutator m = new Mutator(map, r);
    int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
    for (int i = 0; i < n; i++) {
      m.inPlace();
    }
    int shape = r.nextInt(10);
    if (shape == 0) {
      m.truncate();
    } else if (shape == 1) {
      m.deleteOrRepeat();
    }
    if (r.nextInt(8) == 0) {
      m.gzip();
    }
    return new Mutant(m.b, m.what.toString().strip(), m.structural);
  }

  /**
   * Notes a mutation. The input counts as structurally damaged (the reader must notice: an error, or a warning
   * when it reads on) only when every mutation was structural: a flipped byte or a changed id may move an object
   * to another class or field, which no reader can tell from a real dump.
   */
  private void note(String s, boolean isStructural) {
    structural = (what.length() == 0 || structural) && isStructural;
    what.append(s).append("; ");
  }

  private <T> T pick(List<T> list) {
    return list.isEmpty() ? null : list.get(r.nextInt(list.size()));
  }

  private void putU4(int at, long v) {
    if (at >= 0 && at + 4 <= b.length) {
      ByteBuffer.wrap(b, at, 4).putInt((int) v);
    }
  }

  private void putId(int at, long v) {
    if (map.idSize == 4) {
      putU4(at, v);
    } else if (at >= 0 && at + 8 <= b.length) {
      ByteBuffer.wrap(b, at, 8).putLong(v);
    }
  }

  private long huge() {
    long[] v = {0, 0xFFFFFFFFL, 0x7FFFFFFFL, 0x8000_0000L, b.length, b.length * 2L, 1, 3, 0x10000, r.nextInt(1 << 20)};
    return v[r.nextInt(v.length)];
  }

  private void inPlace() {
    HprofMap.Sub sub = pick(map.subs);
    HprofMap.Top top = pick(map.tops);
    HprofMap.ClassAt cls = pick(map.classes);
    switch (r.nextInt(14)) {
      case 0, 1 -> { // byte flips
        int k = 1 + r.nextInt(4);
        for (int i = 0; i < k; i++) {
          int at = map.headerEnd + r.nextInt(Math.max(1, b.length - map.headerEnd));
          b[at] ^= (byte) (1 + r.nextInt(255));
          note("flip@" + at, false);
        }
      }
      case 2 -> { // a top-level length
        if (top != null) {
          long v = huge();
          putU4(top.offset() + 5, v);
          note(String.format("length of 0x%02X@%d=%d", top.tag(), top.offset(), v), true);
        }
      }
      case 3 -> { // a sub-record's count
        if (sub != null && sub.countAt() >= 0) {
          long v = huge();
          putU4(sub.countAt(), v);
          note(String.format("count of 0x%02X@%d=%d", sub.tag(), sub.offset(), v), true);
        }
      }
      case 4 -> { // a top-level tag swapped
        if (top != null) {
          int t = TOP_TAGS[r.nextInt(TOP_TAGS.length)];
          b[top.offset()] = (byte) t;
          note(String.format("tag 0x%02X@%d=0x%02X", top.tag(), top.offset(), t), t != top.tag());
        }
      }
      case 5 -> { // a sub-record tag swapped
        if (sub != null) {
          int t = SUB_TAGS[r.nextInt(SUB_TAGS.length)];
          b[sub.offset()] = (byte) t;
          note(String.format("sub-tag 0x%02X@%d=0x%02X", sub.tag(), sub.offset(), t), t != sub.tag());
        }
      }
      case 6 -> { // id size
        int at = map.headerEnd - 12;
        int v = new int[] {4, 8, 0, 2, 16, -1}[r.nextInt(6)];
        putU4(at, v);
        note("id size=" + v, v != map.idSize);
      }
      case 7, 8 -> { // a class dump corrupted
        if (cls != null) {
          switch (r.nextInt(6)) {
            case 0 -> {
              long v = r.nextBoolean() ? map.id(cls.offset() + 1) : EXTREME_IDS[r.nextInt(EXTREME_IDS.length)];
              putId(cls.superAt(), v);
              note("super of class@" + cls.offset() + "=" + v, false);
            }
            case 1 -> {
              putU4(cls.sizeAt(), huge());
              note("instance size of class@" + cls.offset(), false);
            }
            case 2 -> {
              int at = cls.fieldsAt();
              b[at] = (byte) r.nextInt(256);
              b[at + 1] = (byte) r.nextInt(256);
              note("field count of class@" + cls.offset(), true);
            }
            case 3 -> {
              int at = cls.staticsAt();
              b[at + 1] = (byte) (b[at + 1] + 1 + r.nextInt(3));
              note("static count of class@" + cls.offset(), true);
            }
            case 4 -> { // a field's type
              byte[] o = map.b; // the counts as written, not as an earlier mutation left them
              int fields = ((o[cls.fieldsAt()] & 0xFF) << 8) | (o[cls.fieldsAt() + 1] & 0xFF);
              if (fields > 0) {
                int at = cls.fieldsAt() + 2 + r.nextInt(fields) * (map.idSize + 1) + map.idSize;
                int t = new int[] {0, 1, 2, 3, 4, 7, 10, 11, 12, 99}[r.nextInt(10)];
                b[at] = (byte) t;
                // structural only where the size changes (then the instances no longer fit their class dump);
                // a reference turned into a long of the same size is damage no reader can see
                note("field type of class@" + cls.offset() + "=" + t, false);
              }
            }
            default -> {
              long v = EXTREME_IDS[r.nextInt(EXTREME_IDS.length)];
              putId(cls.offset() + 1, v);
              note("id of class@" + cls.offset() + "=" + v, false);
            }
          }
        }
      }
      case 9 -> { // an object id duplicated or extreme
        if (sub != null) {
          HprofMap.Sub other = pick(map.subs);
          long v = r.nextBoolean() ? map.id(other.idAt()) : EXTREME_IDS[r.nextInt(EXTREME_IDS.length)];
          putId(sub.idAt(), v);
          note(String.format("id of 0x%02X@%d=%d", sub.tag(), sub.offset(), v), false);
        }
      }
      case 10 -> { // the class of an object: undefined, not a class, extreme
        if (sub != null && sub.classAt() >= 0 && sub.tag() != 0x20) {
          HprofMap.Sub other = pick(map.subs);
          long v = switch (r.nextInt(3)) {
            case 0 -> map.id(other.idAt());
            case 1 -> EXTREME_IDS[r.nextInt(EXTREME_IDS.length)];
            default -> 0x0BAD_0000L + r.nextInt(1000) * 8L;
          };
          putId(sub.classAt(), v);
          note(String.format("class of 0x%02X@%d=%d", sub.tag(), sub.offset(), v), false);
        }
      }
      case 11 -> { // a reference field or element set to an extreme or undefined id
        if (sub != null && (sub.tag() == 0x21 || sub.tag() == 0x22)) {
          int data = sub.tag() == 0x21 ? sub.countAt() + 4 : sub.classAt() + map.idSize;
          int slots = (sub.end() - data) / map.idSize;
          if (slots > 0) {
            int at = data + r.nextInt(slots) * map.idSize;
            long v = r.nextBoolean() ? map.id(sub.idAt()) : EXTREME_IDS[r.nextInt(EXTREME_IDS.length)];
            putId(at, v);
            note("reference@" + at + "=" + v, false);
          }
        }
      }
      case 12 -> { // a name removed: its STRING becomes an unknown record
        if (top != null && (top.tag() == 0x01 || top.tag() == 0x02)) {
          b[top.offset()] = (byte) 0x77;
          note(String.format("record 0x%02X@%d unknown", top.tag(), top.offset()), false);
        }
      }
      default -> { // a root's object or thread serial
        if (sub != null && sub.classAt() < 0 && sub.countAt() < 0) {
          int at = sub.idAt() + (r.nextBoolean() ? 0 : map.idSize);
          if (at + 4 <= sub.end()) {
            long v = r.nextBoolean() ? EXTREME_IDS[r.nextInt(EXTREME_IDS.length)] : huge();
            if (at == sub.idAt()) {
              putId(at, v);
            } else {
              putU4(at, v);
            }
            note(String.format("root 0x%02X@%d field@%d=%d", sub.tag(), sub.offset(), at, v), false);
          }
        }
      }
    }
  }

  private void truncate() {
    int at;
    if (r.nextBoolean() && !map.subs.isEmpty()) {
      HprofMap.Sub s = pick(map.subs);
      at = s.offset() + r.nextInt(3) - 1;
    } else {
      at = r.nextInt(b.length + 1);
    }
    at = Math.max(0, Math.min(b.length, at));
    b = Arrays.copyOf(b, at);
    note("truncated at " + at, true); // truncation is reported as such, never silently
  }

  private void deleteOrRepeat() {
    HprofMap.Sub s = pick(map.subs);
    int from;
    int to;
    if (s != null && r.nextBoolean()) {
      from = s.offset();
      to = s.end();
    } else {
      from = map.headerEnd + r.nextInt(Math.max(1, b.length - map.headerEnd));
      to = Math.min(b.length, from + 1 + r.nextInt(64));
    }
    if (from >= b.length || to > b.length) {
      return;
    }
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(b, 0, from);
    if (r.nextBoolean()) {
      note("deleted " + from + ".." + to, true);
    } else {
      o.write(b, from, to - from);
      o.write(b, from, to - from);
      note("repeated " + from + ".." + to, true);
    }
    o.write(b, to, b.length - to);
    b = o.toByteArray();
  }

  private void gzip() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int chunk = r.nextBoolean() ? b.length + 1 : 1 + r.nextInt(8192);
    try {
      for (int p = 0; p < b.length; p += chunk) {
        try (GZIPOutputStream z = new GZIPOutputStream(o)) {
          z.write(b, p, Math.min(chunk, b.length - p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    b = o.toByteArray();
    what.append("gzip").append(chunk > b.length ? "" : " in members of " + chunk).append("; "); // changes nothing read
    switch (r.nextInt(4)) {
      case 0 -> {
        int at = 10 + r.nextInt(Math.max(1, b.length - 10));
        if (at < b.length) {
          b[at] ^= (byte) (1 + r.nextInt(255));
          note("gzip flip@" + at, true); // a member's CRC tells
        }
      }
      case 1 -> {
        int at = r.nextInt(b.length);
        b = Arrays.copyOf(b, Math.max(2, at));
        note("gzip truncated at " + at, true);
      }
      default -> { }
    }
  }
}
