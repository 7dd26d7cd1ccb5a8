package dev.leakdiff.cli;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.words.Words;
import java.io.File;
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

/** leakdiff run: the whole method on a scenario of the user's, in one command. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"The whole leak hunt on a scenario of yours, in a child JVM.",
        "Takes a live heap dump after 0, 1, 10 and 100 iterations (or --iterations),",
        "compares the dumps, and shows the chains from GC roots that hold each leak",
        "suspect, with the process's RSS and threads at each stage.",
        "The scenario is a public class with a public no-argument constructor; one",
        "iteration is its METHOD, or run() when it is a Runnable; public no-argument",
        "setup() and teardown() run if present."},
    footer = {"%nExamples:%n  leakdiff run --classpath 'target/classes:lib/*' --scenario com.acme.Export",
        "  leakdiff run --classpath app.jar --scenario com.acme.Client#uploadOnce \\",
        "      --iterations 1,10,100 --warmup 5",
        "  leakdiff run --classpath app.jar --scenario com.acme.Nightly --jvm-arg=-Xmx1g \\",
        "      --fail-on-leak --no-keep"})
final class RunCommand implements Callable<Integer> {
  private final Words words;

  RunCommand(Words words) {
    this.words = words;
  }

  @Spec
  CommandSpec spec;

  @Option(names = {"--classpath", "-cp"}, required = true, paramLabel = "CP",
      description = "The scenario's classpath, entries separated by the platform's path separator (':' here); DIR/* takes a directory's jars.")
  String classpath;

  @Option(names = "--scenario", required = true, paramLabel = "SCENARIO",
      description = "CLASS, or CLASS#METHOD: the scenario class and, unless it is a Runnable, the method that is one"
          + " iteration.")
  String scenario;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() {
    List<String> entries = new ArrayList<>();
    for (String e : classpath.split(File.pathSeparator)) {
      if (e.isEmpty()) {
        continue;
      }
      Path p = Path.of(e.endsWith("*") ? e.substring(0, e.length() - 1) : e);
      if (!Files.exists(p)) {
        throw new LeakdiffException(Kind.NO_INPUT, "the classpath entry " + e + " does not exist");
      }
      entries.add(e);
    }
    if (entries.isEmpty()) {
      throw new LeakdiffException(Kind.USAGE, "--classpath is empty");
    }
    int hash = scenario.indexOf('#');
    String className = hash < 0 ? scenario : scenario.substring(0, hash);
    String method = hash < 0 ? null : scenario.substring(hash + 1);
    if (!className.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")
        || (method != null && !method.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*"))) {
      throw new LeakdiffException(Kind.USAGE, "--scenario '" + scenario + "' is not CLASS or CLASS#METHOD (e.g. com.acme.Export#once)");
    }
    return HuntReport.print(spec.commandLine(), run, run.spec(className, method, entries, List.of(), !run.noKeep), words);
  }
}
