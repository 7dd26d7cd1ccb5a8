package dev.leakdiff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Takes a heap dump of a running JVM the way jcmd does, with no external process: the attach mechanism
 * starts the target's local management agent, and HotSpotDiagnosticMXBean writes the dump under a temporary
 * name that becomes DIR/LABEL.hprof only once complete, beside a sidecar DIR/LABEL.json of process facts.
 */
final class Capturer {
  /** What a capture wrote and measured. */
  record Result(Path dump, Path sidecar, long bytes, long millis) {}

  private Capturer() {}

  static Result capture(long pid, Path where, String label, Integer iteration, boolean live, boolean force, long timeoutSeconds)
      throws Exception {
    Path dir = where.toAbsolutePath(); // the target JVM writes the file: its working directory is not ours
    Path dump = dir.resolve(label + ".hprof");
    Path sidecar = dir.resolve(label + ".json");
    if (!force && (Files.exists(dump) || Files.exists(sidecar))) {
      throw new UserError(ExitCodes.CAPTURE_FAILED, dump + " or its sidecar exists already; --force replaces them");
    }
    if (ProcessHandle.of(pid).isEmpty()) {
      throw new UserError(ExitCodes.NO_PROCESS, "no process with pid " + pid);
    }
    Path maps = Path.of("/proc", Long.toString(pid), "maps");
    if (Files.isReadable(maps) && !mapsJvm(maps)) {
      throw new UserError(ExitCodes.NOT_A_JVM, "pid " + pid + " is not a JVM (no libjvm in its memory map)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name is in the way" : rootMessage(e);
      throw new UserError(ExitCodes.CAPTURE_FAILED, "cannot create the directory " + dir + " (" + why + ")");
    }
    if (!Files.isWritable(dir)) {
      throw new UserError(ExitCodes.CAPTURE_FAILED, "cannot write to " + dir);
    }
    // HotSpot insists on the .hprof ending; the leading dot and "partial" keep it apart from finished dumps
    Path partial = dir.resolve("." + label + ".partial-" + System.nanoTime() + ".hprof");
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException | IOException e) {
      throw attachFailure(pid, e, Files.isReadable(maps));
    }
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "leakdiff-capture");
      t.setDaemon(true);
      return t;
    });
    try (JMXConnector jmx = connect(vm, pid)) {
      MBeanServerConnection server = jmx.getMBeanServerConnection();
      MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
      RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
      HotSpotDiagnosticMXBean hotspot = ManagementFactory.newPlatformMXBeanProxy(server,
          "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
      ObjectNode facts = Json.MAPPER.createObjectNode();
      facts.put("pid", pid);
      facts.put("label", label);
      if (iteration != null) {
        facts.put("iteration", iteration);
      }
      facts.put("time", Instant.now().toString());
      facts.put("jvmName", runtime.getVmName());
      facts.put("jvmVersion", runtime.getVmVersion());
      facts.put("jvmVendor", runtime.getVmVendor());
      facts.put("live", live);
      usage(facts.putObject("heapBefore"), memory.getHeapMemoryUsage());
      ProcFacts.put(facts, pid);
      long start = System.nanoTime();
      Future<?> written = worker.submit(() -> {
        hotspot.dumpHeap(partial.toString(), live);
        return null;
      });
      try {
        written.get(timeoutSeconds, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        // the target goes on writing: wait (a while) for it to close the file, so that deleting it leaves nothing
        try {
          written.get(60, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // deleted below all the same
        }
        throw new UserError(ExitCodes.CAPTURE_TIMEOUT, "the dump of pid " + pid + " did not finish in " + timeoutSeconds
            + " s (--timeout); nothing was kept");
      } catch (java.util.concurrent.ExecutionException e) {
        throw new UserError(ExitCodes.CAPTURE_FAILED, "pid " + pid + " could not write its dump to " + dir + ": "
            + rootMessage(e.getCause()));
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      usage(facts.putObject("heapAfter"), memory.getHeapMemoryUsage());
      DiagnosticCommands.put(facts, server);
      long bytes = Files.size(partial);
      facts.put("dumpBytes", bytes);
      facts.put("dumpMillis", millis);
      try {
        ownerOnly(partial);
        Path sidecarPartial = dir.resolve("." + label + ".partial-" + System.nanoTime() + ".json");
        Files.writeString(sidecarPartial, Json.MAPPER.writeValueAsString(facts));
        ownerOnly(sidecarPartial);
        move(partial, dump);
        move(sidecarPartial, sidecar);
      } catch (IOException e) {
        throw new UserError(ExitCodes.CAPTURE_FAILED, "cannot finish the capture in " + dir + " (" + rootMessage(e) + ")");
      }
      return new Result(dump, sidecar, bytes, millis);
    } finally {
      worker.shutdownNow();
      Files.deleteIfExists(partial);
      try (var leftovers = Files.newDirectoryStream(dir, "." + label + ".partial-*")) {
        for (Path p : leftovers) {
          Files.deleteIfExists(p);
        }
      }
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the target may have gone
      }
    }
  }

  /** A JMX connection to the target's local management agent, started through the attach mechanism. */
  private static JMXConnector connect(VirtualMachine vm, long pid) {
    try {
      return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
    } catch (IOException | RuntimeException e) {
      throw new UserError(ExitCodes.ATTACH_REFUSED, "pid " + pid + " did not open its management interface ("
          + rootMessage(e) + ")");
    }
  }

  private static boolean mapsJvm(Path maps) {
    try (var lines = Files.lines(maps)) {
      return lines.anyMatch(l -> l.contains("libjvm"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return true; // cannot tell: let the attach decide
    }
  }

  private static UserError attachFailure(long pid, Exception e, boolean knownJvm) {
    String why = rootMessage(e);
    if (knownJvm && why.contains("Unable to open socket file")) {
      return new UserError(ExitCodes.ATTACH_REFUSED, "pid " + pid + " is a JVM that does not answer the attach mechanism"
          + " (started with -XX:+DisableAttachMechanism?)");
    }
    if (why.contains("Unable to open socket file") || why.contains("not a Java") || why.contains("No such process")) {
      return new UserError(ExitCodes.NOT_A_JVM, "pid " + pid + " is not a JVM that leakdiff can attach to (" + why + ")");
    }
    if (why.contains("owned by") || why.contains("Permission denied") || why.contains("Operation not permitted")) {
      return new UserError(ExitCodes.ATTACH_REFUSED, "pid " + pid + " is a JVM of another user; run leakdiff as that user ("
          + why + ")");
    }
    return new UserError(ExitCodes.ATTACH_REFUSED, "cannot attach to pid " + pid + " (" + why + "); is it started with "
        + "-XX:+DisableAttachMechanism?");
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }

  private static void usage(ObjectNode n, MemoryUsage u) {
    n.put("used", u.getUsed());
    n.put("committed", u.getCommitted());
    n.put("max", u.getMax());
  }

  static void ownerOnly(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The GC.class_histogram totals and the native memory summary, through the DiagnosticCommand MBean. */
  static final class DiagnosticCommands {
    private DiagnosticCommands() {}

    static void put(ObjectNode facts, MBeanServerConnection server) {
      try {
        ObjectName dcmd = new ObjectName("com.sun.management:type=DiagnosticCommand");
        String histogram = (String) server.invoke(dcmd, "gcClassHistogram", new Object[] {new String[0]},
            new String[] {String[].class.getName()});
        for (String line : histogram.split("\n")) {
          String[] f = line.trim().split("\\s+");
          if (f.length >= 3 && f[0].equals("Total")) {
            ObjectNode h = facts.putObject("classHistogram");
            h.put("instances", Long.parseLong(f[1]));
            h.put("bytes", Long.parseLong(f[2]));
          }
        }
        String nmt = (String) server.invoke(dcmd, "vmNativeMemory", new Object[] {new String[] {"summary"}},
            new String[] {String[].class.getName()});
        if (nmt != null && nmt.contains("Total:")) {
          facts.put("nativeMemorySummary", nmt);
        } else {
          facts.putNull("nativeMemorySummary");
        }
      } catch (Exception e) {
        facts.put("diagnosticCommandError", rootMessage(e));
      }
    }
  }

  /** RSS and thread count of a process, from /proc on Linux. */
  static final class ProcFacts {
    private ProcFacts() {}

    static void put(ObjectNode facts, long pid) {
      Path status = Path.of("/proc", Long.toString(pid), "status");
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmRSS:")) {
            facts.put("rssBytes", Long.parseLong(line.replaceAll("\\D+", "")) * 1024);
          } else if (line.startsWith("Threads:")) {
            facts.put("threads", Integer.parseInt(line.replaceAll("\\D+", "")));
          }
        }
      } catch (IOException | NumberFormatException e) {
        facts.putNull("rssBytes");
        facts.putNull("threads");
      }
    }
  }
}
