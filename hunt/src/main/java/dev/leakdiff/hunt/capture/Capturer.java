package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;

import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Takes a capture: the dumper writes the dump under a temporary name that becomes DIR/LABEL.hprof only once
 * complete, beside its sidecar DIR/LABEL.json; both owner-only. A failed capture leaves no file behind.
 */
public final class Capturer {
  private Capturer() {}

  /**
   * A capture of the dumper's JVM into dir as label: live objects only when live; an existing capture of that label is
   * replaced only with force. A zero timeout waits as long as it takes.
   */
  public static Capture capture(HeapDumper dumper, Path where, String label, Long iteration, boolean live, boolean force,
      Duration timeout) {
    checkLabel(label);
    Path dir = where.toAbsolutePath(); // the target JVM writes the file: its working directory is not ours
    Path dump = dir.resolve(label + ".hprof");
    Path sidecar = dir.resolve(label + ".json");
    if (!force && (Files.exists(dump) || Files.exists(sidecar))) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, dump + " or its sidecar exists already; --force replaces them");
    }
    dumper.check();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      String why = e instanceof AccessDeniedException ? "permission denied"
          : e instanceof FileAlreadyExistsException ? "a file of that name is in the way" : LeakdiffException.rootMessage(e);
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot create the directory " + dir + " (" + why + ")");
    }
    if (!Files.isWritable(dir)) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot write to " + dir);
    }
    // HotSpot insists on the .hprof ending; the leading dot and "partial" keep it apart from finished dumps
    Path partial = dir.resolve("." + label + ".partial-" + System.nanoTime() + ".hprof");
    try {
      Sidecar measured = dumper.dump(partial, live, timeout);
      Sidecar facts = measured.labelled(label, iteration, processStart(measured.pid()));
      try {
        OwnerOnly.set(partial);
        Path sidecarPartial = dir.resolve("." + label + ".partial-" + System.nanoTime() + ".json");
        Files.writeString(sidecarPartial, facts.json());
        OwnerOnly.set(sidecarPartial);
        move(partial, dump);
        move(sidecarPartial, sidecar);
      } catch (IOException e) {
        throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot finish the capture in " + dir + " ("
            + LeakdiffException.rootMessage(e) + ")");
      }
      return new Capture(dump, sidecar, facts);
    } finally {
      deleteLeftovers(dir, label, partial);
    }
  }

  /**
   * When the process started, as ISO-8601 (what tells a process from a later one given the same pid), or null where the
   * system does not tell.
   */
  static String processStart(Long pid) {
    return pid == null ? null : ProcessHandle.of(pid).flatMap(p -> p.info().startInstant())
        .map(java.time.Instant::toString).orElse(null);
  }

  /** A label is a file name, never a path. */
  public static void checkLabel(String label) {
    boolean control = label.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    if (label.isEmpty() || label.contains("/") || label.contains("\\") || label.contains("..") || label.startsWith("-")
        || label.startsWith(".") || control) {
      throw new LeakdiffException(Kind.USAGE, "the label '" + label.replaceAll("\\p{Cntrl}", "?")
          + "' is not a plain file name (no '/', '..', leading '-' or '.', or control characters)");
    }
  }

  private static void deleteLeftovers(Path dir, String label, Path partial) {
    try {
      Files.deleteIfExists(partial);
      try (var leftovers = Files.newDirectoryStream(dir, "." + label + ".partial-*")) {
        for (Path p : leftovers) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException ignored) {
      // nothing more can be done; the names start with a dot and say "partial"
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
