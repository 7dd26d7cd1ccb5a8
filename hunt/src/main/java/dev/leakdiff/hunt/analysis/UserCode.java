package dev.leakdiff.hunt.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Which classes are the application's own code rather than a library's or the JDK's, from the JVM's class path and the
 * command that started it: classes in a directory of the class path, or in the jar that holds the main class (or is
 * the one run with -jar; under leakdiff's runner, the scenario's class). Without a class path, every class outside the JDK counts as the application's.
 */
final class UserCode {
  /** The runner's own classes: the loop that calls the scenario, never the code to read. */
  private static final String RUNNER = "dev.leakdiff.runner.";

  private final List<Path> directories;
  private final List<Set<String>> jars;
  private final boolean known;
  private final Map<String, Boolean> cache = new HashMap<>();

  private UserCode(List<Path> directories, List<Set<String>> jars, boolean known) {
    this.directories = directories;
    this.jars = jars;
    this.known = known;
  }

  /** From the class path's entries and the command (its first word is the main class, or the jar run). */
  static UserCode of(List<String> classPath, String command) {
    List<Path> dirs = new java.util.ArrayList<>();
    List<Path> jarFiles = new java.util.ArrayList<>();
    for (String e : classPath) {
      if (e.isBlank()) {
        continue;
      }
      Path p = Path.of(e);
      if (Files.isDirectory(p)) {
        dirs.add(p);
      } else if (Files.isRegularFile(p)) {
        jarFiles.add(p);
      }
    }
    String[] words = command == null || command.isBlank() ? new String[0] : command.strip().split("\\s+");
    // the main class, or the jar run; under leakdiff's runner, the scenario's class
    String main = words.length == 0 ? null : words[0].startsWith(RUNNER) && words.length > 1 ? words[1] : words[0];
    List<Set<String>> userJars = new java.util.ArrayList<>();
    for (Path jar : jarFiles) {
      boolean runJar = main != null && main.endsWith(".jar") && jar.toAbsolutePath().normalize().equals(
          Path.of(main).toAbsolutePath().normalize());
      if (runJar || main != null && holds(jar, main.replace('.', '/') + ".class")) {
        userJars.add(entries(jar));
      }
    }
    return new UserCode(dirs, userJars, !classPath.isEmpty());
  }

  /** Whether the class is the application's own code. */
  boolean user(String className) {
    if (jdk(className) || className.startsWith(RUNNER)) {
      return false;
    }
    if (!known) {
      return true;
    }
    return cache.computeIfAbsent(className, this::find);
  }

  private boolean find(String className) {
    String file = classFile(className);
    for (Path d : directories) {
      if (Files.isRegularFile(d.resolve(file))) {
        return true;
      }
    }
    for (Set<String> j : jars) {
      if (j.contains(file)) {
        return true;
      }
    }
    return false;
  }

  /** The class file of a class: com/acme/Foo$Inner.class; a lambda's is its outer class's. */
  private static String classFile(String className) {
    int lambda = className.indexOf("$$");
    String c = lambda > 0 ? className.substring(0, lambda) : className;
    return c.replace('.', '/') + ".class";
  }

  static boolean jdk(String className) {
    return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
        || className.startsWith("sun.") || className.startsWith("com.sun.");
  }

  private static boolean holds(Path jar, String entry) {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.getEntry(entry) != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static Set<String> entries(Path jar) {
    Set<String> out = new HashSet<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().forEach(e -> out.add(e.getName()));
    } catch (IOException | RuntimeException e) {
      // not a jar leakdiff can read: none of its classes is counted as the application's
    }
    return out;
  }
}
