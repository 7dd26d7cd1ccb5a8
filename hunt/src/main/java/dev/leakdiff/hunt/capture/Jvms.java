package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.List;

/** The JVMs on this machine that leakdiff can attach to, like jps. */
public final class Jvms {
  private Jvms() {}

  /** A local JVM: its pid, main class (or "?"), and Java version (or why it is unknown). */
  public record Jvm(long pid, String mainClass, String version) {}

  /** Every local JVM but this one. */
  public static List<Jvm> list() {
    List<Jvm> out = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    for (VirtualMachineDescriptor d : VirtualMachine.list()) {
      long pid = Long.parseLong(d.id());
      if (pid != self) {
        out.add(new Jvm(pid, d.displayName().isEmpty() ? "?" : d.displayName().split(" ")[0], version(d)));
      }
    }
    return out;
  }

  private static String version(VirtualMachineDescriptor d) {
    try {
      VirtualMachine vm = VirtualMachine.attach(d);
      try {
        return vm.getSystemProperties().getProperty("java.version", "?");
      } finally {
        vm.detach();
      }
    } catch (Exception e) {
      return "? (" + LeakdiffException.rootMessage(e) + ")";
    }
  }
}
