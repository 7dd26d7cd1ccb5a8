package dev.leakdiff.hunt.capture;

import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.Reporter;
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
 * complete, beside its sidecar DIR/LABEL.json; both owner-only. A failed capture leaves no file behind, nor a directory
 * it created.
 */
public final class Capturer {
  private Capturer() {}

  /**
   * A capture of the dumper's JVM into dir as label: live objects only when live; an existing capture of that label is
   * replaced only with force. A zero timeout waits as long as it takes.
   */
  public static Capture capture(HeapDumper dumper, Path where, String label, Long iteration, boolean live, boolean force,
      Duration timeout) {
    return capture(dumper, where, label, iteration, live, force, timeout, Reporter.SILENT);
  }

  /** As {@link #capture(HeapDumper, Path, String, Long, boolean, boolean, Duration)}, showing the dump being written. */
  public static Capture capture(HeapDumper dumper, Path where, String label, Long iteration, boolean live, boolean force,
      Duration timeout, Reporter reporter) {
    checkLabel(label);
    Path dir = where.toAbsolutePath(); // the target JVM writes the file: its working directory is not ours
    Path dump = dir.resolve(label + ".hprof");
    Path sidecar = dir.resolve(label + ".json");
    if (!force && (Files.exists(dump) || Files.exists(sidecar))) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, dump + " or its sidecar exists already; --force replaces them");
    }
    dumper.check();
    Path created = firstMissing(dir); // what this capture creates, and removes again when it fails
    try {
      return capture(dumper, dir, dump, sidecar, label, iteration, live, timeout, reporter);
    } catch (RuntimeException | Error e) {
      if (created != null) {
        deleteEmpty(dir, created);
      }
      throw e;
    }
  }

  private static Capture capture(HeapDumper dumper, Path dir, Path dump, Path sidecar, String label, Long iteration,
      boolean live, Duration timeout, Reporter reporter) {
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
      Sidecar measured;
      Progress written = new Progress();
      written.begin(0);
      try (Reporter.Display shown = reporter.writing(label + ".hprof", written);
           SizeWatch watch = new SizeWatch(partial, written)) {
        measured = dumper.dump(partial, live, timeout);
      }
      Sidecar facts = measured.labelled(label, iteration, processStart(measured.pid()));
      try {
        OwnerOnly.set(partial);
        Path sidecarPartial = dir.resolve("." + label + ".partial-" + System.nanoTime() + ".json");
        Files.writeString(sidecarPartial, facts.json());
        OwnerOnly.set(sidecarPartial);
        move(partial, dump);
        if (Files.isRegularFile(AllocationRecording.of(partial))) { // the allocation recording written after the dump
          move(AllocationRecording.of(partial), AllocationRecording.of(dump));
        }
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

  /** The outermost directory of dir that does not exist yet (dir itself, or one above it); null when dir exists. */
  private static Path firstMissing(Path dir) {
    Path missing = null;
    for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
      missing = p;
    }
    return missing;
  }

  /** Removes the directories from dir up to created, each only if empty. */
  private static void deleteEmpty(Path dir, Path created) {
    for (Path p = dir; p != null && p.startsWith(created); p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        return; // not empty, or not ours to remove
      }
    }
  }

  /** Polls the size of a file being written into a progress, until closed. */
  private static final class SizeWatch implements AutoCloseable {
    private final Thread thread;

    SizeWatch(Path file, Progress progress) {
      thread = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            try {
              progress.set(Files.size(file));
            } catch (IOException notYet) {
              // the JVM has not created it yet
            }
            Thread.sleep(100);
          }
        } catch (InterruptedException e) {
          // closed
        }
      }, "leakdiff-dump-size");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      thread.interrupt();
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
