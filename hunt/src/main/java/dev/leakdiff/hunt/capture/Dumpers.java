package dev.leakdiff.hunt.capture;

import java.util.function.Supplier;

/** The ways to dump a JVM: attach to another by pid, or the one this code runs in. */
public final class Dumpers {
  private Dumpers() {}

  /** Dumps another JVM through the attach mechanism, as jcmd does. */
  public static HeapDumper attach(long pid) {
    return new AttachDumper(pid, null, null);
  }

  /**
   * Dumps another JVM through the attach mechanism, reading its buffer pools from pools after each dump (a scenario's
   * runner tells them; no diagnostic command does).
   */
  public static HeapDumper attach(long pid, Supplier<BufferPools> pools) {
    return new AttachDumper(pid, pools, null);
  }

  /**
   * Dumps another JVM through the attach mechanism; after each dump, its allocation recording is written beside the
   * dump, or started, as the plan says (pools may be null).
   */
  public static HeapDumper attach(long pid, Supplier<BufferPools> pools, AllocationRecording.Plan allocations) {
    return new AttachDumper(pid, pools, allocations);
  }

  /** Dumps a JVM confirmed before, once it is confirmed again to be that same JVM before each dump. */
  public static HeapDumper attach(Jvms.Confirmed target) {
    return new AttachDumper(target);
  }

  /** Dumps the JVM this code runs in, through its HotSpotDiagnosticMXBean. */
  public static HeapDumper inProcess() {
    return new InProcessDumper();
  }
}
