package dev.leakdiff.graph;

import static dev.leakdiff.graph.TestHeap.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.source.Dumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dominators and retained sizes: on heaps whose dominators are known by construction, and on random heaps and real
 * JVM dumps against brute force: for every object, take it away, and count the shallow bytes of what strong references
 * no longer reach.
 */
class DominatorsTest {
  @TempDir
  Path tmp;

  /**
   * The retained size of every object the slow way: a search from the roots (the GC roots and the system classes) over
   * the strong edges (slots but weak referents, and an instance's class) that never enters the object.
   */
  static long[] bruteForce(HeapGraph g) {
    int n = g.objectCount();
    int[] classObject = new int[g.classes.size()];
    Arrays.fill(classObject, -1);
    boolean[] root = new boolean[n];
    for (int o = 0; o < n; o++) {
      if (g.isClassObject(o)) {
        classObject[g.classIndex(o)] = o;
      }
    }
    for (int o : g.rootObject) {
      if (o >= 0) {
        root[o] = true;
      }
    }
    boolean[] system = SystemLoaders.classes(g);
    for (int o = 0; o < n; o++) {
      if (g.isClassObject(o) && system[g.classIndex(o)]) {
        root[o] = true;
      }
    }
    boolean[] all = reach(g, root, classObject, -1);
    long[] out = new long[n];
    for (int x = 0; x < n; x++) {
      if (!all[x]) {
        continue;
      }
      boolean[] without = reach(g, root, classObject, x);
      long freed = 0;
      for (int o = 0; o < n; o++) {
        if (all[o] && !without[o]) {
          freed += g.shallowSize(o);
        }
      }
      out[x] = freed;
    }
    return out;
  }

  private static boolean[] reach(HeapGraph g, boolean[] root, int[] classObject, int removed) {
    int n = g.objectCount();
    boolean[] seen = new boolean[n];
    int[] queue = new int[n];
    int tail = 0;
    for (int o = 0; o < n; o++) {
      if (root[o] && o != removed) {
        seen[o] = true;
        queue[tail++] = o;
      }
    }
    for (int head = 0; head < tail; head++) {
      int o = queue[head];
      for (int e = g.edgeStart[o]; e <= g.edgeStart[o + 1]; e++) {
        int t = e < g.edgeStart[o + 1] ? g.edges[e] : g.isClassObject(o) ? -1 : classObject[g.classOf[o]];
        if (t >= 0 && t != removed && !seen[t]) {
          seen[t] = true;
          queue[tail++] = t;
        }
      }
    }
    return seen;
  }

  private static void assertEqualsBruteForce(HeapGraph g) {
    Dominators d = Dominators.compute(g);
    long[] expected = bruteForce(g);
    int checked = 0;
    for (int o = 0; o < g.objectCount(); o++) {
      int object = o;
      assertEquals(expected[o], d.retained(o), () -> "object " + object + " of " + g.className(object));
      checked += expected[o] > 0 ? 1 : 0;
    }
    assertEquals(checked, d.reached(), "every strongly reached object, and only those, retains something");
  }

  @Test
  void aDiamondIsDominatedByItsTopAndAChainByEachLink() {
    TestHeap h = new TestHeap();
    TestHeap.Cls node = h.cls("com.acme.Node", null, "a", "b");
    long bottom = h.instance(node);
    long left = h.instance(node, "a", bottom);
    long right = h.instance(node, "a", bottom);
    long top = h.instance(node, "a", left, "b", right);
    long c2 = h.instance(node);
    long c1 = h.instance(node, "a", c2);
    long c0 = h.instance(node, "a", c1, "b", top);
    h.cls("com.acme.Holder").set("ROOT", c0);
    HeapGraph g = h.graph(tmp.resolve("diamond.hprof"));
    Dominators d = Dominators.compute(g);
    assertEquals(at(g, top), d.idom(at(g, bottom)), "both sides reach the bottom: the top dominates it");
    assertEquals(at(g, top), d.idom(at(g, left)));
    assertEquals(at(g, c0), d.idom(at(g, top)));
    assertEquals(at(g, c1), d.idom(at(g, c2)));
    long node24 = g.shallowSize(at(g, bottom));
    assertEquals(4 * node24, d.retained(at(g, top)));
    assertEquals(node24, d.retained(at(g, left)), "the left side shares the bottom: it retains itself alone");
    assertEquals(7 * node24, d.retained(at(g, c0)));
    assertTrue(d.dominates(at(g, c0), at(g, bottom)));
    assertFalse(d.dominates(at(g, left), at(g, bottom)));
    assertEqualsBruteForce(g);
  }

  @Test
  void aWeakReferentIsRetainedByItsStrongHolderOnly() {
    TestHeap h = new TestHeap();
    TestHeap.Cls ref = h.cls("java.lang.ref.Reference", null, "referent");
    TestHeap.Cls weak = h.cls("java.lang.ref.WeakReference", ref);
    TestHeap.Cls box = h.cls("com.acme.Box", null, "value");
    long payload = h.instance(box);
    long onlyWeak = h.instance(box);
    long w1 = h.instance(weak, "referent", payload);
    long w2 = h.instance(weak, "referent", onlyWeak);
    long strong = h.instance(box, "value", payload);
    h.cls("com.acme.Holder").set("A", w1).set("B", w2).set("C", strong);
    HeapGraph g = h.graph(tmp.resolve("weak.hprof"));
    Dominators d = Dominators.compute(g);
    assertEquals(at(g, strong), d.idom(at(g, payload)), "the weak reference does not hold it");
    assertEquals(Dominators.NONE, d.idom(at(g, onlyWeak)), "what only a weak reference reaches is in no strong chain");
    assertEquals(0, d.retained(at(g, onlyWeak)));
    assertEquals(g.shallowSize(at(g, w2)), d.retained(at(g, w2)));
    assertEqualsBruteForce(g);
  }

  @Test
  void aCycleAndAClassHeldByItsInstances() {
    TestHeap h = new TestHeap();
    TestHeap.Cls node = h.cls("com.acme.Node", null, "next");
    long a = h.instance(node);
    long b = h.instance(node, "next", a);
    h.get(a).set("next", b);
    h.jniGlobal(a);
    HeapGraph g = h.graph(tmp.resolve("cycle.hprof"));
    Dominators d = Dominators.compute(g);
    assertEquals(Dominators.ROOT, d.idom(at(g, a)));
    assertEquals(at(g, a), d.idom(at(g, b)));
    assertEqualsBruteForce(g);
  }

  @Test
  void randomHeapsAgreeWithBruteForce() {
    Random r = new Random(20261203);
    for (int round = 0; round < 30; round++) {
      TestHeap h = new TestHeap();
      TestHeap.Cls node = h.cls("com.acme.Node", null, "a", "b", "c");
      TestHeap.Cls ref = h.cls("java.lang.ref.Reference", null, "referent");
      TestHeap.Cls soft = h.cls("java.lang.ref.SoftReference", ref);
      int size = 20 + r.nextInt(120);
      long[] ids = new long[size];
      for (int i = 0; i < size; i++) {
        ids[i] = r.nextInt(8) == 0 ? h.instance(soft) : h.instance(node);
      }
      for (int i = 0; i < size; i++) {
        TestHeap.Obj o = h.get(ids[i]);
        if (o.cls == soft) {
          o.set("referent", ids[r.nextInt(size)]);
          continue;
        }
        for (String f : List.of("a", "b", "c")) {
          if (r.nextInt(3) > 0) {
            o.set(f, r.nextBoolean() && i > 0 ? ids[r.nextInt(i)] : ids[r.nextInt(size)]);
          }
        }
      }
      long[] arrays = new long[3];
      for (int k = 0; k < arrays.length; k++) {
        arrays[k] = h.array("java.lang.Object[]", ids[r.nextInt(size)], 0, ids[r.nextInt(size)]);
      }
      h.cls("com.acme.Holder").set("ARRAY", arrays[0]);
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        h.jniGlobal(ids[r.nextInt(size)]);
      }
      h.jniGlobal(arrays[1]);
      assertEqualsBruteForce(h.graph(tmp.resolve("random-" + round + ".hprof")));
    }
  }

  /** A small JVM's heap, dumped live by the JVM itself: the JDK's own objects, classes, strings and caches. */
  @Test
  void aRealJvmsDumpAgreesWithBruteForce() throws Exception {
    assertEqualsBruteForce(Dumps.graph(realDump(tmp, Path.of(System.getProperty("java.home"), "bin", "java")),
        DumpSelection.last(), classes -> c -> true, new Progress()));
  }

  @Test
  void aRealDumpOfTheNewestJdkAgreesWithBruteForce() throws Exception {
    Optional<Path> jdk = newestJdk(21);
    Assumptions.assumeTrue(jdk.isPresent(), "no JDK 21 or later in /usr/lib/jvm: skipped");
    assertEqualsBruteForce(Dumps.graph(realDump(tmp, jdk.get().resolve("bin/java")), DumpSelection.last(), classes -> c -> true,
        new Progress()));
  }

  @Test
  void aJdk8DumpAgreesWithBruteForce() throws Exception {
    Path dump = Path.of("..", "..", "shared", "dumps", "oracle_jdk8_05_x64.hprof").toAbsolutePath().normalize();
    Path fromModule = Path.of("..", "shared", "dumps", "oracle_jdk8_05_x64.hprof");
    Path found = Files.exists(fromModule) ? fromModule : Files.exists(dump) ? dump : null;
    Assumptions.assumeTrue(found != null, "../shared/dumps/oracle_jdk8_05_x64.hprof is not beside this checkout: skipped");
    assertEqualsBruteForce(Dumps.graph(found, DumpSelection.last(), classes -> c -> true, new Progress()));
  }

  /** Dumps a fresh JVM of this java that runs {@link TinyHeap} (from the test classes). */
  static Path realDump(Path tmp, Path java) throws Exception {
    Path out = tmp.resolve("real-" + java.getParent().getParent().getFileName() + ".hprof");
    String cp = Path.of(TinyHeap.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    Process p = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-Xmx64m", "-cp", cp, TinyHeap.class.getName(),
        out.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("tiny.log").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM did not end");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("tiny.log")));
    return out;
  }

  /** The newest JDK of at least this version in /usr/lib/jvm. */
  static Optional<Path> newestJdk(int atLeast) throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    Pattern version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    List<Path> found = new ArrayList<>();
    List<Integer> versions = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(jvms)) {
      for (Path d : dirs.toList()) {
        Path release = d.resolve("release");
        if (Files.isRegularFile(release) && Files.isExecutable(d.resolve("bin/java"))) {
          Matcher m = version.matcher(Files.readString(release));
          if (m.find() && Integer.parseInt(m.group(1)) >= atLeast) {
            found.add(d);
            versions.add(Integer.parseInt(m.group(1)));
          }
        }
      }
    }
    return found.stream().max(Comparator.comparing(d -> versions.get(found.indexOf(d))));
  }
}
