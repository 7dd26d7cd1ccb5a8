package dev.leakdiff.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive, unpacked in a temporary directory far from the checkout, runs the demo with its bin/leakdiff alone. */
class ArchiveTest {
  @TempDir
  Path tmp;

  private record Run(int code, String out, String err) {}

  private Run run(Path cwd, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("LEAKDIFF_JAVA_OPTS");
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end in 180 s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private Path unpack() throws Exception {
    Path archive = Path.of(System.getProperty("leakdiff.archive"));
    Path place = Files.createDirectories(tmp.resolve("elsewhere"));
    Run tar = run(place, "tar", "xzf", archive.toString());
    assertEquals(0, tar.code(), tar.err());
    return place.resolve("leakdiff-" + System.getProperty("leakdiff.version"));
  }

  @Test
  void theDemoRunsFromTheUnpackedArchive() throws Exception {
    Path home = unpack();
    Path bin = home.resolve("bin").resolve("leakdiff");
    assertTrue(Files.isExecutable(bin), bin + " is not executable");
    Path work = Files.createDirectories(tmp.resolve("work"));

    Run version = run(work, bin.toString(), "--version");
    assertEquals(0, version.code(), version.err());
    assertEquals("leakdiff " + System.getProperty("leakdiff.version"), version.out().strip());

    Run demo = run(work, bin.toString(), "demo", "--fail-on-leak");
    assertEquals(3, demo.code(), demo.out() + demo.err());
    assertTrue(demo.out().contains("Leak: tech.tablesaw.api.Table grows by 1 per iteration"), demo.out());
    assertTrue(demo.out().contains("held by static dev.leakdiff.demo.IndexWorker.RESULT_HISTORY"), demo.out());
    try (var left = Files.list(work)) {
      assertEquals(List.of(), left.toList(), "the demo leaves nothing where it runs");
    }

    Run fixed = run(work, bin.toString(), "demo", "--fixed", "--fail-on-leak");
    assertEquals(0, fixed.code(), fixed.out() + fixed.err());
    assertTrue(fixed.out().strip().endsWith("No leak: no class grows in proportion to the iterations."), fixed.out());
  }

  @Test
  void theRunnerJarHoldsTheRunnerAlone() throws Exception {
    Path lib = unpack().resolve("lib");
    List<Path> runners = new ArrayList<>();
    try (var jars = Files.newDirectoryStream(lib, "runner-*.jar")) {
      jars.forEach(runners::add);
    }
    assertEquals(1, runners.size(), runners.toString());
    try (JarFile jar = new JarFile(runners.get(0).toFile())) {
      jar.stream().filter(e -> e.getName().endsWith(".class"))
          .forEach(e -> assertTrue(e.getName().startsWith("dev/leakdiff/runner/"), e.getName()));
    }
    assertTrue(Files.size(runners.get(0)) < 20_000, runners.get(0) + " is " + Files.size(runners.get(0)) + " bytes");
  }
}
