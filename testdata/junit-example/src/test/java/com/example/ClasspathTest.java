package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tests' classpath: this project's Jackson 2.9.10, and no Jackson or picocli that leakdiff-junit brought. */
class ClasspathTest {
  /** The jar files of the test classpath (Surefire names them in surefire.test.class.path). */
  private static List<String> jars() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator)).map(p -> new File(p).getName()).filter(n -> n.endsWith(".jar")).toList();
  }

  @Test
  void onlyThisProjectsJacksonAndNoPicocli() {
    List<String> jars = jars();
    assertEquals("2.9.10", PackageVersion.VERSION.toString());
    assertEquals(List.of("jackson-databind-2.9.10.jar"), jars.stream().filter(j -> j.startsWith("jackson-databind")).toList());
    assertTrue(jars.stream().filter(j -> j.startsWith("jackson-")).allMatch(j -> j.contains("-2.9.")), jars.toString());
    assertTrue(jars.stream().noneMatch(j -> j.startsWith("picocli")), jars.toString());
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("leakdiff-junit-")), jars.toString());
  }
}
