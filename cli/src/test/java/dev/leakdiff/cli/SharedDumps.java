package dev.leakdiff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The old dumps of Eclipse MAT's tests (JDK 6 and 8) in ../shared/dumps, beside the checkout and not in it: where they
 * are, the tests that read them run; where they are not (a clone with nothing beside it, as CI has), those tests are
 * skipped, saying which file is missing.
 */
final class SharedDumps {
  static final String DIR = "../shared/dumps";

  private SharedDumps() {}

  /** DIR/name, or the calling test skipped (JUnit's assumption) when that file is not there. */
  static Path require(String name) {
    Path file = ScenarioDumps.root().resolve(DIR).resolve(name).normalize();
    Assumptions.assumeTrue(Files.isRegularFile(file),
        () -> DIR + "/" + name + " is not beside this checkout (no " + file + "): skipped");
    return file;
  }
}
