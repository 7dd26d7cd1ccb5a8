package dev.leakdiff.cli;

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

/** leakdiff demo: run on the bundled document-indexing worker of testdata/worker. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The whole leak hunt (run) on the bundled document-indexing worker.",
        "The worker (testdata/worker) keeps every search's result table, a Tablesaw",
        "Table, in a static map. Same options as run; --fixed runs it with the leak",
        "fixed."},
    footer = {"%nExamples:%n  leakdiff demo", "  leakdiff demo --fixed --fail-on-leak", "  leakdiff demo --dir demo-dumps"})
final class DemoCommand implements Callable<Integer> {
  static final String SCENARIO = "dev.leakdiff.demo.IndexingScenario";

  @Spec
  CommandSpec spec;

  @Option(names = "--fixed", description = "Run the worker with the leak fixed (its history keeps one table per query).")
  boolean fixed;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() {
    Path worker = home().resolve("testdata").resolve("worker").resolve("target");
    if (!Files.isDirectory(worker.resolve("classes").resolve("dev")) || !Files.isDirectory(worker.resolve("lib"))) {
      throw new UserError(ExitCodes.NO_INPUT, "the demo worker is not built in " + worker
          + "; scripts/leakdiff builds it (or run mvn -q -DskipTests package in " + home() + ")");
    }
    List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
    if (fixed) {
      jvm.add("-Dleakdiff.demo.fixed=true");
    }
    boolean temporary = run.dir == null;
    if (temporary) {
      run.noKeep = true;
    }
    return new LeakHunt(spec.commandLine().getOut(), spec.commandLine().getErr(), run)
        .hunt(SCENARIO, null, List.of(worker.resolve("classes").toString(), worker.resolve("lib") + "/*"), jvm);
  }

  /** The checkout leakdiff runs from: -Dleakdiff.home, else three levels above its jar (cli/target/leakdiff.jar). */
  static Path home() {
    String set = System.getProperty("leakdiff.home");
    if (set != null) {
      return Path.of(set);
    }
    return LeakHunt.ownCode().toAbsolutePath().getParent().getParent().getParent();
  }
}
