package dev.leakdiff.graph;

import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.Cursor;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.HeapVisitor;
import dev.leakdiff.hprof.HprofReader;
import dev.leakdiff.hprof.LongIntMap;
import dev.leakdiff.hprof.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the field values of a dump say about its leak suspects, read from the file in one more pass (the graph keeps
 * no values): the native memory their instances own, and whether those instances are alike.
 *
 * <p>Native memory: a {@code java.nio.DirectByteBuffer} that is no view of another buffer owns {@code capacity} bytes
 * outside the heap (a mapped one, a file's pages); a pooled Netty direct buffer ({@code io.netty.buffer.PooledByteBuf})
 * owns the {@code maxLength} bytes it took from its allocator's chunk, whose own buffer is then not counted again.
 * Each buffer's bytes go to the first suspect on its shortest chain from a GC root, the buffer itself included: the
 * suspect that holds it.
 *
 * <p>Alike: instances whose primitive fields are equal and whose reference fields point to the same objects, or
 * to Strings of equal characters, or to equal objects without references of their own (boxed numbers). Values are
 * compared as hashes and never kept or shown.
 */
public final class SuspectValues {
  /** The native memory the instances a suspect holds own: direct buffers (their count and bytes) and mapped bytes. */
  public record Owned(long buffers, long directBytes, long mappedBytes) {}

  /** The largest group of a class's strongly held instances with identical field values, of how many. */
  public record Alike(long alike, long instances) {}

  /** Per suspect class name: what its instances hold outside the heap, and how alike they are (when asked). */
  public record Result(Map<String, Owned> owned, Map<String, Alike> alike) {}

  private static final int NIO = 1;
  private static final int NETTY_POOLED = 2;
  /** Past this many instances of the suspects the alike check is left out: its hashes would cost too much memory. */
  private static final int MAX_ALIKE = 4_000_000;

  private SuspectValues() {}

  public static Result of(HeapGraph g, ShortestPaths paths, Path file, DumpSelection selection, Collection<String> suspects,
      boolean alike) throws IOException {
    int classes = g.classes.size();
    boolean[] suspect = new boolean[classes];
    int[] kind = new int[classes];
    boolean[] chunk = new boolean[classes];
    Set<String> names = new HashSet<>(suspects);
    for (int c = 0; c < classes; c++) {
      String name = g.classes.get(c).name();
      suspect[c] = names.contains(name);
      chunk[c] = name.equals("io.netty.buffer.PoolChunk");
      kind[c] = bufferKind(g, c);
    }
    // the buffers that own memory, and each one's field that says how much
    LongIntMap wanted = new LongIntMap(256);
    int[] offset = new int[classes];
    Arrays.fill(offset, -1);
    BitSet chunkMemory = new BitSet(g.objectCount());
    for (int o = 0; o < g.objectCount(); o++) {
      if (g.classOf[o] >= 0 && chunk[g.classOf[o]]) {
        int m = g.slotTarget(o, "memory");
        if (m >= 0) {
          chunkMemory.set(m);
        }
      }
    }
    int buffers = 0;
    for (int o = 0; o < g.objectCount(); o++) {
      int c = g.classOf[o];
      if (c < 0 || kind[c] == 0 || !paths.strong(o) || chunkMemory.get(o)) {
        continue;
      }
      if (kind[c] == NIO && (g.slotTarget(o, "att") >= 0 || g.slotTarget(o, "segment") >= 0)) {
        continue; // a view (slice, duplicate) of memory another buffer owns
      }
      if (offset[c] < 0) {
        offset[c] = fieldOffset(g, c, kind[c] == NIO ? "capacity" : "maxLength", BasicType.INT);
      }
      if (offset[c] >= 0) {
        wanted.put(g.ids.id(o), buffers++);
      }
    }
    // the suspects' instances, for the alike check, and the values their references point to
    LongIntMap values = new LongIntMap(256);
    int[] valueObjects = new int[16];
    int nValues = 0;
    int stringClass = -1;
    if (alike) {
      for (int c = 0; c < classes; c++) {
        if (g.classes.get(c).name().equals("java.lang.String")) {
          stringClass = c;
        }
      }
      long count = 0;
      for (int o = 0; o < g.objectCount() && count <= MAX_ALIKE; o++) {
        int c = g.classOf[o];
        if (c >= 0 && comparable(g, suspect, kind, c) && paths.strong(o)) {
          count++;
          for (int e = g.edgeStart[o]; e < g.edgeStart[o + 1]; e++) {
            int t = target(g.edges[e]);
            int v = t < 0 ? -1 : g.classOf[t] == stringClass && stringClass >= 0 ? g.slotTarget(t, "value") : leaf(g, t) ? t : -1;
            if (v >= 0 && values.get(g.ids.id(v)) == LongIntMap.MISSING) {
              if (nValues == valueObjects.length) {
                valueObjects = Arrays.copyOf(valueObjects, nValues * 2);
              }
              values.put(g.ids.id(v), nValues);
              valueObjects[nValues++] = v;
            }
          }
          if (values.get(g.ids.id(o)) == LongIntMap.MISSING) {
            if (nValues == valueObjects.length) {
              valueObjects = Arrays.copyOf(valueObjects, nValues * 2);
            }
            values.put(g.ids.id(o), nValues);
            valueObjects[nValues++] = o;
          }
        }
      }
      if (count > MAX_ALIKE) {
        alike = false;
      }
    }
    long[] capacity = new long[buffers];
    boolean anyBuffer = buffers > 0;
    long[] hash = new long[nValues];
    int idSize = g.header.idSize();
    if (buffers > 0 || nValues > 0) {
      try (HprofReader reader = HprofReader.open(file)) {
        reader.read(selection, () -> new HeapVisitor() {
          @Override
          public void instance(long id, long classId, int fieldBytes, Cursor fields) {
            int b = anyBuffer ? wanted.get(id) : LongIntMap.MISSING;
            int v = hash.length == 0 ? LongIntMap.MISSING : values.get(id);
            if (b == LongIntMap.MISSING && v == LongIntMap.MISSING) {
              return;
            }
            int c = g.classes.indexOf(classId);
            if (c < 0) {
              return;
            }
            if (b != LongIntMap.MISSING && offset[c] >= 0 && offset[c] + 4 <= fieldBytes) {
              fields.skipBytes(offset[c]);
              capacity[b] = fields.u4() & 0xFFFFFFFFL;
            } else if (v != LongIntMap.MISSING) { // never a buffer too: buffers are not compared
              hash[v] = primitiveHash(g.classes.get(c).fieldTypes(), idSize, fieldBytes, fields);
            }
          }

          @Override
          public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
            int v = hash.length == 0 ? LongIntMap.MISSING : values.get(id);
            if (v != LongIntMap.MISSING && hasData) {
              long h = 0x9E3779B97F4A7C15L ^ length;
              for (long i = (long) length * type.size; i > 0; i--) {
                h = (h ^ elements.u1()) * 0x100000001B3L;
              }
              hash[v] = h;
            }
          }
        }, new Progress());
      }
    }
    Map<String, Owned> owned = new HashMap<>();
    if (buffers > 0) {
      long[] byClass = new long[classes * 3];
      for (int o = 0; o < g.objectCount(); o++) {
        int c = g.classOf[o];
        int b = c < 0 || kind[c] == 0 ? LongIntMap.MISSING : wanted.get(g.ids.id(o));
        if (b == LongIntMap.MISSING) {
          continue;
        }
        int holder = firstSuspect(g, paths, suspect, o);
        if (holder >= 0) {
          int s = g.classOf[holder];
          boolean mapped = kind[c] == NIO && g.slotTarget(o, "fd") >= 0;
          byClass[s * 3]++;
          byClass[s * 3 + (mapped ? 2 : 1)] += capacity[b];
        }
      }
      for (int c = 0; c < classes; c++) {
        if (byClass[c * 3] > 0) {
          Owned before = owned.get(g.classes.get(c).name());
          owned.put(g.classes.get(c).name(), before == null ? new Owned(byClass[c * 3], byClass[c * 3 + 1], byClass[c * 3 + 2])
              : new Owned(before.buffers + byClass[c * 3], before.directBytes + byClass[c * 3 + 1],
                  before.mappedBytes + byClass[c * 3 + 2]));
        }
      }
    }
    Map<String, Alike> alikes = new HashMap<>();
    if (alike) {
      alikes = alike(g, paths, suspect, kind, values, hash, stringClass);
    }
    return new Result(owned, alikes);
  }

  /** NIO for a java.nio.DirectByteBuffer (or a subclass), NETTY_POOLED for Netty's pooled direct buffers, else 0. */
  private static int bufferKind(HeapGraph g, int c) {
    String name = g.classes.get(c).name();
    for (int k = c, depth = 0; k >= 0 && depth < 64; k = g.classes.get(k).superIndex(), depth++) {
      String n = g.classes.get(k).name();
      if (n.equals("java.nio.DirectByteBuffer")) {
        return NIO;
      }
      if (n.equals("io.netty.buffer.PooledByteBuf") && name.contains("Direct")) {
        return NETTY_POOLED;
      }
    }
    return 0;
  }

  /** The byte offset of an instance field of this name and type among the class's field values, or -1. */
  private static int fieldOffset(HeapGraph g, int c, String name, BasicType type) {
    int f = g.classes.fieldIndex(c, name);
    byte[] types = g.classes.get(c).fieldTypes();
    if (f < 0 || types[f] != type.code) {
      return -1;
    }
    int at = 0;
    for (int i = 0; i < f; i++) {
      at += types[i] == BasicType.OBJECT.code ? g.header.idSize() : BasicType.byCode(types[i]).size;
    }
    return at;
  }

  private static int target(int slot) {
    return slot <= HeapGraph.WEAK_BASE ? HeapGraph.WEAK_BASE - slot : slot;
  }

  /** An instance with fields but no references: compared by its values (a boxed number). */
  private static boolean leaf(HeapGraph g, int o) {
    int c = g.classOf[o];
    return c >= 0 && !g.classes.get(c).array() && g.classes.get(c).refFieldNames().length == 0
        && g.classes.get(c).fieldTypes().length > 0;
  }

  /** The first instance of a suspect class on an object's shortest chain from a GC root, itself first; -1 if none. */
  private static int firstSuspect(HeapGraph g, ShortestPaths paths, boolean[] suspect, int o) {
    for (int cur = o, hops = 0; hops < 100_000; hops++) {
      int c = g.classOf[cur];
      if (c >= 0 && suspect[c]) {
        return cur;
      }
      int p = paths.parent[cur];
      if (p < 0) {
        return -1;
      }
      cur = g.sourceOf(p);
    }
    return -1;
  }

  /** A hash of an instance's primitive field values, its references skipped. */
  private static long primitiveHash(byte[] types, int idSize, int fieldBytes, Cursor fields) {
    long h = 0xCBF29CE484222325L;
    int read = 0;
    for (byte t : types) {
      int size = t == BasicType.OBJECT.code ? idSize : BasicType.byCode(t).size;
      read += size;
      if (read > fieldBytes) {
        break;
      }
      if (t == BasicType.OBJECT.code) {
        fields.skipBytes(size);
      } else {
        for (int i = 0; i < size; i++) {
          h = (h ^ fields.u1()) * 0x100000001B3L;
        }
      }
    }
    return h;
  }

  /** A suspect class whose instances the alike check compares: fields, and no buffer (whose addresses differ anyway). */
  private static boolean comparable(HeapGraph g, boolean[] suspect, int[] kind, int c) {
    return suspect[c] && kind[c] == 0 && !g.classes.get(c).array() && g.classes.get(c).fieldTypes().length > 0;
  }

  private static Map<String, Alike> alike(HeapGraph g, ShortestPaths paths, boolean[] suspect, int[] kind, LongIntMap values,
      long[] hash, int stringClass) {
    int classes = g.classes.size();
    long[][] keys = new long[classes][];
    int[] n = new int[classes];
    for (int o = 0; o < g.objectCount(); o++) {
      int c = g.classOf[o];
      if (c < 0 || !comparable(g, suspect, kind, c) || !paths.strong(o)) {
        continue;
      }
      int self = values.get(g.ids.id(o));
      long k = self == LongIntMap.MISSING ? 0 : hash[self];
      for (int e = g.edgeStart[o]; e < g.edgeStart[o + 1]; e++) {
        int t = target(g.edges[e]);
        long v;
        if (t < 0) {
          v = 0;
        } else {
          int value = g.classOf[t] == stringClass && stringClass >= 0 ? g.slotTarget(t, "value") : leaf(g, t) ? t : -1;
          int at = value < 0 ? LongIntMap.MISSING : values.get(g.ids.id(value));
          v = at == LongIntMap.MISSING ? (t + 1L) * 0xC2B2AE3D27D4EB4FL : hash[at] ^ (g.classOf[t] + 1L) * 0x165667B19E3779F9L;
        }
        k = (k ^ v) * 0x100000001B3L + (e - g.edgeStart[o]);
      }
      if (keys[c] == null) {
        keys[c] = new long[16];
      } else if (n[c] == keys[c].length) {
        keys[c] = Arrays.copyOf(keys[c], n[c] * 2);
      }
      keys[c][n[c]++] = k;
    }
    Map<String, Alike> out = new HashMap<>();
    for (int c = 0; c < classes; c++) {
      if (n[c] == 0) {
        continue;
      }
      long[] k = Arrays.copyOf(keys[c], n[c]);
      Arrays.sort(k);
      int best = 1;
      for (int i = 1, run = 1; i < k.length; i++) {
        run = k[i] == k[i - 1] ? run + 1 : 1;
        best = Math.max(best, run);
      }
      Alike before = out.get(g.classes.get(c).name());
      out.put(g.classes.get(c).name(), before == null ? new Alike(best, k.length)
          : new Alike(Math.max(before.alike, best), before.instances + k.length));
    }
    return out;
  }
}
