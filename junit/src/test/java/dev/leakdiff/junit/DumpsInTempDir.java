package dev.leakdiff.junit;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test whose leak tests put their dumps in a temporary directory (the system property leakdiff.dir), restored after. */
abstract class DumpsInTempDir {
  @TempDir
  Path dumps;

  private String before;

  @BeforeEach
  void dumpsHere() {
    before = System.getProperty(LeakTestExtension.DIR_PROPERTY);
    System.setProperty(LeakTestExtension.DIR_PROPERTY, dumps.toString());
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(LeakTestExtension.DIR_PROPERTY);
    } else {
      System.setProperty(LeakTestExtension.DIR_PROPERTY, before);
    }
  }
}
