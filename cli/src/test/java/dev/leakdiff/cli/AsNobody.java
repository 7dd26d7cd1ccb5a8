package dev.leakdiff.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** leakdiff's command line run as the user nobody, in a JVM of its own (needs root and runuser: skipped elsewhere). */
final class AsNobody {
  private AsNobody() {}

  static void assumePossible() {
    boolean root = "root".equals(System.getProperty("user.name"));
    Assumptions.assumeTrue(root && Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs root and runuser");
  }

  /**
   * Runs leakdiff with these arguments as nobody, its class path copied under tmp where nobody can read it (the local
   * Maven repository is root's); returns its exit code and what it wrote on stdout and stderr together.
   */
  static ScenarioDumps.Result leakdiff(Path tmp, String... args) throws Exception {
    assumePossible();
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jars = Files.createDirectories(tmp.resolve("cp"));
    Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path e = Path.of(entry);
      if (Files.isRegularFile(e)) {
        Path copy = jars.resolve(entries.size() + "-" + e.getFileName());
        if (!Files.exists(copy)) {
          Files.copy(e, copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
        entry = copy.toString();
      }
      entries.add(entry);
    }
    List<String> cmd = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, entries),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes());
    return new ScenarioDumps.Result(p.waitFor(), text, text);
  }
}
