package dev.leakdiff.hunt.scenario;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.Reporter;
import dev.leakdiff.hunt.analysis.Stages;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.AllocationRecording;
import dev.leakdiff.hunt.capture.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The directory of a hunt's dumps, sidecars and log: owner-only, never replacing a file, cleaned up when not kept. */
public record RunDirectory(Path path, boolean made) {
  /** The settings of the scenario JVM's allocation recording. */
  static final String SETTINGS = "allocations.jfc";

  /**
   * The files a hunt with these planned iterations may write in a directory: the scenario's log, its allocation
   * settings, and each stage's dump, sidecar and allocation recording (the stage added too).
   */
  public static List<Path> files(Path dir, long[] iterations) {
    List<Path> mine = new ArrayList<>(List.of(dir.resolve("scenario.log"), dir.resolve(SETTINGS)));
    for (long i : java.util.stream.LongStream.concat(java.util.Arrays.stream(iterations),
        java.util.stream.LongStream.of(Stages.extraStage(iterations))).toArray()) {
      mine.add(dir.resolve("iter-" + i + ".hprof"));
      mine.add(dir.resolve("iter-" + i + ".json"));
      mine.add(dir.resolve("iter-" + i + ".jfr"));
    }
    return mine;
  }

  /** The given directory, else a fresh one here, or a temporary one when the dumps are not kept. */
  static RunDirectory create(Path given, boolean keep, long[] iterations) {
    try {
      if (given == null && !keep) {
        return new RunDirectory(Files.createTempDirectory("leakdiff-run-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))), true);
      }
      Path dir = given;
      if (dir == null) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        dir = Path.of("leakdiff-run-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
          dir = Path.of("leakdiff-run-" + stamp + "-" + i);
        }
      }
      boolean made = !Files.exists(dir);
      if (made) {
        Files.createDirectories(dir);
        OwnerOnly.set(dir);
      } else if (!Files.isDirectory(dir)) {
        throw new LeakdiffException(Kind.CAPTURE_FAILED, dir + " is not a directory");
      }
      List<Path> mine = files(dir, iterations);
      for (Path file : mine) {
        if (Files.exists(file)) {
          throw new LeakdiffException(Kind.CAPTURE_FAILED, dir + " already holds " + file.getFileName() + " (an earlier run?); leakdiff never"
              + " replaces a file: give another --dir");
        }
      }
      return new RunDirectory(dir.toAbsolutePath(), made);
    } catch (IOException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot create the directory for the dumps ("
          + LeakdiffException.rootMessage(e) + ")");
    }
  }

  /**
   * Deletes what the hunt wrote, finished or failed (a failure's message quotes the log): the dumps and sidecars, the
   * log, the directory if it made it.
   */
  void cleanUp(List<Capture> captures, Reporter reporter) {
    try {
      for (Capture c : captures) {
        Files.deleteIfExists(c.dump());
        Files.deleteIfExists(c.sidecarFile());
        Files.deleteIfExists(AllocationRecording.of(c.dump()));
      }
      Files.deleteIfExists(path.resolve("scenario.log"));
      Files.deleteIfExists(path.resolve(SETTINGS));
      if (made) {
        try (var left = Files.list(path)) {
          if (left.findAny().isEmpty()) {
            Files.delete(path);
          }
        }
      }
    } catch (IOException e) {
      reporter.warn("could not delete everything in " + path + " (" + e.getMessage() + ")");
    }
  }
}
