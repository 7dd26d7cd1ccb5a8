package dev.leakdiff.graph;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What sets of objects keep alive taken as sets, and how sets that keep the same objects share them: no dominator tree,
 * one search of the strong graph without all the sets' objects, and one search a set within what that frees.
 *
 * <p>The objects all the sets keep alive together are those strongly held now ({@link ShortestPaths#strong}) that no
 * chain of strong references reaches once every object of every set is gone (the sets' own objects among them). Each
 * of those objects is reached, through what they free, from the objects of one set or of several: it belongs to each of
 * them in equal parts (BLeak's LeakShare: memory that two leaks keep alive only together is half each's). A set's share
 * is what fixing that leak alone frees when it holds its objects alone, and its part of what it shares otherwise.
 *
 * <p>The searches follow the references the GC follows (no weak, soft, phantom or finalizer referent) from the roots
 * {@link ShortestPaths} starts from: the dump's GC roots and the classes of the JVM's own loaders. Memory: an int, a
 * byte and a few bits an object while it runs.
 */
public final class SetRetained {
  /**
   * What the sets keep alive.
   *
   * @param bytes each set's share, in shallow bytes (a double: shared objects are split)
   * @param alone each set's bytes that no other set reaches
   * @param totalBytes what all of them keep alive together
   * @param totalObjects how many objects that is
   * @param owners for each set, for each marked object, which of the set's objects (its index in the set) reaches it
   *     first through what the sets free, or -1 when the set does not keep it alive; null when none was marked
   */
  public record Result(double[] bytes, long[] alone, long totalBytes, long totalObjects, int[][] owners) {}

  private SetRetained() {}

  /** The shares of the sets; each set is a list of object indices (those not strongly held count for nothing). */
  public static Result of(HeapGraph g, ShortestPaths paths, int[][] sets) {
    return of(g, paths, sets, null, null);
  }

  /**
   * The shares of the sets, and which of each set's objects keeps each marked object alive (an object sampled at its
   * allocation: which instance of a leak holds it). The first firsts[s] objects of set s are searched from first, so
   * that what they reach is theirs even where another object of the set is on the way (a leak's own instances before
   * the arrays they hold); null: all at once. Marking costs an int an object more while it runs.
   */
  public static Result of(HeapGraph g, ShortestPaths paths, int[][] sets, int[] marked, int[] firsts) {
    int n = g.objectCount();
    BitSet gone = new BitSet(n);
    for (int[] set : sets) {
      for (int o : set) {
        gone.set(o);
      }
    }
    // the search from the roots, through no object of a set
    BitSet reached = new BitSet(n);
    int[] queue = new int[n];
    int tail = 0;
    for (int o : g.rootObject) {
      if (o >= 0 && !gone.get(o) && !reached.get(o)) {
        reached.set(o);
        queue[tail++] = o;
      }
    }
    boolean[] system = SystemLoaders.classes(g);
    int[] classObject = new int[g.classes.size()];
    Arrays.fill(classObject, HeapGraph.NONE);
    for (int o = 0; o < n; o++) {
      if (g.isClassObject(o)) {
        classObject[g.classIndex(o)] = o;
        if (system[g.classIndex(o)] && !gone.get(o) && !reached.get(o)) {
          reached.set(o);
          queue[tail++] = o;
        }
      }
    }
    gone.flip(0, n); // now: where a search may go
    search(g, classObject, queue, null, 0, tail, reached, gone);
    // what they free: strongly held now, not reached without them
    BitSet freed = new BitSet(n);
    long totalBytes = 0;
    long totalObjects = 0;
    for (int o = reached.nextClearBit(0); o < n; o = reached.nextClearBit(o + 1)) {
      if (paths.strong(o)) {
        freed.set(o);
        totalBytes += g.shallowSize(o);
        totalObjects++;
      }
    }
    // within what they free: how many sets reach each object, then each set's part of what it reaches
    byte[] reachers = new byte[n];
    double[] bytes = new double[sets.length];
    long[] alone = new long[sets.length];
    int[] origin = marked == null ? null : new int[n];
    int[][] owners = marked == null ? null : new int[sets.length][marked.length];
    java.util.Map<Integer, Integer> markedAt = new java.util.HashMap<>();
    BitSet markedBits = new BitSet(marked == null ? 0 : n);
    if (marked != null) {
      for (int k = 0; k < marked.length; k++) {
        markedAt.put(marked[k], k);
        markedBits.set(marked[k]);
      }
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int s = 0; s < sets.length; s++) {
        reached.clear();
        tail = 0;
        int[] from = pass == 1 ? origin : null;
        int first = from == null || firsts == null ? sets[s].length : Math.min(firsts[s], sets[s].length);
        int head = 0;
        for (int[] range : new int[][] {{0, first}, {first, sets[s].length}}) {
          int start = tail;
          for (int m = range[0]; m < range[1]; m++) {
            int o = sets[s][m];
            if (freed.get(o) && !reached.get(o)) {
              reached.set(o);
              if (from != null) {
                from[tail] = m;
              }
              queue[tail++] = o;
            }
          }
          if (tail > start || head < tail) {
            tail = search(g, classObject, queue, from, head, tail, reached, freed);
            head = tail;
          }
        }
        if (pass == 1 && owners != null) {
          java.util.Arrays.fill(owners[s], -1);
          for (int i = 0; i < tail; i++) {
            if (markedBits.get(queue[i])) {
              owners[s][markedAt.get(queue[i])] = origin[i];
            }
          }
        }
        for (int i = 0; i < tail; i++) {
          int o = queue[i];
          if (pass == 0) {
            reachers[o] = (byte) Math.min(255, (reachers[o] & 0xff) + 1);
          } else {
            long size = g.shallowSize(o);
            int k = reachers[o] & 0xff;
            bytes[s] += (double) size / k;
            if (k == 1) {
              alone[s] += size;
            }
          }
        }
      }
    }
    return new Result(bytes, alone, totalBytes, totalObjects, owners);
  }

  /**
   * Breadth first from queue[head, tail) through strong references and each instance's class, only into objects of
   * within; returns the new tail: queue[0, tail) is everything reached. With origin, each object reached gets its
   * finder's origin at its place in the queue (the seeds' origins set by the caller).
   */
  private static int search(HeapGraph g, int[] classObject, int[] queue, int[] origin, int head, int tail, BitSet reached,
      BitSet within) {
    int[] edges = g.edges;
    int[] start = g.edgeStart;
    while (head < tail) {
      int o = queue[head++];
      if (!g.isClassObject(o)) {
        int c = classObject[g.classOf[o]];
        if (c >= 0 && !reached.get(c) && within.get(c)) {
          reached.set(c);
          if (origin != null) {
            origin[tail] = origin[head - 1];
          }
          queue[tail++] = c;
        }
      }
      for (int e = start[o], end = start[o + 1]; e < end; e++) {
        int t = edges[e];
        if (t >= 0 && !reached.get(t) && within.get(t)) {
          reached.set(t);
          if (origin != null) {
            origin[tail] = origin[head - 1];
          }
          queue[tail++] = t;
        }
      }
    }
    return tail;
  }
}
