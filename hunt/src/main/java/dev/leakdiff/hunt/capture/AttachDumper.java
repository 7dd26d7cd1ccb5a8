package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Dumps another JVM the way jcmd does: through the attach mechanism's diagnostic commands ({@link JcmdFacts}), or,
 * where this JVM may not send them, through the local management agent the attach mechanism starts and JMX.
 */
final class AttachDumper implements HeapDumper {
  private final long pid;
  private final Supplier<BufferPools> pools;

  /** pools tells the target's buffer pools (leakdiff run asks the scenario's JVM), or is null: none to be had. */
  AttachDumper(long pid, Supplier<BufferPools> pools) {
    this.pid = pid;
    this.pools = pools;
  }

  @Override
  public String target() {
    return "pid " + pid;
  }

  @Override
  public void check() {
    if (ProcessHandle.of(pid).isEmpty()) {
      throw new LeakdiffException(Kind.NO_PROCESS, "no process with pid " + pid);
    }
    if (Files.isReadable(maps()) && !mapsJvm(maps())) {
      throw new LeakdiffException(Kind.NOT_A_JVM, "pid " + pid + " is not a JVM (no libjvm in its memory map)");
    }
  }

  private Path maps() {
    return Path.of("/proc", Long.toString(pid), "maps");
  }

  @Override
  public Sidecar dump(Path file, boolean live, Duration timeout) {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException | IOException e) {
      throw attachFailure(e, Files.isReadable(maps()));
    }
    try {
      if (JcmdFacts.available(vm)) {
        return JcmdFacts.dump(vm, pools, pid, target(), file, live, timeout);
      }
      try (JMXConnector jmx = connect(vm)) {
        return JvmFacts.dump(jmx.getMBeanServerConnection(), pools, pid, target(), file, live, timeout);
      }
    } catch (IOException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "the dump of pid " + pid + " failed: " + LeakdiffException.rootMessage(e));
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the target may have gone
      }
    }
  }

  /** A JMX connection to the target's local management agent, started through the attach mechanism. */
  private JMXConnector connect(VirtualMachine vm) {
    try {
      return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
    } catch (IOException | RuntimeException e) {
      throw new LeakdiffException(Kind.ATTACH_REFUSED, "pid " + pid + " did not open its management interface ("
          + LeakdiffException.rootMessage(e) + ")");
    }
  }

  private static boolean mapsJvm(Path maps) {
    try (var lines = Files.lines(maps)) {
      return lines.anyMatch(l -> l.contains("libjvm"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return true; // cannot tell: let the attach decide
    }
  }

  private LeakdiffException attachFailure(Exception e, boolean knownJvm) {
    String why = LeakdiffException.rootMessage(e);
    if (knownJvm && why.contains("Unable to open socket file")) {
      return new LeakdiffException(Kind.ATTACH_REFUSED, "pid " + pid + " is a JVM that does not answer the attach mechanism"
          + " (started with -XX:+DisableAttachMechanism?)");
    }
    if (why.contains("Unable to open socket file") || why.contains("not a Java") || why.contains("No such process")) {
      return new LeakdiffException(Kind.NOT_A_JVM, "pid " + pid + " is not a JVM that leakdiff can attach to (" + why + ")");
    }
    if (why.contains("owned by") || why.contains("Permission denied") || why.contains("Operation not permitted")) {
      return new LeakdiffException(Kind.ATTACH_REFUSED, "pid " + pid + " is a JVM of another user; run leakdiff as that user ("
          + why + ")");
    }
    return new LeakdiffException(Kind.ATTACH_REFUSED, "cannot attach to pid " + pid + " (" + why + "); is it started with "
        + "-XX:+DisableAttachMechanism?");
  }
}
