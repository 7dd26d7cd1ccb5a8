package dev.leakdiff.cli;

import dev.leakdiff.diff.Sizes;
import dev.leakdiff.hunt.LeakdiffException;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The leakdiff command: finds JVM memory leaks by diffing heap dumps. */
@Command(
    name = "leakdiff",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Finds JVM memory leaks by diffing heap dumps taken after 1, 10 and 100 iterations of an operation.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:internal error (a bug in leakdiff)",
        "2:wrong options or arguments",
        "3:--fail-on-leak and a class is a leak suspect",
        "4:a file is missing, unreadable, a directory or not a regular file",
        "5:not a heap dump, or a damaged one",
        "6:not enough memory (set LEAKDIFF_JAVA_OPTS=-Xmx...)",
        "7:capture: no such process",
        "8:capture: not a JVM leakdiff can attach to",
        "9:capture: the JVM refused the attach (another user's, or attach disabled)",
        "10:a dump (capture, run) or --html report could not be written, or would overwrite a file",
        "11:capture: the dump did not finish within --timeout",
        "12:run: the scenario could not start, failed, or did not answer within --timeout"})
public final class Main implements Runnable {
  /** The commands, in the order the usage lists them. */
  private static final String[] COMMANDS = {"demo", "run", "histo", "compare", "paths", "capture"};

  /** A new instance of a command, or null; a switch, so that naming one command loads that class alone. */
  private static Object command(String name) {
    return switch (name) {
      case "demo" -> new DemoCommand();
      case "run" -> new RunCommand();
      case "histo" -> new HistoCommand();
      case "compare" -> new CompareCommand();
      case "paths" -> new PathsCommand();
      case "capture" -> new CaptureCommand();
      default -> null;
    };
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: demo, run, histo, compare, paths or capture");
  }

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs a command line with the given streams; returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    // picocli looks up converters for java.time and java.sql types by reflection, which initialises those
    // packages (a tenth of the start-up); no option here has such a type
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java.time.*,java.sql.*");
    }
    CommandLine cl = new CommandLine(new Main());
    // picocli reads every command's annotations when it is added: a command line naming one command gets that
    // one alone (the usage, and a mistyped name, get them all)
    Object named = args.length > 0 ? command(args[0]) : null;
    if (named != null) {
      cl.addSubcommand(named);
    } else {
      for (String name : COMMANDS) {
        cl.addSubcommand(command(name));
      }
      cl.addSubcommand(new CommandLine.HelpCommand());
    }
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof LeakdiffException u) {
        err.println("leakdiff: " + u.getMessage());
        return ExitCodes.of(u.kind());
      }
      err.println("leakdiff: internal error: " + e + " (please report it; set LEAKDIFF_DEBUG=1 for the stack trace)");
      if (System.getenv("LEAKDIFF_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return ExitCodes.INTERNAL;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("leakdiff: " + ex.getMessage());
      err.println("Try 'leakdiff " + (ex.getCommandLine().getCommandName().equals("leakdiff") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
      return ExitCodes.USAGE;
    });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("leakdiff: not enough memory (" + Sizes.bytes(Runtime.getRuntime().maxMemory())
          + "); give more with LEAKDIFF_JAVA_OPTS=-Xmx4g (say)");
      return ExitCodes.OUT_OF_MEMORY;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"leakdiff " + (v == null ? "(development build)" : v)};
    }
  }
}
