package dev.leakdiff.hprof;

/** Tags of top-level records and of heap dump sub-records, with their names for messages. */
public final class RecordTag {
  private RecordTag() {}

  public static final int STRING = 0x01;
  public static final int LOAD_CLASS = 0x02;
  public static final int UNLOAD_CLASS = 0x03;
  public static final int STACK_FRAME = 0x04;
  public static final int STACK_TRACE = 0x05;
  public static final int ALLOC_SITES = 0x06;
  public static final int HEAP_SUMMARY = 0x07;
  public static final int START_THREAD = 0x0A;
  public static final int END_THREAD = 0x0B;
  public static final int HEAP_DUMP = 0x0C;
  public static final int CPU_SAMPLES = 0x0D;
  public static final int CONTROL_SETTINGS = 0x0E;
  public static final int HEAP_DUMP_SEGMENT = 0x1C;
  public static final int HEAP_DUMP_END = 0x2C;

  public static final int CLASS_DUMP = 0x20;
  public static final int INSTANCE_DUMP = 0x21;
  public static final int OBJ_ARRAY_DUMP = 0x22;
  public static final int PRIM_ARRAY_DUMP = 0x23;
  public static final int PRIM_ARRAY_NODATA = 0xC3;
  public static final int HEAP_DUMP_INFO = 0xFE;

  /** Whether a byte can start a top-level record that this reader knows. */
  public static boolean isTopLevel(int tag) {
    return switch (tag) {
      case STRING, LOAD_CLASS, UNLOAD_CLASS, STACK_FRAME, STACK_TRACE, ALLOC_SITES, HEAP_SUMMARY,
          START_THREAD, END_THREAD, HEAP_DUMP, CPU_SAMPLES, CONTROL_SETTINGS, HEAP_DUMP_SEGMENT,
          HEAP_DUMP_END -> true;
      default -> false;
    };
  }

  /** A readable name for a top-level tag, for messages. */
  public static String nameOf(int tag) {
    return switch (tag) {
      case STRING -> "STRING";
      case LOAD_CLASS -> "LOAD_CLASS";
      case UNLOAD_CLASS -> "UNLOAD_CLASS";
      case STACK_FRAME -> "STACK_FRAME";
      case STACK_TRACE -> "STACK_TRACE";
      case ALLOC_SITES -> "ALLOC_SITES";
      case HEAP_SUMMARY -> "HEAP_SUMMARY";
      case START_THREAD -> "START_THREAD";
      case END_THREAD -> "END_THREAD";
      case HEAP_DUMP -> "HEAP_DUMP";
      case CPU_SAMPLES -> "CPU_SAMPLES";
      case CONTROL_SETTINGS -> "CONTROL_SETTINGS";
      case HEAP_DUMP_SEGMENT -> "HEAP_DUMP_SEGMENT";
      case HEAP_DUMP_END -> "HEAP_DUMP_END";
      default -> "unknown";
    };
  }

  /** A readable name for a heap dump sub-record tag, for messages. */
  public static String subRecordName(int tag) {
    if (tag == CLASS_DUMP) return "CLASS_DUMP";
    if (tag == INSTANCE_DUMP) return "INSTANCE_DUMP";
    if (tag == OBJ_ARRAY_DUMP) return "OBJ_ARRAY_DUMP";
    if (tag == PRIM_ARRAY_DUMP) return "PRIM_ARRAY_DUMP";
    if (tag == PRIM_ARRAY_NODATA) return "PRIM_ARRAY_NODATA";
    if (tag == HEAP_DUMP_INFO) return "HEAP_DUMP_INFO";
    RootKind root = RootKind.byTag(tag);
    return root == null ? "unknown" : root.name();
  }
}
