package dev.leakdiff.hprof;

/** GC root sub-records of HotSpot and Android, with the bytes each carries after its object id. */
public enum RootKind {
  UNKNOWN(0xFF, 0, false, false),
  JNI_GLOBAL(0x01, -1, false, false), // followed by an id (the JNI global ref)
  JNI_LOCAL(0x02, 8, true, false),
  JAVA_FRAME(0x03, 8, true, false),
  NATIVE_STACK(0x04, 4, true, false),
  STICKY_CLASS(0x05, 0, false, false),
  THREAD_BLOCK(0x06, 4, true, false),
  MONITOR_USED(0x07, 0, false, false),
  THREAD_OBJECT(0x08, 8, true, false),
  INTERNED_STRING(0x89, 0, false, true),
  FINALIZING(0x8A, 0, false, true),
  DEBUGGER(0x8B, 0, false, true),
  REFERENCE_CLEANUP(0x8C, 0, false, true),
  VM_INTERNAL(0x8D, 0, false, true),
  JNI_MONITOR(0x8E, 8, true, true),
  UNREACHABLE(0x90, 0, false, true);

  private static final RootKind[] BY_TAG = new RootKind[256];

  static {
    for (RootKind k : values()) {
      BY_TAG[k.tag] = k;
    }
  }

  public final int tag;
  /** Bytes after the object id; -1 means one more id. */
  final int extraBytes;
  /** Whether the first u4 after the id is a thread serial. */
  public final boolean hasThread;
  /** Whether only Android writes it (in its JAVA PROFILE 1.0.3 files). */
  final boolean android;

  RootKind(int tag, int extraBytes, boolean hasThread, boolean android) {
    this.tag = tag;
    this.extraBytes = extraBytes;
    this.hasThread = hasThread;
    this.android = android;
  }

  /** The root kind for a sub-record tag, or null if the tag is not a root. */
  public static RootKind byTag(int tag) {
    return BY_TAG[tag & 0xFF];
  }
}
