package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;

/**
 * An attach to a JVM confirmed just before ({@link Jvms.Confirmed#again}), the one way leakdiff attaches: to send the
 * diagnostic commands jcmd sends ({@link #jcmd}), or to reach the JVM itself ({@link #vm}). Closing it detaches.
 */
public final class Attach implements AutoCloseable {
  private final long pid;
  private final VirtualMachine vm;

  private Attach(long pid, VirtualMachine vm) {
    this.pid = pid;
    this.vm = vm;
  }

  /** Attaches to a pid once it is confirmed to be a JVM of this user. */
  public static Attach to(long pid) {
    return to(Jvms.confirm(pid));
  }

  /** Attaches to a JVM confirmed before, once it is confirmed again to be that same JVM. */
  public static Attach to(Jvms.Confirmed target) {
    long pid = target.again().pid();
    try {
      return new Attach(pid, VirtualMachine.attach(Long.toString(pid)));
    } catch (AttachNotSupportedException | IOException e) {
      throw failure(pid, e);
    }
  }

  /** Whether this JVM may send diagnostic commands (the launcher exports the JDK's method that sends them). */
  public boolean diagnosticCommands() {
    return JcmdFacts.available(vm);
  }

  /** A diagnostic command's output, as jcmd prints it. */
  public String jcmd(String command) throws IOException {
    return JcmdFacts.jcmd(vm, command);
  }

  VirtualMachine vm() {
    return vm;
  }

  @Override
  public void close() {
    try {
      vm.detach();
    } catch (IOException ignored) {
      // the target may have gone
    }
  }

  /** Why a confirmed JVM could not be attached to, in one sentence. */
  private static LeakdiffException failure(long pid, Exception e) {
    String why = LeakdiffException.rootMessage(e);
    if (ProcessHandle.of(pid).isEmpty() || why.contains("No such process")) {
      return new LeakdiffException(Kind.NO_PROCESS, "pid " + pid + " ended before leakdiff could attach to it");
    }
    if (why.contains("owned by") || why.contains("Permission denied") || why.contains("Operation not permitted")) {
      return new LeakdiffException(Kind.ATTACH_REFUSED, "pid " + pid + " is a JVM of another user; run leakdiff as that user ("
          + why + ")");
    }
    if (why.contains("Unable to open socket file")) {
      return new LeakdiffException(Kind.ATTACH_REFUSED, "pid " + pid + " is a JVM that does not answer the attach mechanism"
          + " (started with -XX:+DisableAttachMechanism?)");
    }
    return new LeakdiffException(Kind.ATTACH_REFUSED, "cannot attach to pid " + pid + " (" + why + "); is it started with "
        + "-XX:+DisableAttachMechanism?");
  }
}
