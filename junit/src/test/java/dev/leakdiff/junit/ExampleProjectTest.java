package dev.leakdiff.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * testdata/junit-example, a Maven project of its own on leakdiff-junit and its own Jackson (2.9.10), built with Maven and
 * Surefire's default settings in a temporary directory, against a temporary local repository: leakdiff's
 * artifacts are installed there from this build (each module's compiled classes as its jar, its pom as is), and
 * every other artifact comes from the local repository the build runs with, read as a remote repository (no
 * network). Nothing is installed into that repository.
 */
class ExampleProjectTest {
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final List<String> MODULES = List.of("hprof-reader", "diff-engine", "runner", "hunt", "junit");

  @TempDir
  Path tmp;

  @Test
  void theExampleProjectPassesAndFailsUnderSurefire() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertTrue(Files.readString(root.resolve("pom.xml")).contains("<artifactId>leakdiff-parent</artifactId>"), root.toString());
    Path repo = tmp.resolve("repo");
    install(root, repo);
    Path settings = tmp.resolve("settings.xml");
    Path m2 = Path.of(System.getProperty("leakdiff.test.localRepository", System.getProperty("user.home") + "/.m2/repository"));
    Files.writeString(settings, "<settings><mirrors><mirror><id>the-build-s-own-repository</id><mirrorOf>*</mirrorOf><url>"
        + m2.toUri() + "</url></mirror></mirrors></settings>\n");
    Path project = tmp.resolve("project");
    copy(root.resolve("testdata/junit-example"), project);

    Path log = tmp.resolve("mvn.log");
    String mvn = Path.of(System.getProperty("leakdiff.test.mavenHome", "/usr/share/maven"), "bin", "mvn").toString();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(mvn, "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + repo, "test")
        .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("mvn test did not end in 10 minutes; " + log);
    }
    String out = Files.readString(log);
    System.out.printf("mvn test of the example project took %.1f s%n", (System.nanoTime() - start) / 1e9);
    // the example's own lines, marked as its: its expected failures are not this build's
    System.out.println(out.lines().filter(l -> l.contains("ExampleLeakTest") || l.startsWith("Leak:") || l.contains("Tests run"))
        .map(l -> "  [example project] " + l.replace("[ERROR]", "(error)").replace("[INFO]", "(info)")
            .replace("<<< FAILURE!", "(failed, as it should)").replace("<<< ERROR!", "(error, as it should)"))
        .reduce("", (a, b) -> a + b + "\n"));

    assertEquals(1, p.exitValue(), "the build fails: a leak test failed\n" + out);
    assertTrue(out.contains("Tests run: 6, Failures: 1, Errors: 1, Skipped: 0"), out);
    assertTrue(out.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed") && out.contains("in com.example.ClasspathTest"),
        "the example's own Jackson 2.9.10 and no Jackson or picocli from leakdiff on its tests' classpath\n" + out);
    Map<String, String> outcomes = outcomes(project.resolve("target/surefire-reports/TEST-com.example.ExampleLeakTest.xml"));
    assertEquals(Map.of("loginKeepsEverySession", "failure dev.leakdiff.hunt.check.LeakFound",
        "recentQueriesStayBounded", "passed",
        "parsingAllocatesAndDrops", "passed",
        "auditWritesJsonWithTheProjectsOwnJackson", "passed",
        "metricsKeepEverySampleOnPurpose", "passed",
        "failsOnTheThirdCall", "error java.lang.IllegalStateException"), outcomes);
    assertTrue(out.contains("Leak: com.example.Sessions$Session grows by 1 per iteration"), out);
    assertTrue(out.contains("held by static com.example.Sessions.ALL -> java.util.ArrayList[*]"), out);
    assertEquals(Map.of("onlyThisProjectsJacksonAndNoPicocli", "passed"),
        outcomes(project.resolve("target/surefire-reports/TEST-com.example.ClasspathTest.xml")));
    // the session's user name too: the JVM's own one-time work (reflection) must not hide a String a call keeps
    assertTrue(out.contains("  leak        java.lang.String: +1"), out);
    assertTrue(out.contains("java.lang.IllegalStateException: the third call fails"), out);
    // what leakdiff-junit brings to a user's tests: leakdiff's own jars and JUnit's API, nothing else, not even a Jackson
    // that Maven would leave out for the project's own (the verbose tree shows those too)
    Path tree = tmp.resolve("tree.txt");
    Process t = new ProcessBuilder(mvn, "-B", "-q", "-s", settings.toString(), "-Dmaven.repo.local=" + repo,
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree", "-Dverbose", "-DoutputFile=" + tree)
        .directory(project.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("tree.log").toFile()).start();
    assertTrue(t.waitFor(5, TimeUnit.MINUTES) && t.exitValue() == 0, Files.readString(tmp.resolve("tree.log")));
    List<String> brought = broughtBy(Files.readAllLines(tree), "dev.leakdiff:leakdiff-junit:");
    System.out.println("  [example project] leakdiff-junit brings: " + brought);
    assertFalse(brought.isEmpty());
    for (String line : brought) {
      assertTrue(line.contains("dev.leakdiff:") || line.contains("org.junit.") || line.contains("org.apiguardian:")
          || line.contains("org.opentest4j:"), "leakdiff-junit brings " + line + "\n" + String.join("\n", brought));
    }

    Path dumps = project.resolve("target/leakdiff/com.example.ExampleLeakTest");
    try (Stream<Path> left = Files.list(dumps)) {
      assertEquals(List.of("loginKeepsEverySession"), left.map(d -> d.getFileName().toString()).toList(),
          "dumps kept for the failed test alone");
    }
  }

  /** The lines of a dependency tree under the node that starts with this coordinate (its whole subtree). */
  private static List<String> broughtBy(List<String> tree, String coordinate) {
    List<String> out = new ArrayList<>();
    int depth = -1;
    for (String line : tree) {
      int at = line.indexOf(line.replaceFirst("^[|+\\\\ -]*", ""));
      if (depth >= 0 && at <= depth) {
        break;
      }
      if (depth >= 0) {
        out.add(line.trim());
      } else if (line.substring(at).startsWith(coordinate)) {
        depth = at;
      }
    }
    return out;
  }

  /** Each test method's outcome in a Surefire report: passed, or failure/error and the exception's type. */
  private static Map<String, String> outcomes(Path report) throws IOException {
    String xml = Files.readString(report);
    Map<String, String> out = new TreeMap<>();
    Matcher m = Pattern.compile("<testcase name=\"([^\"]+)\"[^>]*?(/>|>(.*?)</testcase>)", Pattern.DOTALL).matcher(xml);
    while (m.find()) {
      String body = m.group(3) == null ? "" : m.group(3);
      Matcher f = Pattern.compile("<(failure|error)[^>]*type=\"([^\"]+)\"").matcher(body);
      out.put(m.group(1), f.find() ? f.group(1) + " " + f.group(2) : "passed");
    }
    return out;
  }

  /** leakdiff's parent pom and each module's pom and jar (its classes as this build compiled them) into repo. */
  private static void install(Path root, Path repo) throws IOException {
    put(repo, "leakdiff-parent", "pom", root.resolve("pom.xml"));
    for (String module : MODULES) {
      Path dir = root.resolve(module);
      String artifact = module.equals("junit") ? "leakdiff-junit" : module;
      Path classes = dir.resolve("target/classes");
      assertTrue(Files.isDirectory(classes), classes + " not built");
      put(repo, artifact, "pom", dir.resolve("pom.xml"));
      Path jar = Files.createTempFile(repo.getParent(), artifact, ".jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
        for (Path f : files.sorted().toList()) {
          if (Files.isRegularFile(f)) {
            out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, out);
            out.closeEntry();
          }
        }
      }
      put(repo, artifact, "jar", jar);
    }
  }

  private static void put(Path repo, String artifact, String type, Path file) throws IOException {
    Path dir = repo.resolve("dev/leakdiff").resolve(artifact).resolve(VERSION);
    Files.createDirectories(dir);
    Files.copy(file, dir.resolve(artifact + "-" + VERSION + "." + type));
  }

  private static void copy(Path from, Path to) throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(from)) {
      files.filter(f -> !from.relativize(f).startsWith("target")).forEach(all::add);
    }
    for (Path f : all) {
      Path t = to.resolve(from.relativize(f).toString());
      if (Files.isDirectory(f)) {
        Files.createDirectories(t);
      } else {
        Files.copy(f, t);
      }
    }
  }
}
