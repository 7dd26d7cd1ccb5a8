package dev.leakdiff.cli.fuzz;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the records of a well-formed plain dump are: the fuzzer's map of the structure it mutates. Reads
 * leniently and stops at the first thing it does not understand (a mutated input is never mapped again).
 */
final class HprofMap {
  /** A top-level record: the offset of its tag, its tag, the offset of its body and the body's length. */
  record Top(int offset, int tag, int body, int length) {}

  /**
   * A heap dump sub-record: the offset of its tag, its tag, its end, and where its fields are (-1 where it
   * has none): its object id, its class id, its count (instance byte length or array length).
   */
  record Sub(int offset, int tag, int end, int idAt, int classAt, int countAt) {}

  /** Where a CLASS_DUMP's parts are. */
  record ClassAt(int offset, int superAt, int sizeAt, int staticsAt, int fieldsAt, int end) {}

  final byte[] b;
  final int idSize;
  final int headerEnd;
  final List<Top> tops = new ArrayList<>();
  final List<Sub> subs = new ArrayList<>();
  final List<ClassAt> classes = new ArrayList<>();

  HprofMap(byte[] bytes) {
    this.b = bytes;
    int p = 0;
    while (p < b.length && b[p] != 0) {
      p++;
    }
    idSize = p + 5 <= b.length ? ByteBuffer.wrap(b, p + 1, 4).getInt() : 8;
    headerEnd = p + 13;
    p = headerEnd;
    try {
      while (p + 9 <= b.length) {
        int tag = b[p] & 0xFF;
        long len = u4(p + 5) & 0xFFFFFFFFL;
        if (p + 9 + len > b.length) {
          break;
        }
        tops.add(new Top(p, tag, p + 9, (int) len));
        if (tag == 0x0C || tag == 0x1C) {
          subs(p + 9, (int) (p + 9 + len));
        }
        p += 9 + (int) len;
      }
    } catch (RuntimeException e) {
      // a structure this map does not follow: what was mapped stands
    }
  }

  int u4(int at) {
    return ByteBuffer.wrap(b, at, 4).getInt();
  }

  long id(int at) {
    return idSize == 4 ? u4(at) & 0xFFFFFFFFL : ByteBuffer.wrap(b, at, 8).getLong();
  }

  private int size(int type) {
    return switch (type) {
      case 2 -> idSize;
      case 4, 8 -> 1;
      case 5, 9 -> 2;
      case 6, 10 -> 4;
      case 7, 11 -> 8;
      default -> throw new IllegalStateException("type " + type);
    };
  }

  private void subs(int p, int end) {
    int id = idSize;
    while (p < end) {
      int tag = b[p] & 0xFF;
      int q = p + 1;
      switch (tag) {
        case 0x21 -> {
          int n = u4(q + id + 4 + id);
          int e = q + 2 * id + 8 + n;
          subs.add(new Sub(p, tag, e, q, q + id + 4, q + 2 * id + 4));
          p = e;
        }
        case 0x22 -> {
          int n = u4(q + id + 4);
          int e = q + 2 * id + 8 + n * id;
          subs.add(new Sub(p, tag, e, q, q + id + 8, q + id + 4));
          p = e;
        }
        case 0x23 -> {
          int n = u4(q + id + 4);
          int e = q + id + 9 + n * size(b[q + id + 8]);
          subs.add(new Sub(p, tag, e, q, -1, q + id + 4));
          p = e;
        }
        case 0x20 -> {
          int c = q + 7 * id + 8; // constant pool count
          int sizeAt = c - 4;
          int k = ((b[c] & 0xFF) << 8) | (b[c + 1] & 0xFF);
          c += 2;
          for (int i = 0; i < k; i++) {
            c += 3 + size(b[c + 2]);
          }
          int staticsAt = c;
          k = ((b[c] & 0xFF) << 8) | (b[c + 1] & 0xFF);
          c += 2;
          for (int i = 0; i < k; i++) {
            c += id + 1 + size(b[c + id]);
          }
          int fieldsAt = c;
          k = ((b[c] & 0xFF) << 8) | (b[c + 1] & 0xFF);
          c += 2 + k * (id + 1);
          classes.add(new ClassAt(p, q + id + 4, sizeAt, staticsAt, fieldsAt, c));
          subs.add(new Sub(p, tag, c, q, q + id + 4, -1));
          p = c;
        }
        default -> {
          int n = switch (tag) {
            case 0xFF, 0x05, 0x07, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x90 -> id;
            case 0x01 -> 2 * id;
            case 0x02, 0x03, 0x08, 0x8E -> id + 8;
            case 0x04, 0x06 -> id + 4;
            case 0xFE -> 4 + id;
            case 0xC3 -> id + 9;
            default -> throw new IllegalStateException("sub-record tag " + tag);
          };
          subs.add(new Sub(p, tag, q + n, q, -1, -1));
          p = q + n;
        }
      }
    }
  }
}
