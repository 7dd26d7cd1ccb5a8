package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;

import com.sun.tools.attach.VirtualMachine;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A dump through the attach mechanism's own diagnostic commands, as jcmd sends them: GC.heap_info before and
 * after, GC.heap_dump, GC.class_histogram and VM.native_memory (no command tells the buffer pools: they come from
 * the caller, or are left null). Unlike a JMX connection it starts nothing in
 * the target that lives on (no management agent, no RMI threads), so one capture leaves no trace in the next.
 * The JDK keeps the method that sends a command out of its exported API: the launcher opens it with
 * {@code --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED}; without it {@link #available} is false.
 */
final class JcmdFacts {
  private JcmdFacts() {}

  /** Whether this JVM may send diagnostic commands through an attached VirtualMachine. */
  static boolean available(VirtualMachine vm) {
    try {
      Method m = vm.getClass().getMethod("executeJCmd", String.class);
      return m.canAccess(vm) || m.trySetAccessible();
    } catch (NoSuchMethodException | RuntimeException e) {
      return false;
    }
  }

  static String jcmd(VirtualMachine vm, String command) throws IOException {
    try {
      Method m = vm.getClass().getMethod("executeJCmd", String.class);
      try (InputStream in = (InputStream) m.invoke(vm, command)) {
        // read as jcmd reads it: the attach socket's stream stops InputStream.readAllBytes after its first 4 KiB
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        for (int n; (n = in.read(b)) > 0; ) {
          out.write(b, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
      }
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      throw c instanceof IOException io ? io : new IOException(LeakdiffException.rootMessage(c), c);
    } catch (ReflectiveOperationException e) {
      throw new IOException("the attach mechanism does not take diagnostic commands here (" + e + ")", e);
    }
  }

  /** -XX:MaxHeapSize from VM.flags, or -1. */
  private static long maxHeap(String flags) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(flags);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** A dump with its facts; the buffer pools from pools, read after the dump and before the native memory, or null. */
  static Sidecar dump(VirtualMachine vm, Supplier<BufferPools> pools, long pid, String target, Path file, boolean live,
      Duration timeout, AllocationRecording.Plan allocations) throws IOException {
    Properties props = vm.getSystemProperties();
    String time = Instant.now().toString();
    String flags = jcmd(vm, "VM.flags");
    long maxHeap = maxHeap(flags);
    Sidecar.MemoryUse before = HeapInfo.parse(jcmd(vm, "GC.heap_info"), maxHeap);
    long[] proc = JvmFacts.proc(pid);
    long start = System.nanoTime();
    String said = Timeouts.within(timeout, target, () -> jcmd(vm, "GC.heap_dump " + (live ? "" : "-all ") + "\"" + file + "\""));
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (!said.contains("Heap dump file created") || !Files.isRegularFile(file)) { // what HotSpot says once it is written
      String[] lines = said.strip().split("\n");
      throw new LeakdiffException(Kind.CAPTURE_FAILED, target + " could not write its dump to " + file.getParent() + ": "
          + lines[lines.length - 1].strip());
    }
    if (allocations != null) { // before anything that may run a GC: the sampled objects are where the dump has them
      AllocationRecording.afterDump(vm, allocations, file, flags, target);
    }
    Sidecar.MemoryUse after = HeapInfo.parse(jcmd(vm, "GC.heap_info"), maxHeap);
    // no diagnostic command tells the buffer pools: run asks the scenario's JVM itself, capture PID leaves them out
    BufferPools buffers = pools == null ? null : pools.get();
    String histogram = jcmd(vm, "GC.class_histogram");
    String nmt = jcmd(vm, "VM.native_memory summary");
    NativeMemory parsed = NativeMemory.parse(nmt);
    return new Sidecar(pid, null, null, time, props.getProperty("java.vm.name"), props.getProperty("java.vm.version"),
        props.getProperty("java.vm.vendor"), live, before, proc[0] < 0 ? null : proc[0], proc[1] < 0 ? null : proc[1], after,
        buffers, JvmFacts.histogramTotals(histogram), parsed, parsed == null ? null : nmt, null, Files.size(file), millis, null);
  }
}
