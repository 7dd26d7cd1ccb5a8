package dev.leakdiff.cli;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.words.Words;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** leakdiff demo: run on the bundled document-indexing worker (testdata/worker; demo/ in the distribution). */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The whole leak hunt (run) on the bundled document-indexing worker.",
        "The worker keeps every search's result table, a Tablesaw Table, in a static",
        "map, and never evicts it. The bundled worker is in demo/ beside lib/. Same",
        "options as run; --fixed runs it with the leak fixed."},
    footer = {"%nExamples:%n  leakdiff demo", "  leakdiff demo --fixed --fail-on-leak", "  leakdiff demo --dir demo-dumps"})
final class DemoCommand implements Callable<Integer> {
  private final Words words;

  DemoCommand(Words words) {
    this.words = words;
  }

  static final String SCENARIO = "dev.leakdiff.demo.IndexingScenario";

  @Spec
  CommandSpec spec;

  @Option(names = "--fixed", description = "Run the worker with the leak fixed (its history keeps one table per query).")
  boolean fixed;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() {
    List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
    if (fixed) {
      jvm.add("-Dleakdiff.demo.fixed=true");
    }
    boolean keep = run.dir != null && !run.noKeep; // the demo keeps its dumps only where asked to
    return HuntReport.print(spec.commandLine(), run, run.spec(SCENARIO, null, workerClasspath(), jvm, keep), words);
  }

  /**
   * The worker's classpath: the distribution's demo/ directory beside lib/ (where leakdiff's jars are), else the
   * worker's build in the checkout leakdiff runs from (testdata/worker/target).
   */
  static List<String> workerClasspath() {
    Path lib = ownCode().getParent();
    Path demo = lib.resolveSibling("demo");
    if (Files.isDirectory(demo)) {
      return List.of(demo + File.separator + "*");
    }
    Path home = System.getProperty("leakdiff.home") != null ? Path.of(System.getProperty("leakdiff.home"))
        : lib.getParent().getParent(); // cli/target/classes or cli/target/cli.jar
    Path worker = home.resolve("testdata").resolve("worker").resolve("target");
    if (!Files.isDirectory(worker.resolve("classes").resolve("dev")) || !Files.isDirectory(worker.resolve("lib"))) {
      throw new LeakdiffException(Kind.NO_INPUT, "the demo worker is neither in " + demo + " nor built in " + worker
          + " (mvn -q -DskipTests package in the checkout builds it)");
    }
    return List.of(worker.resolve("classes").toString(), worker.resolve("lib") + File.separator + "*");
  }

  /** Where leakdiff's own classes are: its jar, or its classes directory when run from the build. */
  private static Path ownCode() {
    try {
      return Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
