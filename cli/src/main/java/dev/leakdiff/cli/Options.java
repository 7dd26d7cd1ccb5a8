package dev.leakdiff.cli;

import dev.leakdiff.hunt.Defaults;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.findings.Gate;
import dev.leakdiff.layout.Layout;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options several commands share, one mixin each, so that a name means the same thing everywhere. */
final class Options {
  private Options() {}

  /** How a report is printed. */
  enum Format {
    table, json, csv, dot;

    /** Reads a --format value of a command that prints these formats; "text" is the old name of table in paths. */
    abstract static class Converter implements ITypeConverter<Format> {
      private final List<Format> allowed;

      Converter(Format... allowed) {
        this.allowed = List.of(allowed);
      }

      @Override
      public Format convert(String value) {
        Format f = value.equals("text") ? table : allowed.stream().filter(a -> a.name().equals(value)).findFirst().orElse(null);
        if (f == null || !allowed.contains(f)) {
          throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not " + allowed.stream().map(Enum::name)
              .collect(Collectors.joining(", ")).replaceFirst(", ([a-z]+)$", " or $1"));
        }
        return f;
      }
    }
  }

  /** --format of histo and compare. */
  static final class TableJsonCsv {
    static final class Values extends Format.Converter implements Iterable<String> {
      Values() {
        super(Format.table, Format.json, Format.csv);
      }

      @Override
      public java.util.Iterator<String> iterator() {
        return List.of("table", "json", "csv").iterator();
      }
    }

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Values.class,
        completionCandidates = Values.class, description = "table (default), json or csv.")
    Format format;
  }

  /** --format of paths. */
  static final class TableJsonDot {
    static final class Values extends Format.Converter implements Iterable<String> {
      Values() {
        super(Format.table, Format.json, Format.dot);
      }

      @Override
      public java.util.Iterator<String> iterator() {
        return List.of("table", "json", "dot").iterator();
      }
    }

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Values.class,
        completionCandidates = Values.class, description = "table (default), json or dot (a Graphviz graph).")
    Format format;
  }

  /** --format of run and demo. */
  static final class TableJson {
    static final class Values extends Format.Converter implements Iterable<String> {
      Values() {
        super(Format.table, Format.json);
      }

      @Override
      public java.util.Iterator<String> iterator() {
        return List.of("table", "json").iterator();
      }
    }

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Values.class,
        completionCandidates = Values.class, description = "table (default) or json.")
    Format format;
  }

  /** --top: how many classes a table shows. */
  static class Top {
    @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "Classes to show (default ${DEFAULT-VALUE}; 0 for all).")
    int top;

    int limit(int size) {
      return top <= 0 ? size : Math.min(top, size);
    }
  }

  /** --top and --all: which classes a table of a series shows. */
  static final class Rows extends Top {
    @Option(names = "--all", description = "Show every class, also those that did not change.")
    boolean all;
  }

  /** --layout. */
  static final class LayoutOption {
    @Option(names = "--layout", paramLabel = "NAME",
        description = "State the JVM's object layout instead of inferring it from the dump: compressed-oops, "
            + "compact-headers, uncompressed-oops, uncompressed, uncompressed-packed, wide-class-pointers, "
            + "wide-class-pointers-packed, compact-headers-uncompressed-oops, compressed-oops-align16, 32-bit.")
    String layout;

    /** The stated layout, or null to infer it. */
    Layout layout() {
      if (layout == null) {
        return null;
      }
      Layout l = Layout.named(layout);
      if (l == null) {
        throw new LeakdiffException(Kind.USAGE, "unknown --layout '" + layout + "'; one of: "
            + Arrays.stream(Layout.NAMED).map(Layout::name).collect(Collectors.joining(", ")));
      }
      return l;
    }
  }

  /** --fail-on-leak. */
  static final class FailOnLeak {
    @Option(names = "--fail-on-leak", description = "For CI: exit with code 3 when something leaks, 13 when the dumps"
        + " cannot be judged (too few, no iterations, truncated, of different processes, ...).")
    boolean failOnLeak;

    /** 0 without the flag; with it, what the findings come to ({@link Gate}). */
    int exitCode(List<? extends dev.leakdiff.hunt.findings.Finding> findings) {
      return failOnLeak ? ExitCode.of(Gate.decide(findings)).code : ExitCode.OK.code;
    }
  }

  /** --max-depth: how much of a long chain to show. */
  static final class Depth {
    @Option(names = "--max-depth", defaultValue = "16", paramLabel = "N",
        description = "Longer chains show their first and last hops with the middle elided (default ${DEFAULT-VALUE}).")
    int maxDepth;
  }

  /** A --timeout: 0 waits as long as it takes. */
  abstract static class Seconds {
    abstract double seconds();

    Duration duration() {
      double seconds = seconds();
      if (!(seconds >= 0) || seconds > 1e9) {
        throw new LeakdiffException(Kind.USAGE, "--timeout must be 0 (no limit) or more seconds");
      }
      return Duration.ofNanos(Math.round(seconds * 1e9));
    }
  }

  /** --timeout of capture. */
  static final class Timeout extends Seconds {
    @Option(names = "--timeout", defaultValue = "" + Defaults.TIMEOUT_SECONDS, paramLabel = "SECONDS",
        description = "Longest wait for the dump; fractions allowed (default ${DEFAULT-VALUE}; 0: no limit).")
    double seconds;

    @Override
    double seconds() {
      return seconds;
    }
  }

  /** --timeout of run and demo, the same seconds for each step. */
  static final class StepTimeout extends Seconds {
    @Option(names = "--timeout", defaultValue = "" + Defaults.TIMEOUT_SECONDS, paramLabel = "SECONDS",
        description = "Longest wait for each step: the scenario's setup, each run of iterations, each dump; fractions"
            + " allowed (default ${DEFAULT-VALUE}; 0: no limit).")
    double seconds;

    @Override
    double seconds() {
      return seconds;
    }
  }

  /** --html: the report also as one self-contained HTML page. */
  static final class Html {
    @Option(names = "--html", paramLabel = "FILE",
        description = "Also write the report to FILE as one self-contained HTML page; FILE is new, readable by its owner"
            + " alone, never replaced.")
    java.nio.file.Path file;

    /** Fails before the work when FILE exists or cannot be made (no such directory, not writable). */
    void check() {
      HtmlReport.refuseExisting(file);
    }

    /** Writes the page when --html was given, and says where on stderr. */
    void write(CliReporter reporter, java.util.function.Supplier<HtmlReport> page) {
      if (file != null) {
        HtmlReport.write(file, page.get().html());
        reporter.say("the HTML report is in " + file);
      }
    }
  }

  /** What compare and run share: the rows, the layout, the verdict rule, --fail-on-leak and --html. */
  static final class Verdicts {
    @Mixin
    Rows rows;

    @Mixin
    LayoutOption layout;

    @Mixin
    FailOnLeak failOnLeak;

    @Mixin
    RuleOptions rule;

    @Mixin
    Html html;
  }
}
