package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

/** Dumps the JVM this code runs in, through its own management beans: no attach, no connection, no other process. */
final class InProcessDumper implements HeapDumper {
  @Override
  public String target() {
    return "this JVM (pid " + ProcessHandle.current().pid() + ")";
  }

  @Override
  public Sidecar dump(Path file, boolean live, Duration timeout) {
    try {
      return JvmFacts.dump(ManagementFactory.getMemoryMXBean(), ManagementFactory.getRuntimeMXBean(),
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), ManagementFactory.getPlatformMBeanServer(),
          BufferPools::local, ProcessHandle.current().pid(), target(), file, live, timeout);
    } catch (IOException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "the dump of " + target() + " failed: " + LeakdiffException.rootMessage(e));
    }
  }
}
