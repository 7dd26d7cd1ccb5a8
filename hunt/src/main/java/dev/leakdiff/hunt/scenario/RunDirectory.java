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
record RunDirectory(Path path, boolean made) {
  /** The settings of the scenario JVM's allocation recording. */
  static final String SETTINGS = "allocations.jfc";

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
      List<String> mine = new ArrayList<>(List.of("scenario.log", SETTINGS));
      for (long i : java.util.stream.LongStream.concat(java.util.Arrays.stream(iterations),
          java.util.stream.LongStream.of(Stages.extraStage(iterations))).toArray()) {
        mine.add("iter-" + i + ".hprof");
        mine.add("iter-" + i + ".json");
        mine.add("iter-" + i + ".jfr");
      }
      for (String name : mine) {
        if (Files.exists(dir.resolve(name))) {
          throw new LeakdiffException(Kind.CAPTURE_FAILED, dir + " already holds " + name + " (an earlier run?); leakdiff never"
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
