package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JVMs on this machine that leakdiff can attach to, like jps, and the one check made before every attach: on JDK 17
 * the attach mechanism begins by sending SIGQUIT, which ends a process that is not a JVM, so nothing is attached to
 * unless {@link #confirm} has shown it is one.
 */
public final class Jvms {
  private Jvms() {}

  /** A local JVM: its pid, main class (or "?"), and Java version (or why it is unknown). */
  public record Jvm(long pid, String mainClass, String version) {}

  /**
   * A process shown to be a HotSpot JVM of this user, and when it started (null where the system does not tell): a pid
   * taken later by another process has another start time.
   */
  public record Confirmed(long pid, Instant started) {
    /** Confirms once more that the pid is this same JVM, as before each attach; fails as {@link #confirm} does. */
    public Confirmed again() {
      Confirmed now = confirm(pid);
      if (started != null && now.started != null && !started.equals(now.started)) {
        throw new LeakdiffException(Kind.NO_PROCESS, "pid " + pid + " is no longer the same process: the JVM started at "
            + started + " has ended, and a process started at " + now.started + " has its pid");
      }
      return now;
    }
  }

  /** Every local JVM but this one; a pid listed by a stale hsperfdata file that no JVM has now is left out. */
  public static List<Jvm> list() {
    List<Jvm> out = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    for (VirtualMachineDescriptor d : VirtualMachine.list()) {
      long pid = Long.parseLong(d.id());
      if (pid != self && isJvm(pid)) {
        out.add(new Jvm(pid, d.displayName().isEmpty() ? "?" : d.displayName().split(" ")[0], version(d)));
      }
    }
    return out;
  }

  private static boolean isJvm(long pid) {
    try {
      confirm(pid);
      return true;
    } catch (LeakdiffException e) {
      return false;
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
      return "? (" + LeakdiffException.rootMessage(e) + ")";
    }
  }

  /**
   * Shows that a pid is a HotSpot JVM of this user, without sending it anything: its memory map (/proc/PID/maps) names
   * libjvm; or, where the map cannot be read, a performance data file of this user names the pid
   * (TMP/hsperfdata_USER/PID, written by the JVM after it started). Fails with {@link Kind#NO_PROCESS} when no process
   * has the pid, {@link Kind#ATTACH_REFUSED} when another user's performance data file names it, else
   * {@link Kind#NOT_A_JVM} with a sentence that says why.
   */
  public static Confirmed confirm(long pid) {
    return confirm(pid, tempDirectories());
  }

  static Confirmed confirm(long pid, List<Path> tempDirs) {
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow(
        () -> new LeakdiffException(Kind.NO_PROCESS, "no process with pid " + pid));
    Instant started = process.info().startInstant().orElse(null);
    Path maps = Path.of("/proc", Long.toString(pid), "maps");
    String unreadable;
    try (BufferedReader in = Files.newBufferedReader(maps, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      if (in.lines().anyMatch(l -> l.contains("/libjvm."))) {
        return new Confirmed(pid, started);
      }
      if (ProcessHandle.of(pid).isEmpty()) {
        throw new LeakdiffException(Kind.NO_PROCESS, "no process with pid " + pid);
      }
      if (ended(pid)) { // an empty map: the process has exited and waits for its parent to reap it
        throw new LeakdiffException(Kind.NO_PROCESS, "pid " + pid + " has ended (its parent has not yet collected its exit status)");
      }
      throw new LeakdiffException(Kind.NOT_A_JVM, "pid " + pid + " is not a JVM (no libjvm in its memory map, " + maps
          + "); nothing was sent to it");
    } catch (NoSuchFileException e) {
      if (Files.isDirectory(Path.of("/proc")) && !Files.isDirectory(maps.getParent())) {
        throw new LeakdiffException(Kind.NO_PROCESS, "no process with pid " + pid); // it ended meanwhile
      }
      unreadable = Files.isDirectory(Path.of("/proc")) ? "it is missing" : "this system has no /proc";
    } catch (AccessDeniedException e) {
      unreadable = "permission denied";
    } catch (IOException | UncheckedIOException e) {
      unreadable = LeakdiffException.rootMessage(e);
    }
    String owner = perfDataOwner(pid, started, tempDirs);
    if (user().equals(owner)) {
      return new Confirmed(pid, started);
    }
    if (owner != null) {
      throw new LeakdiffException(Kind.ATTACH_REFUSED, "pid " + pid + " is a JVM of another user (" + owner
          + "); run leakdiff as that user");
    }
    throw new LeakdiffException(Kind.NOT_A_JVM, "cannot tell whether pid " + pid + " is a JVM: " + maps + " is not readable ("
        + unreadable + "), and no hsperfdata file names it (" + String.join(" or ", tempDirs.stream()
            .map(d -> d.resolve("hsperfdata_" + user()).resolve(Long.toString(pid)).toString()).toList())
        + "); nothing was sent to it");
  }

  /** Whether the process has exited: its state in /proc/PID/stat (after the command name's closing parenthesis) is Z or X. */
  static boolean ended(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String rest = stat.substring(stat.lastIndexOf(')') + 1).strip();
      return rest.startsWith("Z") || rest.startsWith("X");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whose JVM the pid is, by the performance data file that names it (TMP/hsperfdata_USER/PID) and is no older than the
   * process (an older one was left by a JVM that had the pid before); null when none does.
   */
  private static String perfDataOwner(long pid, Instant started, List<Path> tempDirs) {
    for (Path temp : tempDirs) {
      try (var dirs = Files.newDirectoryStream(temp, "hsperfdata_*")) {
        for (Path dir : dirs) {
          Path file = dir.resolve(Long.toString(pid));
          if (Files.isRegularFile(file) && (started == null
              || !Files.getLastModifiedTime(file).toInstant().isBefore(started.minusSeconds(1)))) {
            return dir.getFileName().toString().substring("hsperfdata_".length());
          }
        }
      } catch (IOException | RuntimeException e) {
        // unreadable: no evidence
      }
    }
    return null;
  }

  /** Where HotSpot keeps its performance data files: /tmp on Linux, and java.io.tmpdir where it differs. */
  public static List<Path> tempDirectories() {
    Set<Path> dirs = new LinkedHashSet<>();
    dirs.add(Path.of("/tmp"));
    dirs.add(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize());
    return List.copyOf(dirs);
  }

  private static String user() {
    return System.getProperty("user.name");
  }
}
