package dev.leakdiff.graph;

import static dev.leakdiff.hprof.testing.HprofWriter.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.source.Dumps;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hprof.testing.HprofWriter;
import dev.leakdiff.hprof.testing.HprofWriter.Field;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The references the graph follows and the roots it starts from, on a dump written by hand: classes of a
 * collectable loader are held through their loader or instances, hidden classes are no roots, and what only
 * a constant pool or a cleared reference holds is no strong growth.
 */
class ReachabilityTest {
  @TempDir
  Path tmp;

  private static final long OBJECT_CLASS = 0x10;
  private static final long APP_LOADER_CLASS = 0x11;
  private static final long URL_LOADER_CLASS = 0x12;
  private static final long PLUGIN = 0x13;
  private static final long HIDDEN = 0x14;
  private static final long HOLDER = 0x15;
  private static final long WEAK_REF = 0x16;
  private static final long REFERENCE = 0x17;
  private static final long ARRAY = 0x18;
  private static final long APP_LOADER = 0x100;
  private static final long URL_LOADER = 0x200;
  private static final long PLUGIN_STATE = 0x300;
  private static final long HIDDEN_STATE = 0x400;
  private static final long CONSTANTS = 0x500;
  private static final long CONSTANT = 0x600;
  private static final long STALE = 0x700;
  private static final long STALE_VALUE = 0x800;
  private static final long HELD = 0x900;

  private Path dump() {
    HprofWriter w = new HprofWriter(8);
    w.className(OBJECT_CLASS, "java/lang/Object");
    w.className(APP_LOADER_CLASS, "jdk/internal/loader/ClassLoaders$AppClassLoader");
    w.className(URL_LOADER_CLASS, "java/net/URLClassLoader");
    w.className(PLUGIN, "com/acme/Plugin");
    w.className(HIDDEN, "com/acme/Plugin$$Lambda+0x0000000800c01234");
    w.className(HOLDER, "com/acme/Holder");
    w.className(REFERENCE, "java/lang/ref/Reference");
    w.className(WEAK_REF, "java/lang/ref/WeakReference");
    w.className(ARRAY, "[Ljava/lang/Object;");
    Field[] none = new Field[0];
    long state = w.string("STATE");
    long resolved = w.string("<resolved_references>");
    long referent = w.string("referent");
    long value = w.string("value");
    w.heapDumpSegment()
        .classDump(OBJECT_CLASS, 0, 0, 0, none, none)
        .classDump(APP_LOADER_CLASS, OBJECT_CLASS, 0, 0, none, none)
        .classDump(URL_LOADER_CLASS, OBJECT_CLASS, 0, 0, none, none)
        // a plug-in class of a URLClassLoader nobody holds: not a root, so its static state is garbage
        .classDump(PLUGIN, OBJECT_CLASS, URL_LOADER, 0, new Field[] {new Field(state, OBJECT, PLUGIN_STATE)}, none)
        // a hidden class of the application loader: no root either
        .classDump(HIDDEN, OBJECT_CLASS, APP_LOADER, 0, new Field[] {new Field(state, OBJECT, HIDDEN_STATE)}, none)
        // an application class: a root; its constant pool holds CONSTANTS -> CONSTANT, its static HELD and STALE
        .classDump(HOLDER, OBJECT_CLASS, APP_LOADER, 0, new Field[] {new Field(resolved, OBJECT, CONSTANTS),
            new Field(state, OBJECT, STALE), new Field(w.string("HELD"), OBJECT, HELD)}, none)
        .classDump(REFERENCE, OBJECT_CLASS, 0, 0, none, new Field[] {new Field(referent, OBJECT, 0)})
        .classDump(WEAK_REF, REFERENCE, 0, 0, none, new Field[] {new Field(value, OBJECT, 0)})
        .classDump(ARRAY, OBJECT_CLASS, 0, 0, none, none)
        .instance(APP_LOADER, APP_LOADER_CLASS, new byte[0])
        .instance(URL_LOADER, URL_LOADER_CLASS, new byte[0])
        .instance(PLUGIN_STATE, OBJECT_CLASS, new byte[0])
        .instance(HIDDEN_STATE, OBJECT_CLASS, new byte[0])
        .objectArray(CONSTANTS, ARRAY, CONSTANT)
        .instance(CONSTANT, OBJECT_CLASS, new byte[0])
        // a cleared weak reference (referent null) still holding a value: stale
        .instance(STALE, WEAK_REF, w.values().id(STALE_VALUE).id(0).bytes())
        .instance(STALE_VALUE, OBJECT_CLASS, new byte[0])
        .instance(HELD, OBJECT_CLASS, new byte[0])
        .root(0x05, OBJECT_CLASS) // ROOT_STICKY_CLASS
        .endHeap().heapDumpEnd();
    return w.writeTo(tmp.resolve("reach.hprof"));
  }

  @Test
  void rootsAndTheReferencesALeakNeverGoesThrough() throws Exception {
    HeapGraph g = Dumps.graph(dump(), DumpSelection.last(), classes -> c -> true, new Progress());
    ShortestPaths p = ShortestPaths.compute(g, false);
    assertTrue(p.strong(g.objectOf(HELD)), "a static of an application class");
    assertTrue(p.strong(g.objectOf(APP_LOADER)), "held by its classes");
    assertFalse(p.reached(g.objectOf(PLUGIN_STATE)), "a static of a class whose loader nobody holds");
    assertFalse(p.reached(g.objectOf(URL_LOADER)), "a loader only its own classes hold");
    assertFalse(p.reached(g.objectOf(HIDDEN_STATE)), "a static of a hidden class nothing holds");
    assertTrue(p.reached(g.objectOf(CONSTANT)) && !p.strong(g.objectOf(CONSTANT)), "only a constant pool holds it");
    assertTrue(p.constantOnly.get(g.objectOf(CONSTANT)));
    assertTrue(p.staleOnly.get(g.objectOf(STALE)) && p.staleOnly.get(g.objectOf(STALE_VALUE)), "a cleared reference and its value");

    ShortestPaths raw = ShortestPaths.compute(g, false, false);
    assertEquals(0, raw.staleOnly.cardinality() + raw.constantOnly.cardinality(), "--raw shows every chain as it is");
  }
}
