package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;

import com.sun.tools.attach.VirtualMachine;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.io.IOException;
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
  private final Jvms.Confirmed confirmed;
  private final Supplier<BufferPools> pools;
  private final AllocationRecording.Plan allocations;

  /** pools tells the target's buffer pools (leakdiff run asks the scenario's JVM), or is null: none to be had. */
  AttachDumper(long pid, Supplier<BufferPools> pools, AllocationRecording.Plan allocations) {
    this.pid = pid;
    this.confirmed = null;
    this.pools = pools;
    this.allocations = allocations;
  }

  /** Dumps a JVM confirmed before, once it is confirmed again to be that same JVM (its start time). */
  AttachDumper(Jvms.Confirmed confirmed) {
    this.pid = confirmed.pid();
    this.confirmed = confirmed;
    this.pools = null;
    this.allocations = null;
  }

  @Override
  public String target() {
    return "pid " + pid;
  }

  /** No such process, or not a JVM: found before anything is sent to the pid. */
  @Override
  public void check() {
    if (confirmed == null) {
      Jvms.confirm(pid);
    } else {
      confirmed.again();
    }
  }

  @Override
  public Sidecar dump(Path file, boolean live, Duration timeout) {
    try (Attach attach = confirmed == null ? Attach.to(pid) : Attach.to(confirmed)) {
      VirtualMachine vm = attach.vm();
      if (attach.diagnosticCommands()) {
        return JcmdFacts.dump(vm, pools, pid, target(), file, live, timeout, allocations);
      }
      if (allocations != null) {
        throw new LeakdiffException(Kind.ATTACH_REFUSED, "pid " + pid + ": allocation sites need the attach mechanism's"
            + " diagnostic commands, which this JVM may not send (start leakdiff with its launcher)");
      }
      try (JMXConnector jmx = connect(vm)) {
        return JvmFacts.dump(jmx.getMBeanServerConnection(), pools, pid, target(), file, live, timeout);
      }
    } catch (IOException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "the dump of pid " + pid + " failed: " + LeakdiffException.rootMessage(e));
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
}
