package dev.leakdiff.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Makes real heap dumps by running the planted scenario of testdata/ in a child JVM; each set once per test JVM. */
final class ScenarioDumps {
  private static final Map<String, Path> MADE = new HashMap<>();

  private ScenarioDumps() {}

  /** The repository's root, found from the module directory the tests run in. */
  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata/scenarios"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("testdata/scenarios not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** Dumps after 0, 1, 10 and 100 iterations of the planted leak (plain and gzip), with the JVM's histograms. */
  static Path planted() {
    return make("planted", List.of(), "0,1,10,100", true);
  }

  /** A non-live dump of objects with known holders (testdata/scenarios/Holders.java). */
  static synchronized Path holders() {
    Path dir = MADE.get("holders");
    if (dir == null) {
      dir = Path.of("target", "scenario", "holders").toAbsolutePath();
      runJava(dir, List.of(root().resolve("testdata/scenarios/Holders.java").toString(), dir.resolve("holders.hprof").toString()));
      MADE.put("holders", dir);
    }
    return dir.resolve("holders.hprof");
  }

  /**
   * The dump a JVM writes at -XX:+HeapDumpOnOutOfMemoryError when testdata/scenarios/OomService.java fills its static
   * map (48 MiB heap); beside it, out.txt holds what the service printed ("out of memory after N requests").
   */
  static synchronized Path outOfMemory() {
    Path dir = MADE.get("oom");
    if (dir == null) {
      dir = Path.of("target", "scenario", "oom").toAbsolutePath();
      runJava(dir, List.of("-Xmx48m", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + dir.resolve("oom.hprof"),
          root().resolve("testdata/scenarios/OomService.java").toString()), dir.resolve("out.txt"));
      MADE.put("oom", dir);
    }
    return dir.resolve("oom.hprof");
  }

  /**
   * Runs the planted scenario in a child JVM with the given JVM flags and writes iter-N.hprof and
   * iter-N.histo.txt for each checkpoint into target/scenario/NAME.
   */
  static synchronized Path make(String name, List<String> jvmFlags, String checkpoints, boolean gzip) {
    Path dir = MADE.get(name);
    if (dir != null) {
      return dir;
    }
    dir = Path.of("target", "scenario", name).toAbsolutePath();
    List<String> args = new ArrayList<>(jvmFlags);
    args.add(root().resolve("testdata/scenarios/PlantedLeak.java").toString());
    args.add(dir.toString());
    args.add(checkpoints);
    if (gzip) {
      args.add("--gz");
    }
    runJava(dir, args);
    MADE.put(name, dir);
    return dir;
  }

  /** Runs java with the arguments in a fresh directory. */
  private static void runJava(Path dir, List<String> args) {
    runJava(dir, args, null);
  }

  /** Runs java with the arguments in a fresh directory; keeps what it printed in keep (if not null). */
  private static void runJava(Path dir, List<String> args, Path keep) {
    try {
      if (Files.exists(dir)) {
        try (var files = Files.walk(dir)) {
          for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(f);
          }
        }
      }
      Files.createDirectories(dir);
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx256m");
      cmd.addAll(args);
      Path log = Files.createTempFile("scenario", ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("the scenario did not finish in 120 s: " + cmd);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("the scenario failed: " + cmd + "\n" + Files.readString(log));
      }
      if (keep != null) {
        Files.move(log, keep);
      } else {
        Files.delete(log);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The JVM's own class histogram (GC.class_histogram output): class name as Java writes it -> {instances, bytes}. */
  static Map<String, long[]> jvmHistogram(Path file) throws IOException {
    Map<String, long[]> out = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":") && f[0].substring(0, f[0].length() - 1).matches("\\d+")) {
        out.put(javaName(f[3]), new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return out;
  }

  /** The histogram writes arrays in descriptor form: [B, [Ljava.lang.Object; */
  static String javaName(String n) {
    int dims = 0;
    while (n.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return n;
    }
    String e = n.substring(dims);
    String base = switch (e) {
      case "B" -> "byte";
      case "C" -> "char";
      case "I" -> "int";
      case "J" -> "long";
      case "S" -> "short";
      case "Z" -> "boolean";
      case "F" -> "float";
      case "D" -> "double";
      default -> e.substring(1, e.length() - 1);
    };
    return base + "[]".repeat(dims);
  }

  /** Runs the command line in this JVM; returns exit code, stdout and stderr. */
  static Result run(String... args) {
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    int code = Main.run(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int code, String out, String err) {}
}
