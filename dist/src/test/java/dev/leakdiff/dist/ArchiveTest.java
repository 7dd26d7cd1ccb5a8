package dev.leakdiff.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The archive, unpacked in a temporary directory far from the checkout: it runs the demo with its bin/leakdiff alone,
 * and holds what its README names, for someone who has the archive and nothing else: no text of it names a path of
 * the source tree it was built from, every link of its documentation leads to a file it holds, and junit/ brings a
 * test classpath nothing but leakdiff's jars and JUnit's API.
 */
class ArchiveTest {
  @TempDir
  Path tmp;

  /** One unpacked copy for the checks that only read it. */
  @TempDir
  static Path shared;

  static Path home;

  @BeforeAll
  static void unpackOnce() throws Exception {
    Path place = Files.createDirectories(shared.resolve("elsewhere"));
    Process tar = new ProcessBuilder("tar", "xzf", System.getProperty("leakdiff.archive")).directory(place.toFile())
        .redirectErrorStream(true).start();
    String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, tar.waitFor(), out);
    home = place.resolve("leakdiff-" + System.getProperty("leakdiff.version"));
  }

  private record Run(int code, String out, String err) {}

  private Run run(Path cwd, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("LEAKDIFF_JAVA_OPTS");
    pb.environment().put("LEAKDIFF_CACHE", tmp.resolve("cache").toString()); // the class-data-sharing archives, not in ~
    pb.environment().putAll(extraEnv);
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
    List<String> lines = version.out().lines().toList();
    assertTrue(lines.get(0).matches("leakdiff " + Pattern.quote(System.getProperty("leakdiff.version"))
        + " \\(build ([0-9a-f]{7,}(-dirty)?|unknown)\\)"), version.out());
    assertTrue(lines.get(1).startsWith("JDK " + System.getProperty("java.runtime.version") + " "), version.out());

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

  /** The shell completion, sourced by bash, completes the commands and a command's formats; a man page per command. */
  @Test
  void completionAndManPages() throws Exception {
    Path script = home.resolve("completion").resolve("leakdiff.bash");
    assertTrue(Files.isRegularFile(script), script + " is missing");
    Run commands = run(tmp, "bash", "-c", "source " + script + "; COMP_WORDS=(leakdiff c); COMP_CWORD=1; _complete_leakdiff;"
        + " echo ${COMPREPLY[@]}");
    assertEquals("compare capture", commands.out().strip(), commands.err());
    Run formats = run(tmp, "bash", "-c", "source " + script + "; COMP_WORDS=(leakdiff paths --format ''); COMP_CWORD=3;"
        + " _complete_leakdiff; echo ${COMPREPLY[@]}");
    assertEquals("table json dot", formats.out().strip(), formats.err());
    for (String page : List.of("leakdiff", "leakdiff-demo", "leakdiff-run", "leakdiff-histo", "leakdiff-compare", "leakdiff-paths",
        "leakdiff-retained", "leakdiff-capture", "leakdiff-version")) {
      Path man = home.resolve("man").resolve("man1").resolve(page + ".1");
      assertTrue(Files.isRegularFile(man), man + " is missing");
      String troff = Files.readString(man);
      assertTrue(troff.contains(".TH \"" + page.toUpperCase(java.util.Locale.ROOT).replace("-", "\\-") + "\""), page + ": " + troff.lines().limit(8).toList());
    }
    assertTrue(Files.readString(home.resolve("man/man1/leakdiff-compare.1")).contains("fail\\-on\\-leak"),
        "the compare page documents its options");
  }

  /**
   * bin/leakdiff makes a class-data-sharing archive on a command's first use and maps it on the next; an archive the JVM
   * cannot use (another JDK's, a damaged one) is passed over in silence: stdout is the report alone, every time.
   */
  @Test
  void aClassDataSharingArchivePerCommandMadeOnFirstUseAndNeverHeardOnStdout() throws Exception {
    Path bin = home.resolve("bin").resolve("leakdiff");
    Path dump = tmp.resolve("self.hprof");
    java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
        .dumpHeap(dump.toString(), true);
    Run first = run(tmp, bin.toString(), "histo", "--top", "5", dump.toString());
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("INSTANCES"), first.out());
    List<Path> archives;
    try (var files = Files.list(tmp.resolve("cache").resolve("cds"))) {
      archives = files.toList();
    }
    assertEquals(1, archives.size(), archives.toString());
    assertTrue(archives.get(0).getFileName().toString().matches("histo-[0-9]+\\.jsa"), archives.toString());

    Path classes = tmp.resolve("classes.txt");
    Run second = runWith(Map.of("LEAKDIFF_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), bin.toString(), "histo", "--top",
        "5", dump.toString());
    assertEquals(first.out(), second.out(), second.err());
    assertTrue(Files.readString(classes).contains("dev.leakdiff.cli.Main source: shared objects file (top)"),
        "the archive is not used");

    Files.write(archives.get(0), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // as another JDK's archive, or one cut short
    Run damaged = run(tmp, bin.toString(), "histo", "--top", "5", dump.toString());
    assertEquals(first.out(), damaged.out(), damaged.err());
    assertEquals("", damaged.err());
  }

  private Run runWith(Map<String, String> env, String... command) throws Exception {
    try {
      extraEnv = env;
      return run(tmp, command);
    } finally {
      extraEnv = Map.of();
    }
  }

  private Map<String, String> extraEnv = Map.of();

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

  // ------------------------------------------------------------------------------------- what the archive holds

  /**
   * Source-tree paths: what a text of the archive must not name, since whoever reads it has the archive alone. Each
   * pattern is a part of leakdiff's source tree or build that the archive does not hold:
   * <ul>
   *   <li>the top-level directories of the repository that are not in the archive (its scripts, test data, modules,
   *       benchmark and CI), also behind {@code ../}; not {@code junit/} nor {@code docs/}, which the archive has too,
   *       nor a name inside another path ({@code dev/leakdiff/runner/});
   *   <li>leakdiff's own sources under a module ({@code junit/src/}, {@code src/main/java/dev/leakdiff}, ...);
   *   <li>what leakdiff's build and scripts write under {@code target/} ({@code target/planted-leak}, ...), but not
   *       {@code target/classes} alone: that is a user's own project in run's examples;
   *   <li>the Maven commands that build leakdiff from its sources ({@code mvn -B install}, {@code -DskipTests}), but
   *       not {@code mvn install:install-file}, which junit/README.md tells a user to run;
   *   <li>the words of a checkout: "checkout", and the scripts that generate the docs;
   *   <li>the absolute path of the tree this archive was built from (a generated example that leaked it).
   * </ul>
   * A file name alone ({@code SessionScenario.java}, {@code Worker.java:42} in a stack frame) is an example's own
   * file, in the reader's working directory, and is allowed.
   */
  static List<Pattern> sourcePaths() {
    List<Pattern> out = new ArrayList<>(List.of(
        Pattern.compile("(?<![\\w./-])(?:\\.\\./)*(?:scripts|testdata|hprof-reader|diff-engine|runner|hunt|cli|dist|bench|\\.ci)/"),
        Pattern.compile("(?<![\\w./-])(?:\\.\\./)*junit/(?:src|pom\\.xml|target)"),
        Pattern.compile("src/(?:main|test)/(?:java|resources)/dev/leakdiff"),
        Pattern.compile("target/(?:planted-leak|refresh-docs|bench|scenario|leakdiff-\\d|classes/dev/leakdiff)"),
        Pattern.compile("\\bmvn(?: -\\S+)* (?:install|package|verify|clean)(?![:\\w-])"),
        Pattern.compile("-DskipTests"),
        Pattern.compile("\\bcheckout\\b", Pattern.CASE_INSENSITIVE),
        Pattern.compile("\\b(?:refresh-docs|planted-leak)\\b")));
    Path tree = Path.of("..").toAbsolutePath().normalize();
    if (tree.getNameCount() > 1) { // a checkout at / itself would make every absolute path match
      out.add(Pattern.compile(Pattern.quote(tree.toString() + "/")));
    }
    return out;
  }

  /** What each rule found, by file (a path in the archive, or "bin/leakdiff ... --help" for a command's output). */
  private final Map<String, List<String>> found = new TreeMap<>();

  private void report(String where, String what) {
    found.computeIfAbsent(where, w -> new ArrayList<>()).add(what);
  }

  static final List<Pattern> SOURCE_PATHS = sourcePaths();

  /** Every line of text that names a source path, as "line N: ... [the match]". */
  private void scan(String where, String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (Pattern p : SOURCE_PATHS) {
        Matcher m = p.matcher(lines[i]);
        if (m.find()) {
          report(where, "line " + (i + 1) + " names a source path [" + m.group() + "]: " + lines[i].strip());
        }
      }
    }
  }

  private static String name(Path file) {
    return home.relativize(file).toString().replace('\\', '/');
  }

  private static List<Path> files(String glob) throws IOException {
    var matcher = home.getFileSystem().getPathMatcher("glob:" + glob);
    try (Stream<Path> all = Files.walk(home)) {
      return all.filter(Files::isRegularFile).filter(f -> matcher.matches(home.relativize(f))).sorted().toList();
    }
  }

  /** Fails with every finding, by file. */
  private void assertNothingFound(String what) {
    Map<String, List<String>> failures = new LinkedHashMap<>(found);
    StringBuilder msg = new StringBuilder(what + ":\n");
    failures.forEach((where, list) -> list.forEach(l -> msg.append("  ").append(where).append(": ").append(l).append('\n')));
    assertEquals(Map.of(), failures, msg.toString());
  }

  @Test
  void noTextOfTheArchiveNamesAPathOfTheSourceTree() throws Exception {
    // the text files: every one but the POMs, which are Maven's metadata as a Maven repository holds them (the parent
    // POM names the build's modules by design); jars and images are not text
    List<Path> texts = new ArrayList<>();
    try (Stream<Path> all = Files.walk(home)) {
      all.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar") && !f.toString().endsWith(".pom")
          && !f.toString().endsWith(".png")).sorted().forEach(texts::add);
    }
    assertTrue(texts.contains(home.resolve("README.md")) && texts.contains(home.resolve("bin/leakdiff"))
        && texts.contains(home.resolve("docs/method.md")), texts.toString());
    for (Path f : texts) {
      scan(name(f), Files.readString(f, StandardCharsets.UTF_8));
    }
    // what the launcher prints: its --help, and every command's, the commands as --help lists them
    Path bin = home.resolve("bin/leakdiff");
    Run help = run(tmp, bin.toString(), "--help");
    assertEquals(0, help.code(), help.err());
    scan("bin/leakdiff --help", help.out());
    List<String> commands = new ArrayList<>();
    boolean inCommands = false;
    for (String line : help.out().split("\n")) {
      if (line.startsWith("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.matches("  [a-z]+ .*")) {
        commands.add(line.trim().split("\\s+")[0]);
      } else if (inCommands && !line.startsWith("    ")) {
        inCommands = false;
      }
    }
    assertTrue(commands.containsAll(List.of("demo", "run", "histo", "compare", "paths", "capture")), commands.toString());
    commands.remove("help");
    for (String c : commands) {
      Run r = run(tmp, bin.toString(), c, "--help");
      assertEquals(0, r.code(), c + ": " + r.err());
      scan("bin/leakdiff " + c + " --help", r.out());
    }
    assertNothingFound("names of the source tree in the archive");
  }

  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  @Test
  void everyRelativeLinkOfTheShippedMarkdownLeadsToAFileOfTheArchive() throws Exception {
    List<Path> pages = files("**.md");
    assertTrue(pages.size() >= 12, pages.toString());
    int links = 0;
    for (Path page : pages) {
      Matcher m = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("[a-zA-Z][a-zA-Z+.-]*:.*") || target.startsWith("#")) {
          continue; // a URL, or a place in the page itself
        }
        links++;
        String file = target.replaceFirst("#.*", "");
        Path to = page.getParent().resolve(file).normalize();
        if (!to.startsWith(home) || !Files.exists(to)) {
          report(name(page), "links to " + target + ", which the archive does not hold");
        }
      }
    }
    assertTrue(links > 50, "links followed: " + links);
    assertNothingFound("links that lead nowhere in the archive");
  }

  /** A path the archive's READMEs name, from its root: bin/..., lib/..., demo/..., junit/..., docs/...; globs too. */
  private static final Pattern ROOTED = Pattern.compile("(?<![\\w./$-])(?:bin|lib|demo|junit|docs)/(?:[\\w.*-]+(?:/[\\w.*-]+)*)?");

  @Test
  void theFilesItsReadmesNameAreInTheArchive() throws Exception {
    Set<String> named = new TreeSet<>();
    for (String readme : List.of("README.md", "junit/README.md")) {
      String text = Files.readString(home.resolve(readme), StandardCharsets.UTF_8);
      assertFalse(text.contains("${"), readme + " has an expression the build did not fill in");
      Matcher m = ROOTED.matcher(text);
      while (m.find()) {
        String path = m.group().replaceAll("\\.+$", "");
        named.add(path);
        boolean there = path.contains("*") ? !files(path).isEmpty() : Files.exists(home.resolve(path));
        if (!there) {
          report(readme, "names " + path + ", which the archive does not hold");
        }
      }
    }
    String v = System.getProperty("leakdiff.version");
    assertTrue(named.containsAll(Set.of("bin/leakdiff", "demo/", "junit/README.md", "docs/commands/demo.md",
        "docs/exit-codes.md", "junit/leakdiff-junit-" + v + ".jar", "junit/*.pom")), named.toString());
    assertNothingFound("files the READMEs name");
    // the README is the archive's own, and says what it holds
    String readme = Files.readString(home.resolve("README.md"), StandardCharsets.UTF_8);
    assertTrue(readme.startsWith("# leakdiff " + v + "\n"), readme.lines().findFirst().orElse(""));
    for (String doc : List.of("docs/method.md", "docs/json.md", "docs/exit-codes.md", "docs/sizes.md", "docs/junit.md",
        "docs/benchmark.md", "docs/report.png", "docs/commands/README.md", "docs/commands/demo.md", "docs/commands/run.md",
        "docs/commands/histo.md", "docs/commands/compare.md", "docs/commands/paths.md", "docs/commands/retained.md",
        "docs/commands/capture.md", "docs/commands/watch.md")) {
      assertTrue(Files.isRegularFile(home.resolve(doc)), doc);
    }
    // the developers' pages stay out
    assertFalse(Files.exists(home.resolve("docs/architecture.md")));
    assertFalse(Files.exists(home.resolve("docs/leak-suite.md")));
  }

  // ------------------------------------------------------------------------------------- junit/

  private record Coordinates(String groupId, String artifactId, String version, String scope) {}

  private static Document parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static String child(Element e, String tag) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        return c.getTextContent().trim();
      }
    }
    return null;
  }

  private static List<Element> children(Element e, String... path) {
    List<Element> level = List.of(e);
    for (String tag : path) {
      List<Element> next = new ArrayList<>();
      for (Element p : level) {
        for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element c && c.getTagName().equals(tag)) {
            next.add(c);
          }
        }
      }
      level = next;
    }
    return level;
  }

  /**
   * A POM's dependencies as a user's build reads them: its own and its parent's properties filled in, a version
   * missing from a dependency taken from the parent's dependencyManagement.
   */
  private static List<Coordinates> dependencies(Path pom, Path parentPom) throws Exception {
    Element project = parse(pom).getDocumentElement();
    Element parent = parse(parentPom).getDocumentElement();
    Map<String, String> props = new TreeMap<>();
    for (Element root : List.of(parent, project)) {
      for (Element p : children(root, "properties")) {
        for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element c) {
            props.put(c.getTagName(), c.getTextContent().trim());
          }
        }
      }
    }
    props.put("project.version", child(parent, "version"));
    Map<String, String> managed = new TreeMap<>();
    for (Element d : children(parent, "dependencyManagement", "dependencies", "dependency")) {
      if (child(d, "type") == null) {
        managed.put(child(d, "groupId") + ":" + child(d, "artifactId"), child(d, "version"));
      }
    }
    List<Coordinates> out = new ArrayList<>();
    for (Element d : children(project, "dependencies", "dependency")) {
      String ga = child(d, "groupId") + ":" + child(d, "artifactId");
      String version = child(d, "version") != null ? child(d, "version") : managed.get(ga);
      assertTrue(version != null, pom.getFileName() + ": no version for " + ga);
      Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(version);
      StringBuilder filled = new StringBuilder();
      while (m.find()) {
        assertTrue(props.containsKey(m.group(1)), pom.getFileName() + ": " + version);
        m.appendReplacement(filled, Matcher.quoteReplacement(props.get(m.group(1))));
      }
      m.appendTail(filled);
      out.add(new Coordinates(child(d, "groupId"), child(d, "artifactId"), filled.toString(),
          child(d, "scope") == null ? "compile" : child(d, "scope")));
    }
    return out;
  }

  @Test
  void junitHoldsLeakdiffJarsWithPomsThatBringNothingButThemAndJunitsApi() throws Exception {
    String v = System.getProperty("leakdiff.version");
    Path junit = home.resolve("junit");
    Path parentPom = junit.resolve("leakdiff-parent-" + v + ".pom");
    assertTrue(Files.isRegularFile(parentPom), parentPom.toString());
    Set<String> jars = new TreeSet<>();
    try (Stream<Path> all = Files.list(junit)) {
      all.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".jar")).forEach(jars::add);
    }
    // each jar with its POM, of the same name
    for (String jar : jars) {
      assertTrue(Files.isRegularFile(junit.resolve(jar.replaceFirst("\\.jar$", ".pom"))), jar + " has no POM");
    }
    // what a test classpath gets from leakdiff-junit: its compile and runtime dependencies, and theirs
    Set<String> leakdiff = new TreeSet<>();
    Set<String> others = new TreeSet<>();
    List<String> todo = new ArrayList<>(List.of("leakdiff-junit"));
    leakdiff.add("leakdiff-junit-" + v + ".jar");
    while (!todo.isEmpty()) {
      String artifact = todo.remove(0);
      Path pom = junit.resolve(artifact + "-" + v + ".pom");
      assertTrue(Files.isRegularFile(pom), pom + ": a dependency's POM is missing");
      for (Coordinates d : dependencies(pom, parentPom)) {
        if (!Set.of("compile", "runtime").contains(d.scope())) {
          continue;
        }
        if (d.groupId().equals("dev.leakdiff")) {
          assertEquals(v, d.version(), artifact + " -> " + d.artifactId());
          if (leakdiff.add(d.artifactId() + "-" + v + ".jar")) {
            todo.add(d.artifactId());
          }
        } else {
          others.add(d.groupId() + ":" + d.artifactId());
        }
      }
    }
    assertEquals(Set.of("org.junit.jupiter:junit-jupiter-api"), others, "beside leakdiff's own jars");
    assertEquals(leakdiff, jars, "junit/ holds leakdiff-junit and the leakdiff jars it needs, no more");
    assertTrue(jars.containsAll(Set.of("leakdiff-junit-" + v + ".jar", "hunt-" + v + ".jar", "diff-engine-" + v + ".jar",
        "hprof-reader-" + v + ".jar", "runner-" + v + ".jar")), jars.toString());
  }
}
