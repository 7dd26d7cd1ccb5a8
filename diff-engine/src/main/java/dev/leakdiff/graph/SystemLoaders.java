package dev.leakdiff.graph;

import java.util.Set;

/**
 * The class loaders that live as long as the JVM: the bootstrap loader (id 0), the platform (extension) and
 * application loaders, and the source launcher's loader of a single-file program. Their classes are GC roots
 * in effect; a class of any other loader lives only as long as something holds the loader or the class, and so
 * does a hidden class (a lambda's, a method handle's: HotSpot names them NAME+0xADDRESS), whatever its loader.
 */
final class SystemLoaders {
  private SystemLoaders() {}

  private static final Set<String> NAMES = Set.of(
      "jdk.internal.loader.ClassLoaders$AppClassLoader",
      "jdk.internal.loader.ClassLoaders$PlatformClassLoader",
      "jdk.internal.loader.ClassLoaders$BootClassLoader",
      "sun.misc.Launcher$AppClassLoader",
      "sun.misc.Launcher$ExtClassLoader",
      "com.sun.tools.javac.launcher.Main$MemoryClassLoader",
      "com.sun.tools.javac.launcher.MemoryClassLoader");

  /** For each class index: whether a system loader (or a loader the dump does not hold) loaded it, and it is not hidden. */
  static boolean[] classes(HeapGraph g) {
    ClassTable classes = g.classes;
    boolean[] out = new boolean[classes.size()];
    for (int c = 0; c < out.length; c++) {
      ClassTable.Entry e = classes.get(c);
      if (e.name().contains("+0x")) {
        continue;
      }
      if (e.loaderId() == 0) {
        out[c] = true;
        continue;
      }
      int l = g.ids.indexOf(e.loaderId());
      out[c] = l < 0 || g.isClassObject(l) || NAMES.contains(classes.get(g.classOf[l]).name());
    }
    return out;
  }
}
