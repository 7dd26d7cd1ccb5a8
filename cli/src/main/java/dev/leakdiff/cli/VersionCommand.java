package dev.leakdiff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** leakdiff version: what --version prints, for those who type it as a command. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "leakdiff's version and build, and the JDK it runs on (as --version).")
final class VersionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    for (String line : new Main.Version().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
    return ExitCode.OK.code;
  }
}
