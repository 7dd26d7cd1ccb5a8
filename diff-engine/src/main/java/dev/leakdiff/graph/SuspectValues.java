package dev.leakdiff.graph;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the field values of a dump say about its leak suspects, read with the dump's other values in one pass (the
 * graph keeps no values): the native memory their instances own, and whether those instances are alike.
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

  /** What a read must give for the values of these suspects, and what to make of its answers ({@link #of}). */
  public static final class Plan {
    private final HeapGraph g;
    private final ShortestPaths paths;
    private final boolean[] suspect;
    private final int[] kind;
    private final int[] buffers;
    private final int nBuffers;
    private final boolean alike;
    private final int stringClass;

    private Plan(HeapGraph g, ShortestPaths paths, boolean[] suspect, int[] kind, int[] buffers, int nBuffers, boolean alike,
        int stringClass) {
      this.g = g;
      this.paths = paths;
      this.suspect = suspect;
      this.kind = kind;
      this.buffers = buffers;
      this.nBuffers = nBuffers;
      this.alike = alike;
      this.stringClass = stringClass;
    }
  }

  /**
   * Adds to a request what the suspects' values need: the size field of each buffer that owns memory, and with alike,
   * hashes of the suspects' strongly held instances and of the values their references point to.
   */
  public static Plan ask(HeapGraph g, ShortestPaths paths, Collection<String> suspects, boolean alike, ValueRequest request) {
    int classes = g.classes.size();
    boolean[] suspect = new boolean[classes];
    int[] kind = new int[classes];
    boolean[] chunk = new boolean[classes];
    Set<String> names = new HashSet<>(suspects);
    int stringClass = -1;
    for (int c = 0; c < classes; c++) {
      String name = g.classes.get(c).name();
      suspect[c] = names.contains(name);
      chunk[c] = name.equals("io.netty.buffer.PoolChunk");
      kind[c] = bufferKind(g, c);
      if (name.equals("java.lang.String")) {
        stringClass = c;
      }
    }
    // the buffers that own memory, and each one's field that says how much
    BitSet chunkMemory = new BitSet(g.objectCount());
    for (int o = 0; o < g.objectCount(); o++) {
      if (g.classOf[o] >= 0 && chunk[g.classOf[o]]) {
        int m = g.slotTarget(o, "memory");
        if (m >= 0) {
          chunkMemory.set(m);
        }
      }
    }
    int[] buffers = new int[16];
    int n = 0;
    for (int o = 0; o < g.objectCount(); o++) {
      int c = g.classOf[o];
      if (c < 0 || kind[c] == 0 || !paths.strong(o) || chunkMemory.get(o)) {
        continue;
      }
      if (kind[c] == NIO && (g.slotTarget(o, "att") >= 0 || g.slotTarget(o, "segment") >= 0)) {
        continue; // a view (slice, duplicate) of memory another buffer owns
      }
      if (n == buffers.length) {
        buffers = Arrays.copyOf(buffers, n * 2);
      }
      buffers[n++] = o;
      request.intField(o, kind[c] == NIO ? "capacity" : "maxLength");
    }
    // the suspects' instances, for the alike check, and the values their references point to
    boolean compare = alike;
    if (alike) {
      long count = 0;
      for (int o = 0; o < g.objectCount() && count <= MAX_ALIKE; o++) {
        int c = g.classOf[o];
        if (c >= 0 && comparable(g, suspect, kind, c) && paths.strong(o)) {
          count++;
          for (int e = g.edgeStart[o]; e < g.edgeStart[o + 1]; e++) {
            int v = value(g, target(g.edges[e]), stringClass);
            if (v >= 0) {
              request.hash(v);
            }
          }
          request.hash(o);
        }
      }
      compare = count <= MAX_ALIKE;
    }
    return new Plan(g, paths, suspect, kind, buffers, n, compare, stringClass);
  }

  /** What the answers to a plan's request say: each suspect's native memory, and how alike its instances are. */
  public static Result of(Plan plan, ValueRequest.Answers answers) {
    HeapGraph g = plan.g;
    int classes = g.classes.size();
    Map<String, Owned> owned = new HashMap<>();
    long[] byClass = new long[classes * 3];
    for (int i = 0; i < plan.nBuffers; i++) {
      int o = plan.buffers[i];
      long capacity = answers.intField(o);
      int holder = firstSuspect(g, plan.paths, plan.suspect, o);
      if (capacity == ValueRequest.NO_VALUE || holder < 0) {
        continue;
      }
      int s = g.classOf[holder];
      boolean mapped = plan.kind[g.classOf[o]] == NIO && g.slotTarget(o, "fd") >= 0;
      byClass[s * 3]++;
      byClass[s * 3 + (mapped ? 2 : 1)] += capacity & 0xFFFFFFFFL;
    }
    for (int c = 0; c < classes; c++) {
      if (byClass[c * 3] > 0) {
        owned.merge(g.classes.get(c).name(), new Owned(byClass[c * 3], byClass[c * 3 + 1], byClass[c * 3 + 2]),
            (a, b) -> new Owned(a.buffers + b.buffers, a.directBytes + b.directBytes, a.mappedBytes + b.mappedBytes));
      }
    }
    return new Result(owned, plan.alike ? alike(plan, answers) : Map.of());
  }

  /** The object whose values stand for a reference's target: a String's characters, a leaf's own fields; else -1. */
  private static int value(HeapGraph g, int t, int stringClass) {
    if (t < 0) {
      return -1;
    }
    return g.classOf[t] == stringClass && stringClass >= 0 ? g.slotTarget(t, "value") : leaf(g, t) ? t : -1;
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

  private static int target(int slot) {
    return slot <= HeapGraph.WEAK_BASE ? HeapGraph.WEAK_BASE - slot : slot;
  }

  /** An instance with fields but no references: compared by its values (a boxed number). */
  private static boolean leaf(HeapGraph g, int o) {
    int c = g.classOf[o];
    return c >= 0 && g.classes.get(c).leaf();
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

  /** A suspect class whose instances the alike check compares: fields, and no buffer (whose addresses differ anyway). */
  private static boolean comparable(HeapGraph g, boolean[] suspect, int[] kind, int c) {
    return suspect[c] && kind[c] == 0 && !g.classes.get(c).array() && g.classes.get(c).fieldCount() > 0;
  }

  private static Map<String, Alike> alike(Plan plan, ValueRequest.Answers answers) {
    HeapGraph g = plan.g;
    int classes = g.classes.size();
    long[][] keys = new long[classes][];
    int[] n = new int[classes];
    for (int o = 0; o < g.objectCount(); o++) {
      int c = g.classOf[o];
      if (c < 0 || !comparable(g, plan.suspect, plan.kind, c) || !plan.paths.strong(o)) {
        continue;
      }
      long k = answers.hash(o);
      for (int e = g.edgeStart[o]; e < g.edgeStart[o + 1]; e++) {
        int t = target(g.edges[e]);
        long v;
        if (t < 0) {
          v = 0;
        } else {
          int value = value(g, t, plan.stringClass);
          v = value < 0 || !answers.hashed(value) ? (t + 1L) * 0xC2B2AE3D27D4EB4FL
              : answers.hash(value) ^ (g.classOf[t] + 1L) * 0x165667B19E3779F9L;
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
