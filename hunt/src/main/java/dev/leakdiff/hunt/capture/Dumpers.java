package dev.leakdiff.hunt.capture;

import java.util.function.Supplier;

/** The ways to dump a JVM: attach to another by pid, or the one this code runs in. */
public final class Dumpers {
  private Dumpers() {}

  /** Dumps another JVM through the attach mechanism, as jcmd does. */
  public static HeapDumper attach(long pid) {
    return new AttachDumper(pid, null);
  }

  /**
   * Dumps another JVM through the attach mechanism, reading its buffer pools from pools after each dump (a scenario's
   * runner tells them; no diagnostic command does).
   */
  public static HeapDumper attach(long pid, Supplier<BufferPools> pools) {
    return new AttachDumper(pid, pools);
  }

  /** Dumps the JVM this code runs in, through its HotSpotDiagnosticMXBean. */
  public static HeapDumper inProcess() {
    return new InProcessDumper();
  }
}
