package dev.leakdiff.hunt.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes its JVM's class path to the file named by -Dclasspath.out, then keeps one object per iteration. */
public class ClasspathScenario implements Runnable {
  static final List<Object> KEPT = new ArrayList<>();

  public void setup() throws IOException {
    Files.writeString(Path.of(System.getProperty("classpath.out")), System.getProperty("java.class.path"));
  }

  @Override
  public void run() {
    KEPT.add(new int[4]);
  }
}
