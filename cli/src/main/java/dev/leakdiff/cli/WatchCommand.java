package dev.leakdiff.cli;

import dev.leakdiff.diff.TrendRule;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.analysis.DumpReader;
import dev.leakdiff.hunt.capture.Jvms;
import dev.leakdiff.hunt.watch.Sampler;
import dev.leakdiff.hunt.watch.Watch;
import dev.leakdiff.hunt.watch.WorkMeter;
import dev.leakdiff.hunt.words.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** leakdiff watch: a running JVM sampled at intervals, its growth judged against the work it did. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Watches a running JVM: at each interval a class histogram (one full GC, no",
        "dump) and the process facts (RSS, threads, heap in use, loaded classes, native",
        "memory when tracked), each judged against the work done (time, or a counter of",
        "yours) by a robust trend over a window of samples. --min-rate is per unit of",
        "work. Ends with a report on Ctrl-C, after --for or --samples, or when the",
        "target ends."},
    footer = {"%nExamples:%n  leakdiff watch 12345",
        "  leakdiff watch --every 10s --for 1h --work-url http://localhost:8080/metrics \\",
        "      --work-metric http_server_requests_seconds_count --unit request 12345",
        "  leakdiff watch --every 30s --format jsonl --dumps dumps 12345 > a.jsonl"})
final class WatchCommand implements Callable<Integer> {
  private final Words words;

  WatchCommand(Words words) {
    this.words = words;
  }

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "PID", description = "The JVM to watch.")
  long pid;

  @Option(names = "--every", defaultValue = "60s", paramLabel = "DURATION",
      description = "The interval between samples: 500ms, 10s, 5m, 1h (default ${DEFAULT-VALUE}).")
  String every;

  @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (default: until Ctrl-C or the target ends).")
  String duration;

  @Option(names = "--samples", paramLabel = "N", description = "Stop after N samples.")
  Integer samples;

  @Option(names = "--window", defaultValue = "30", paramLabel = "N",
      description = "The trends are judged over the last N samples (default ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--min-samples", defaultValue = "" + TrendRule.DEFAULT_MIN_SAMPLES, paramLabel = "N",
      description = "Samples a verdict needs, at least 4 (default ${DEFAULT-VALUE}).")
  int minSamples;

  @Option(names = "--work-command", paramLabel = "CMD",
      description = "The work done is the first number this shell command prints (a counter of requests, say).")
  String workCommand;

  @Option(names = "--work-url", paramLabel = "URL",
      description = "The work done is --work-metric read from this URL, the service's Prometheus-format endpoint (its"
          + " /metrics).")
  URI workUrl;

  @Option(names = "--work-metric", paramLabel = "NAME",
      description = "The metric of --work-url: its samples summed, or one series as NAME{label=\"value\"}.")
  String workMetric;

  @Option(names = "--unit", defaultValue = "request", paramLabel = "WORD",
      description = "What one unit of a counter is, for the rates' words (default ${DEFAULT-VALUE}); time is in minutes.")
  String unit;

  String format = "table";

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default: a live table on a terminal, plain lines otherwise) or jsonl (JSON lines on stdout).")
  void format(String f) {
    if (!f.equals("table") && !f.equals("jsonl")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "watch prints table or jsonl, not " + f);
    }
    format = f;
  }

  @Option(names = "--jsonl", paramLabel = "FILE", description = "Also write the JSON lines to FILE (new, owner-only).")
  Path jsonl;

  @Option(names = "--live", description = "Redraw the table in place even when stdout is not a terminal.")
  boolean live;

  @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Classes the table shows (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--dumps", paramLabel = "DIR",
      description = "Once a class is a leak suspect, take two live dumps --dump-after samples apart into DIR (owner-only;"
          + " only with twice the heap in use free there), count the strongly held instances and show who holds them.")
  Path dumps;

  @Option(names = "--dump-after", defaultValue = "5", paramLabel = "N",
      description = "Samples between the two dumps (default ${DEFAULT-VALUE}).")
  int dumpAfter;

  @Mixin
  RuleOptions rule;

  @Mixin
  Options.Timeout timeout;

  @Override
  public Integer call() throws IOException {
    long everyMillis = millis("--every", every);
    Long forMillis = duration == null ? null : millis("--for", duration);
    if (!format.equals("table") && !format.equals("jsonl")) {
      throw new LeakdiffException(Kind.USAGE, "watch prints table or jsonl, not " + format);
    }
    if (window < minSamples || minSamples < 4) {
      throw new LeakdiffException(Kind.USAGE, "--min-samples must be at least 4 and --window at least --min-samples");
    }
    if ((workUrl == null) != (workMetric == null) || (workUrl != null && workCommand != null)) {
      throw new LeakdiffException(Kind.USAGE, "give --work-url with --work-metric, or --work-command, or neither (time)");
    }
    if (samples != null && samples < 1 || dumpAfter < 1) {
      throw new LeakdiffException(Kind.USAGE, "--samples and --dump-after must be 1 or more");
    }
    WorkMeter work = workCommand != null ? new WorkMeter.Command(workCommand, unit)
        : workUrl != null ? new WorkMeter.Prometheus(workUrl, workMetric, unit) : new WorkMeter.Time();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter file = jsonl == null ? null : open(jsonl);
    Jvms.Confirmed target = Jvms.confirm(pid);
    CliReporter reporter = new CliReporter(err, words);
    Watch.DumpPlan plan = dumps == null ? null : new Watch.DumpPlan(dumps, dumpAfter, timeout.duration(),
        new DumpReader(reporter, null));
    Watch watch = new Watch(new Sampler(target, work), new Watch.Options(everyMillis, forMillis, samples, window,
        new TrendRule(rule.rule(), minSamples), plan));
    boolean terminal = live || (System.console() != null && !"dumb".equals(System.getenv("TERM")));
    WatchReport report = new WatchReport(words, work.unit(), out, err, format.equals("jsonl"), terminal, file, top,
        minSamples);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        reported.await(60, TimeUnit.SECONDS); // Ctrl-C: the report is printed before the JVM ends
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "leakdiff-watch-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Watch.Result r = watch.run(report, stop::get, work.unit());
      report.end(r);
      if (r.failure() != null) {
        err.println("leakdiff: " + r.failure().getMessage());
        return r.failure().kind().exitCode;
      }
      return ExitCode.OK.code;
    } finally {
      if (file != null) {
        file.close();
      }
      out.flush();
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook runs
      }
    }
  }

  private static PrintWriter open(Path file) {
    try {
      Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE), true);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, file + " exists already; --jsonl writes a new file");
    } catch (IOException | UnsupportedOperationException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot write " + file + " (" + LeakdiffException.rootMessage(e) + ")");
    }
  }

  /** A duration as the user writes it: 500ms, 10s, 5m, 1h, or a plain number of seconds. */
  static long millis(String option, String text) {
    Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new LeakdiffException(Kind.USAGE, option + " '" + text + "' is not a duration (500ms, 10s, 5m, 1h)");
    }
    double n = Double.parseDouble(m.group(1));
    String u = m.group(2) == null ? "s" : m.group(2);
    double ms = switch (u) {
      case "ms" -> n;
      case "s" -> n * 1000;
      case "m" -> n * 60_000;
      default -> n * 3_600_000;
    };
    if (ms < 100) {
      throw new LeakdiffException(Kind.USAGE, option + " '" + text + "' is shorter than 100ms");
    }
    return Math.round(ms);
  }
}
