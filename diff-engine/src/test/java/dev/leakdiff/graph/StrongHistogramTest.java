package dev.leakdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassStat;
import dev.leakdiff.source.Dumps;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The histogram of what strong references hold: what only a weak or a cleared reference holds, and garbage, left out. */
class StrongHistogramTest {
  @TempDir
  Path tmp;

  @Test
  void onlyStronglyHeldInstancesCount() throws Exception {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls box = h.cls("com.acme.Box", null, "n:J", "next");
    long strong1 = h.instance(box, "next", h.instance(box)); // two held strongly
    long weak = h.instance(jdk.weakReference, "referent", h.instance(box)); // one only weakly
    long stale = h.instance(jdk.weakReference, "next", h.instance(box)); // a cleared reference holding one
    h.instance(box); // garbage
    h.cls("com.acme.Registry").set("STRONG", strong1).set("WEAK", weak).set("STALE", stale);
    Path file = tmp.resolve("strong.hprof");
    HeapGraph g = h.graph(file);
    ClassHistogram all = Dumps.histogram(file);
    assertEquals(5, all.get("com.acme.Box").instances());

    ClassHistogram strong = StrongHistogram.of(g, ShortestPaths.compute(g, false), all);
    ClassStat boxes = strong.get("com.acme.Box");
    assertEquals(2, boxes.instances());
    assertEquals(all.get("com.acme.Box").bytes() * 2 / 5, boxes.bytes());
    assertEquals(1, strong.get("java.lang.ref.WeakReference").instances(), "the cleared one is stale");
    ClassStat classes = strong.get("java.lang.Class");
    assertNotNull(classes);
    assertEquals(all.get("java.lang.Class").instances(), classes.instances(), "every class here is a system class: a root");
    assertEquals(strong.classes().stream().mapToLong(ClassStat::instances).sum(), strong.totalObjects());
    assertEquals(strong.classes().stream().mapToLong(ClassStat::bytes).sum(), strong.totalBytes());
  }
}
