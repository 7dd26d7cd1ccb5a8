package dev.leakdiff.cli;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.capture.AllocationRecording;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.Capturer;
import dev.leakdiff.hunt.capture.Dumpers;
import dev.leakdiff.hunt.capture.Jvms;
import dev.leakdiff.hunt.words.Words;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** leakdiff capture: a heap dump of a running JVM, with a sidecar of process facts. */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = {"Takes a live heap dump of a running JVM, with a sidecar of process facts.",
        "Through the JVM's attach mechanism (a full GC first), as DIR/LABEL.hprof, with DIR/LABEL.json: heap before",
        "and after, RSS, threads, class histogram totals."},
    footer = {"%nExamples:%n  leakdiff capture --iteration 10 12345", "  leakdiff capture --allocations --iteration 0 12345",
        "  leakdiff capture --list"})
final class CaptureCommand implements Callable<Integer> {
  private final Words words;

  CaptureCommand(Words words) {
    this.words = words;
  }

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PID", description = "The process to dump.")
  Long pid;

  @Option(names = "--list", description = "List the local JVMs (pid, main class, version), like jps.")
  boolean list;

  @Option(names = "--iteration", paramLabel = "N", description = "Iterations run so far; the label defaults to iter-N.")
  Long iteration;

  @Option(names = "--label", paramLabel = "NAME", description = "The file name, without .hprof (default iter-N, else a timestamp).")
  String label;

  @Option(names = "--dir", defaultValue = "leakdiff-captures", paramLabel = "DIR", description = "Where to write (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = {"--include-unreachable"}, description = "Keep unreachable objects too (no GC before the dump).")
  boolean includeUnreachable;

  @Option(names = "--all", hidden = true, description = "The old name of --include-unreachable.")
  void all(boolean on) {
    includeUnreachable = on;
  }

  @Option(names = "--force", description = "Replace an existing dump of the same label.")
  boolean force;

  @Option(names = "--allocations", description = {"Record where objects are allocated: the first capture starts a flight"
      + " recording in the JVM, each later one writes it beside its dump (the same label, ending in jfr), and compare"
      + " --paths DIR then shows where the growing objects were created. For small objects to be sampled the JVM must"
      + " run with small fixed allocation buffers: capture says so when it does not, with the flags to start it with."})
  boolean allocations;

  @Option(names = "--allocations-for", defaultValue = "2h", paramLabel = "DURATION",
      description = "How long a recording started by --allocations lasts at the longest (default ${DEFAULT-VALUE}).")
  String allocationsFor;

  @Option(names = "--last", description = "With --allocations: this is the last capture; stop the recording once written.")
  boolean last;

  @Mixin
  Options.Timeout timeout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      Table t = new Table(">PID", "MAIN CLASS", "JVM");
      for (Jvms.Jvm j : Jvms.list()) {
        t.row(Long.toString(j.pid()), j.mainClass(), j.version());
      }
      t.print(out);
      return ExitCode.OK.code;
    }
    if (pid == null) {
      throw new LeakdiffException(Kind.USAGE, "capture needs a PID (or --list)");
    }
    String name = label != null ? label
        : iteration != null ? "iter-" + iteration
        : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    if (last && !allocations) {
      throw new LeakdiffException(Kind.USAGE, "--last stops the recording of --allocations: give both");
    }
    AllocationRecording.Plan plan = !allocations ? null : new AllocationRecording.Plan(
        dir.resolve(".leakdiff-allocations.jfc").toAbsolutePath(), java.time.Duration.ofMillis(WatchCommand.millis(
        "--allocations-for", allocationsFor)), last);
    Capture c = Capturer.capture(Dumpers.attach(pid, null, plan), dir, name, iteration, !includeUnreachable, force,
        timeout.duration(), new CliReporter(spec.commandLine().getErr(), words));
    out.printf("%s: %s in %.1f s (sidecar %s)%n", c.dump(), words.bytes(c.facts().dumpBytes()), c.facts().dumpMillis() / 1000.0,
        c.sidecarFile().getFileName());
    AllocationRecording.Outcome o = plan == null ? null : plan.outcome();
    if (o != null) {
      PrintWriter err = spec.commandLine().getErr();
      if (o.started()) {
        out.printf("Allocation recording started in pid %d (for %s at most): the next captures with --allocations write it"
            + " beside their dumps.%n", pid, allocationsFor);
      } else {
        out.printf("Allocation recording: %s%s%n", AllocationRecording.of(c.dump()).getFileName(),
            o.stopped() ? " (the recording is stopped)" : "");
      }
      if (!o.sampledWell()) {
        err.println("leakdiff: pid " + pid + " runs with the default allocation buffers: few small objects are sampled. Start"
            + " it with " + AllocationRecording.serviceFlags() + " for sites of small objects.");
      }
    }
    return ExitCode.OK.code;
  }
}
