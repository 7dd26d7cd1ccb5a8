package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * A dump through a JVM's management beans, local or remote, with the facts around it: heap use before and after,
 * RSS and threads from /proc, the buffer pools, the totals of the JVM's own class histogram and its native memory
 * summary. The
 * in-process dumper's way; the attach dumper's when it cannot send diagnostic commands ({@link JcmdFacts}).
 */
final class JvmFacts {
  private JvmFacts() {}

  /**
   * A dump of the JVM behind a connection, through proxies of its beans; its buffer pools from pools when given (the
   * scenario's JVM tells them itself), else from the connection.
   */
  static Sidecar dump(MBeanServerConnection server, Supplier<BufferPools> pools, long pid, String target, Path file,
      boolean live, Duration timeout) throws IOException {
    MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
    HotSpotDiagnosticMXBean hotspot = ManagementFactory.newPlatformMXBeanProxy(server,
        "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
    return dump(memory, runtime, hotspot, server, pools != null ? pools : () -> BufferPools.of(server), pid, target, file, live,
        timeout);
  }

  /**
   * A dump through these beans: a JVM dumping itself passes its own (calls, not proxies), so that no proxy or
   * reflective call is made per capture, and the JDK's one-time reflection work (the accessors it generates after
   * 15 calls of a method) cannot land between two dumps of a leak test.
   */
  static Sidecar dump(MemoryMXBean memory, RuntimeMXBean runtime, HotSpotDiagnosticMXBean hotspot, MBeanServerConnection server,
      Supplier<BufferPools> pools, long pid, String target, Path file, boolean live, Duration timeout) throws IOException {
    String time = Instant.now().toString();
    Sidecar.MemoryUse before = use(memory.getHeapMemoryUsage());
    long[] proc = proc(pid);
    long start = System.nanoTime();
    Timeouts.within(timeout, target, () -> {
      hotspot.dumpHeap(file.toString(), live);
      return null;
    });
    long millis = (System.nanoTime() - start) / 1_000_000;
    Sidecar.MemoryUse after = use(memory.getHeapMemoryUsage());
    BufferPools buffers = BufferPools.settled(pools); // once the buffers the dump's GC found are freed, before NMT
    String[] dcmd = diagnosticCommands(server);
    Sidecar.HistogramTotals totals = histogramTotals(dcmd[0]);
    NativeMemory nmt = NativeMemory.parse(dcmd[1]);
    return new Sidecar(pid, null, null, time, runtime.getVmName(), runtime.getVmVersion(), runtime.getVmVendor(), live, before,
        proc[0] < 0 ? null : proc[0], proc[1] < 0 ? null : proc[1], after, buffers, totals, nmt, nmt == null ? null : dcmd[1],
        dcmd[2], Files.size(file), millis, null);
  }

  private static Sidecar.MemoryUse use(MemoryUsage u) {
    return new Sidecar.MemoryUse(u.getUsed(), u.getCommitted(), u.getMax());
  }

  /** RSS in bytes and the thread count of a process, from /proc on Linux; -1 where unknown. */
  static long[] proc(long pid) {
    return ProcessStatus.of(pid);
  }

  /** GC.class_histogram's and VM.native_memory summary's output, and the error if they failed. */
  private static String[] diagnosticCommands(MBeanServerConnection server) {
    try {
      ObjectName dcmd = new ObjectName("com.sun.management:type=DiagnosticCommand");
      String histogram = (String) server.invoke(dcmd, "gcClassHistogram", new Object[] {new String[0]},
          new String[] {String[].class.getName()});
      String nmt = (String) server.invoke(dcmd, "vmNativeMemory", new Object[] {new String[] {"summary"}},
          new String[] {String[].class.getName()});
      return new String[] {histogram, nmt, null};
    } catch (Exception e) {
      return new String[] {null, null, LeakdiffException.rootMessage(e)};
    }
  }

  static Sidecar.HistogramTotals histogramTotals(String histogram) {
    if (histogram == null) {
      return null;
    }
    for (String line : histogram.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[0].equals("Total")) {
        return new Sidecar.HistogramTotals(Long.parseLong(f[1]), Long.parseLong(f[2]));
      }
    }
    return null;
  }
}
