package dev.leakdiff.hunt.watch;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.capture.Attach;
import dev.leakdiff.hunt.capture.HeapInfo;
import dev.leakdiff.hunt.capture.Jvms;
import dev.leakdiff.hunt.capture.NativeMemory;
import dev.leakdiff.hunt.capture.ProcessStatus;
import dev.leakdiff.hunt.capture.Sidecar;
import java.io.IOException;
import java.time.Instant;

/**
 * Takes the samples of a watched JVM through the attach mechanism's diagnostic commands alone (no agent, no management
 * connection): before each, the pid is confirmed to be the same JVM (its start time), then the target's performance
 * counters are read from its hsperfdata file, GC.class_histogram is sent (one full GC), the counters read again (the
 * pause that GC cost, by the target's own count), GC.heap_info and, where native memory tracking is on, VM.native_memory summary; RSS and threads from /proc
 * once the attach listener runs, so that every sample counts it alike.
 */
public final class Sampler {
  private final Jvms.Confirmed target;
  private final WorkMeter work;
  private Boolean nativeMemoryTracking;

  public Sampler(Jvms.Confirmed target, WorkMeter work) {
    this.target = target;
    this.work = work;
  }

  public Jvms.Confirmed target() {
    return target;
  }

  public WorkMeter work() {
    return work;
  }

  public long pid() {
    return target.pid();
  }

  /** The sample numbered index; fails with {@link Kind#NO_PROCESS} or {@link Kind#NOT_A_JVM} once the JVM is gone. */
  public Sample take(int index) {
    long start = System.nanoTime();
    long pid = target.pid();
    try (Attach a = Attach.to(target)) {
      if (!a.diagnosticCommands()) {
        throw new LeakdiffException(Kind.ATTACH_REFUSED, "this JVM may not send diagnostic commands to pid " + pid
            + " (run leakdiff through its launcher, which opens jdk.attach/sun.tools.attach)");
      }
      PerfCounters before = counters(pid);
      String time = Instant.now().toString();
      double w = work.read();
      String histogram = a.jcmd("GC.class_histogram");
      PerfCounters after = counters(pid);
      Sidecar.MemoryUse heap = HeapInfo.parse(a.jcmd("GC.heap_info"), -1);
      Long nativeCommitted = null;
      if (nativeMemoryTracking == null || nativeMemoryTracking) {
        NativeMemory nmt = NativeMemory.parse(a.jcmd("VM.native_memory summary"));
        nativeMemoryTracking = nmt != null;
        nativeCommitted = nmt == null ? null : nmt.committed(NativeMemory.TOTAL);
      }
      long[] proc = ProcessStatus.of(pid);
      if (!histogram.contains("#instances")) {
        throw gone(pid, "its class histogram was cut short: " + histogram.strip().lines().reduce((x, y) -> y).orElse(""));
      }
      Double pause = before.gcPauseMillis() == null || after.gcPauseMillis() == null ? null
          : Math.round((after.gcPauseMillis() - before.gcPauseMillis()) * 1000) / 1000.0; // to the microsecond
      return new Sample(index, time, w, ClassHistogramText.parse(histogram), heap == null ? null : heap.used(),
          proc[0] < 0 ? null : proc[0], proc[1] < 0 ? null : proc[1], after.loadedClasses(), nativeCommitted, pause,
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      throw gone(pid, LeakdiffException.rootMessage(e));
    }
  }

  /** The target's performance counters; the JVM writes its file as the user it runs as, which is leakdiff's. */
  private static PerfCounters counters(long pid) {
    return PerfCounters.read(pid, System.getProperty("user.name"), Jvms.tempDirectories());
  }

  /** A diagnostic command that failed: the JVM ended meanwhile, or it did not answer. */
  private LeakdiffException gone(long pid, String why) {
    if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
      return new LeakdiffException(Kind.NO_PROCESS, "pid " + pid + " ended during a sample");
    }
    return new LeakdiffException(Kind.CAPTURE_FAILED, "pid " + pid + " did not answer a diagnostic command (" + why + ")");
  }
}
