package dev.leakdiff.hunt.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Heap dumps hold secrets: every file and directory leakdiff writes is readable by its owner alone. */
public final class OwnerOnly {
  private OwnerOnly() {}

  public static void set(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
  }
}
