package dev.leakdiff.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** leakdiff capture: a heap dump of a running JVM, with a sidecar of process facts. */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = {"Takes a live heap dump of a running JVM, with a sidecar of process facts.",
        "Through the JVM's attach mechanism (a full GC first), as DIR/LABEL.hprof, with DIR/LABEL.json: heap before",
        "and after, RSS, threads, class histogram totals."},
    footer = {"%nExamples:%n  leakdiff capture --iteration 10 12345", "  leakdiff capture --list"})
final class CaptureCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PID", description = "The process to dump.")
  Long pid;

  @Option(names = "--list", description = "List the local JVMs (pid, main class, version), like jps.")
  boolean list;

  @Option(names = "--iteration", paramLabel = "N", description = "Iterations run so far; the label defaults to iter-N.")
  Integer iteration;

  @Option(names = "--label", paramLabel = "NAME", description = "The file name, without .hprof (default iter-N, else a timestamp).")
  String label;

  @Option(names = "--dir", defaultValue = "leakdiff-captures", paramLabel = "DIR", description = "Where to write (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--all", description = "Keep unreachable objects too (no GC before the dump).")
  boolean all;

  @Option(names = "--force", description = "Replace an existing dump of the same label.")
  boolean force;

  @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS", description = "Give up after this long (default ${DEFAULT-VALUE}).")
  long timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      Table t = new Table(">PID", "MAIN CLASS", "JVM");
      long self = ProcessHandle.current().pid();
      for (VirtualMachineDescriptor d : VirtualMachine.list()) {
        if (Long.parseLong(d.id()) == self) {
          continue;
        }
        t.row(d.id(), d.displayName().isEmpty() ? "?" : d.displayName().split(" ")[0], version(d));
      }
      t.print(out);
      return ExitCodes.OK;
    }
    if (pid == null) {
      throw new UserError(ExitCodes.USAGE, "capture needs a PID (or --list)");
    }
    String name = label != null ? label
        : iteration != null ? "iter-" + iteration
        : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    checkLabel(name);
    Capturer.Result r = Capturer.capture(pid, dir, name, iteration, !all, force, timeout);
    out.printf("%s: %s in %.1f s (sidecar %s)%n", r.dump(), Sizes.bytes(r.bytes()), r.millis() / 1000.0, r.sidecar().getFileName());
    return ExitCodes.OK;
  }

  /** A label is a file name, never a path. */
  static void checkLabel(String label) {
    boolean control = label.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    if (label.isEmpty() || label.contains("/") || label.contains("\\") || label.contains("..") || label.startsWith("-")
        || label.startsWith(".") || control) {
      throw new UserError(ExitCodes.USAGE, "the label '" + label.replaceAll("\\p{Cntrl}", "?")
          + "' is not a plain file name (no '/', '..', leading '-' or '.', or control characters)");
    }
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
      return "? (" + Capturer.rootMessage(e) + ")";
    }
  }
}
