package dev.leakdiff.graph;

/** The kinds of GC root a dump names (HotSpot's and Android's), whatever its file format. */
public enum RootKind {
  UNKNOWN(false),
  JNI_GLOBAL(false),
  JNI_LOCAL(true),
  JAVA_FRAME(true),
  NATIVE_STACK(true),
  STICKY_CLASS(false),
  THREAD_BLOCK(true),
  MONITOR_USED(false),
  THREAD_OBJECT(true),
  INTERNED_STRING(false),
  FINALIZING(false),
  DEBUGGER(false),
  REFERENCE_CLEANUP(false),
  VM_INTERNAL(false),
  JNI_MONITOR(true),
  UNREACHABLE(false),
  /**
   * Not a record of the dump: a class of a loader that lives as long as the JVM (the bootstrap, platform and
   * application loaders), taken as a root so that chains start at a static field ({@link ShortestPaths}).
   */
  SYSTEM_CLASS(false);

  /** Whether a root of this kind belongs to a thread (its stack, its object): its thread serial means something. */
  public final boolean thread;

  RootKind(boolean thread) {
    this.thread = thread;
  }
}
