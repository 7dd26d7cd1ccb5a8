package dev.leakdiff.cli;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.words.Words;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The leakdiff command: finds JVM memory leaks by diffing heap dumps. */
@Command(
    name = "leakdiff",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Finds JVM memory leaks by diffing heap dumps taken after 1, 10 and 100 iterations of an operation.",
    footerHeading = "%nExamples:%n",
    footer = {"  leakdiff demo",
        "  leakdiff run --classpath app.jar --scenario com.acme.Export#once",
        "  leakdiff capture --iteration 1 PID   (then 10, then 100, with the same PID)",
        "  leakdiff compare leakdiff-captures",
        "  leakdiff compare --iterations 1,10,100 a.hprof b.hprof c.hprof",
        "  leakdiff paths --type com.acme.Session --baseline b.hprof c.hprof",
        "%n'leakdiff COMMAND --help' tells more of a command."},
    exitCodeListHeading = "%nExit codes:%n")
public final class Main implements Runnable {
  /** The commands, in the order the usage lists them: the one list of them. */
  enum Name {
    DEMO, RUN, HISTO, COMPARE, PATHS, RETAINED, CAPTURE, WATCH, VERSION;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** A new instance of the command; a switch, so that naming one command loads that class alone. */
    Object create(Words words) {
      return switch (this) {
        case DEMO -> new DemoCommand(words);
        case RUN -> new RunCommand(words);
        case HISTO -> new HistoCommand(words);
        case COMPARE -> new CompareCommand(words);
        case PATHS -> new PathsCommand(words);
        case RETAINED -> new RetainedCommand(words);
        case CAPTURE -> new CaptureCommand(words);
        case WATCH -> new WatchCommand(words);
        case VERSION -> new VersionCommand();
      };
    }

    static Name of(String word) {
      for (Name n : values()) {
        if (n.word().equals(word)) {
          return n;
        }
      }
      return null;
    }
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: "
        + Arrays.stream(Name.values()).map(Name::word).collect(Collectors.joining(", ")));
  }

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs a command line with the given streams; returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(Words.english(), out, err, args);
  }

  /** Runs a command line with the given streams and wording; returns the exit code. */
  public static int run(Words words, PrintStream out, PrintStream err, String... args) {
    // picocli looks up converters for java.time and java.sql types by reflection, which initialises those
    // packages (a tenth of the start-up); no option here has such a type
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java.time.*,java.sql.*");
    }
    // picocli reads every command's annotations when it is added: a command line naming one command gets that
    // one alone (the usage, and a mistyped name, get them all)
    Name named = args.length > 0 ? Name.of(args[0]) : null;
    CommandLine cl = named != null ? commandLine(words, named) : commandLine(words, Name.values());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof LeakdiffException u) {
        err.println("leakdiff: " + CliReporter.oneLine(u.getMessage()));
        return ExitCode.of(u);
      }
      err.println("leakdiff: internal error: " + e + " (please report it; set LEAKDIFF_DEBUG=1 for the stack trace)");
      if (System.getenv("LEAKDIFF_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return ExitCode.INTERNAL.code;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("leakdiff: " + ex.getMessage());
      err.println("Try 'leakdiff " + (ex.getCommandLine().getCommandName().equals("leakdiff") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
      return ExitCode.USAGE.code;
    });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("leakdiff: not enough memory (" + words.bytes(Runtime.getRuntime().maxMemory())
          + "); give more with LEAKDIFF_JAVA_OPTS=-Xmx4g (say)");
      return ExitCode.OUT_OF_MEMORY.code;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The command line with these commands (all of them, and help, when given all): what a run parses, and what the build
   * makes the shell completion and the man pages from.
   */
  static CommandLine commandLine(Words words, Name... names) {
    CommandLine cl = new CommandLine(new Main());
    cl.getCommandSpec().usageMessage().exitCodeList(exitCodes());
    for (Name n : names) {
      cl.addSubcommand(n.create(words));
    }
    if (names.length == Name.values().length) {
      cl.addSubcommand(new CommandLine.HelpCommand());
    }
    return cl;
  }

  /** The usage's list of exit codes, from {@link ExitCode}. */
  private static java.util.Map<String, String> exitCodes() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (ExitCode c : ExitCode.values()) {
      out.put(String.valueOf(c.code), c.meaning);
    }
    return out;
  }

  /** leakdiff's version and the commit it was built from (build.properties, filled in by the build), and the JDK it runs on. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      java.util.Properties build = new java.util.Properties();
      try (java.io.InputStream in = Main.class.getResourceAsStream("build.properties")) {
        if (in != null) {
          build.load(in);
        }
      }
      String version = build.getProperty("version", "(development build)");
      String commit = build.getProperty("commit", "unknown");
      return new String[] {"leakdiff " + version + " (build " + (commit.startsWith("${") ? "unknown" : commit) + ")",
          "JDK " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ", "
              + System.getProperty("java.home") + ")"};
    }
  }
}
