package dev.leakdiff.hunt.scenario;

import dev.leakdiff.hunt.Reporter;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.analysis.HuntResult;
import dev.leakdiff.hunt.capture.Capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.graph.Hop;
import dev.leakdiff.graph.Reference;
import dev.leakdiff.hunt.findings.Held;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.scenarios.ClasspathScenario;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hunt through its public API alone, with no command line on the classpath. */
class LeakHuntTest {
  @TempDir
  Path tmp;

  private static Path worker() {
    return Path.of("..", "testdata", "worker", "target").toAbsolutePath().normalize();
  }

  @Test
  void noCommandLineLibraryOnTheClasspath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("picocli.CommandLine"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.leakdiff.cli.Main"));
  }

  @Test
  void theDemoWorkersTableIsTheLeakHeldByItsStaticHistory() {
    List<String> said = new ArrayList<>();
    Reporter reporter = new dev.leakdiff.hunt.words.WordsReporter(dev.leakdiff.hunt.words.Words.english(), said::add,
        m -> said.add("warning: " + m));
    HuntSpec spec = HuntSpec.scenario("dev.leakdiff.demo.IndexingScenario")
        .classpath(List.of(worker().resolve("classes").toString(), worker().resolve("lib") + File.separator + "*"))
        .jvmArgs(List.of("-Xmx256m")).iterations(0, 1, 10, 50).dir(tmp.resolve("dumps")).build();
    HuntResult r = new LeakHunt(reporter).hunt(spec);

    assertTrue(r.leaking());
    assertEquals(1, r.leaks().size(), r.leaks().toString());
    Leak root = r.leaks().get(0);
    assertEquals("tech.tablesaw.api.Table", root.className());
    assertEquals(Verdict.LEAK, root.series().verdict());
    assertEquals(1.0, root.series().instancesPerIteration(), 1e-9);
    assertEquals(new Hop(Reference.staticField("dev.leakdiff.demo.IndexWorker", "RESULT_HISTORY",
        "jdk.internal.loader.ClassLoaders$AppClassLoader"), "java.util.HashMap"), root.route().hop(0));
    assertTrue(root.holds().stream().map(Held::name).toList().contains("tech.tablesaw.api.DoubleColumn"), root.holds().toString());
    ClassSeries synonym = r.comparison().classes().stream().filter(s -> s.name().equals("dev.leakdiff.demo.Synonyms$Synonym"))
        .findFirst().orElseThrow();
    assertEquals(Verdict.INIT, synonym.verdict());

    assertEquals(4, r.captures().size());
    assertEquals(tmp.resolve("dumps").toAbsolutePath(), r.directory());
    for (Capture c : r.captures()) {
      assertTrue(Files.isRegularFile(c.dump()), c.dump().toString());
      assertEquals(c.facts().dumpBytes(), c.dump().toFile().length());
      assertNotNull(c.facts().threads());
    }
    assertEquals(List.of(0L, 1L, 10L, 50L), r.captures().stream().map(Capture::iteration).toList());
    assertTrue(said.get(0).startsWith("running dev.leakdiff.demo.IndexingScenario in a child JVM"), said.toString());
  }

  @Test
  void theScenarioJvmGetsItsClasspathAndTheRunnerAlone() throws Exception {
    Path classes = Path.of(ClasspathScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path written = tmp.resolve("classpath.txt");
    HuntResult r = new LeakHunt(Reporter.SILENT).hunt(HuntSpec.scenario(ClasspathScenario.class.getName())
        .classpath(List.of(classes.toString())).jvmArgs(List.of("-Dclasspath.out=" + written)).iterations(1, 5, 25)
        .keep(false).build());
    assertNull(r.directory());
    for (Capture c : r.captures()) {
      assertFalse(Files.exists(c.dump()), "--no-keep deletes " + c.dump());
    }
    assertTrue(r.suspects().stream().anyMatch(s -> s.name().equals("int[]")), r.suspects().toString());

    List<String> entries = Arrays.asList(Files.readString(written).split(File.pathSeparator));
    Path runner = LeakHunt.runnerCode();
    assertEquals(List.of(classes.toString(), runner.toString()), entries);
    if (Files.isRegularFile(runner)) { // the runner's jar: JDK-only classes of its own package, nothing shaded in
      try (JarFile jar = new JarFile(runner.toFile())) {
        jar.stream().filter(e -> e.getName().endsWith(".class"))
            .forEach(e -> assertTrue(e.getName().startsWith("dev/leakdiff/runner/"), e.getName()));
      }
    } else {
      try (var files = Files.walk(runner)) {
        files.filter(f -> f.toString().endsWith(".class"))
            .forEach(f -> assertTrue(runner.relativize(f).toString().startsWith("dev/leakdiff/runner/"), f.toString()));
      }
    }
  }

  @Test
  void badSpecsFailWithAKindAndASentence() {
    LeakdiffException e = assertThrows(LeakdiffException.class, () -> new LeakHunt(Reporter.SILENT)
        .hunt(HuntSpec.scenario("a.B").classpath(List.of(tmp.toString())).iterations(10, 1).build()));
    assertEquals(LeakdiffException.Kind.USAGE, e.kind());
    e = assertThrows(LeakdiffException.class, () -> new LeakHunt(Reporter.SILENT)
        .hunt(HuntSpec.scenario("com.acme.Missing").classpath(List.of(tmp.toString())).keep(false).build()));
    assertEquals(LeakdiffException.Kind.SCENARIO_FAILED, e.kind());
    assertTrue(e.getMessage().contains("no class com.acme.Missing on the scenario's classpath"), e.getMessage());
  }
}
