package dev.leakdiff.hunt.capture;

import com.sun.tools.attach.VirtualMachine;
import dev.leakdiff.hunt.LeakdiffException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The allocation stacks of objects that stay alive, recorded in the dumped JVM by its own Flight Recorder (no agent):
 * the Old Object Sample event (an object sampled at allocation, its stack kept while it lives) and the Class Load
 * event (whose stack names the line that made a lambda's class), and the JVM's class path (the Initial System Property
 * events: which frames are the application's own) and its flags (whether small objects were sampled). The recording lives in the JVM's memory only and is
 * written, beside each dump, right after it (LABEL.jfr): no GC in between, so the sampled objects' addresses are the
 * dump's object ids.
 *
 * <p>HotSpot samples an allocation only when it leaves the fast path (a thread-local allocation buffer refilled, or
 * none), so a JVM started with the default buffers samples few small objects; {@link #childFlags} start a JVM for it.
 */
public final class AllocationRecording {
  /** The recording's name in the JVM. */
  public static final String NAME = "leakdiff-allocations";

  /**
   * How many samples of live objects the JVM keeps (its default is 256): with one sample in about a KiB allocated,
   * room for those of a few megabytes kept; each GC looks through them all (100,000 cost the demo 8% more CPU).
   */
  static final int QUEUE = 5_000;

  /** Frames kept of each stack: the default, which reaches the scenario's code under tablesaw's and Guava's calls. */
  static final int STACK_DEPTH = 64;

  /**
   * What a capture does with the recording, right after its dump: write it beside the dump when it runs, start it when
   * it does not (capture --allocations, the first time), stop it after writing it (the last capture). What it did is
   * told by {@link #outcome} once the capture is made.
   *
   * @param start start the recording when it does not run, with the settings written to this file (null: never start)
   * @param maxAge how long a recording started lasts at the longest
   * @param stop stop the recording once written
   */
  public static final class Plan {
    final Path start;
    final Duration maxAge;
    final boolean stop;
    private volatile Outcome outcome;

    public Plan(Path start, Duration maxAge, boolean stop) {
      this.start = start;
      this.maxAge = maxAge;
      this.stop = stop;
    }

    /** For a JVM that records from its start ({@link #childFlags}): write the recording after each dump. */
    public static Plan running() {
      return new Plan(null, null, false);
    }

    /** What the last capture did, or null before one. */
    public Outcome outcome() {
      return outcome;
    }

    void done(Outcome o) {
      outcome = o;
    }
  }

  /**
   * What a capture did with the recording.
   *
   * @param recording the file written beside the dump, or null (the recording was started, or did not run)
   * @param started it was started by this capture
   * @param stopped it was stopped after being written
   * @param sampledWell the JVM runs with the flags that let small objects be sampled
   */
  public record Outcome(Path recording, boolean started, boolean stopped, boolean sampledWell) {}

  /**
   * After a dump: writes the recording beside it, or starts it, and stops it, as the plan says. The JVM's flags tell
   * whether small objects are sampled.
   */
  static void afterDump(VirtualMachine vm, Plan plan, Path dump, String flags, String target) throws IOException {
    boolean well = sampledWell(flags);
    boolean running = running(JcmdFacts.jcmd(vm, "JFR.check name=" + NAME));
    if (!running) {
      if (plan.start == null) {
        throw new IOException(target + " runs no recording named " + NAME + " to read allocation sites from");
      }
      writeSettings(plan.start);
      try {
        start(vm, plan.start, plan.maxAge, target);
      } finally {
        Files.deleteIfExists(plan.start); // read when the recording starts
      }
      plan.done(new Outcome(null, true, false, well));
      return;
    }
    Path file = of(dump);
    dump(vm, file, target);
    plan.done(new Outcome(file, false, plan.stop && stop(vm), well));
  }

  /** Where the recording of a dump is: beside it, LABEL.jfr for LABEL.hprof. */
  public static Path of(Path dump) {
    String name = dump.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dump.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".jfr");
  }

  /** The recording's settings: the two events, with their stacks, no path to GC roots searched (the dump tells it). */
  static String settings() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <configuration version="2.0" label="leakdiff allocation sites">
          <event name="jdk.OldObjectSample">
            <setting name="enabled">true</setting>
            <setting name="stackTrace">true</setting>
            <setting name="cutoff">0 ns</setting>
          </event>
          <event name="jdk.InitialSystemProperty">
            <setting name="enabled">true</setting>
            <setting name="period">beginChunk</setting>
          </event>
          <event name="jdk.BooleanFlag">
            <setting name="enabled">true</setting>
            <setting name="period">beginChunk</setting>
          </event>
          <event name="jdk.ClassLoad">
            <setting name="enabled">true</setting>
            <setting name="stackTrace">true</setting>
            <setting name="threshold">0 ms</setting>
          </event>
        </configuration>
        """;
  }

  /** Writes the settings file (owner-only) for a JVM to read. */
  public static Path writeSettings(Path file) {
    try {
      Files.deleteIfExists(file);
      Files.writeString(file, settings(), StandardCharsets.UTF_8);
      OwnerOnly.set(file);
      return file;
    } catch (IOException e) {
      throw new LeakdiffException(LeakdiffException.Kind.CAPTURE_FAILED, "cannot write " + file + " (" + e.getMessage() + ")");
    }
  }

  /**
   * The allocation buffers a JVM samples well with: small (1 KiB, the smallest HotSpot takes) and fixed, so that one
   * allocation in a KiB or so is sampled. With none at all every allocation is sampled, and the demo took 2.7 times
   * the CPU (each sample walks the stack); with these it takes 1.4 to 1.5 times, and still 2 to 4 of 100 small kept
   * objects are sampled.
   */
  static final List<String> BUFFERS = List.of("-XX:+UseTLAB", "-XX:MinTLABSize=1k", "-XX:TLABSize=1k", "-XX:-ResizeTLAB");

  /**
   * The flags that start a JVM recording allocation sites from its start: small fixed allocation buffers, a larger
   * queue of samples and deeper stacks, and the recording (in memory only) with the settings file.
   */
  public static List<String> childFlags(Path settings) {
    List<String> flags = new java.util.ArrayList<>(BUFFERS);
    flags.addAll(List.of("-XX:FlightRecorderOptions:old-object-queue-size=" + QUEUE + ",stackdepth=" + STACK_DEPTH,
        "-XX:StartFlightRecording=name=" + NAME + ",settings=" + settings + ",disk=false", "-Xlog:jfr+startup=error"));
    return flags;
  }

  /** The flags to start a service with for {@code capture --allocations}, as the docs and messages give them. */
  public static String serviceFlags() {
    return String.join(" ", BUFFERS) + " -XX:FlightRecorderOptions:old-object-queue-size=" + QUEUE + ",stackdepth=" + STACK_DEPTH;
  }

  /** Writes the recording of the JVM to file (owner-only), right after its dump. */
  static void dump(VirtualMachine vm, Path file, String target) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file);
    OwnerOnly.set(file);
    String said = JcmdFacts.jcmd(vm, "JFR.dump name=" + NAME + " filename=\"" + file + "\"");
    if (!said.contains("Dumped recording") || Files.size(file) == 0) {
      Files.deleteIfExists(file);
      throw new IOException(target + " did not write its allocation recording: " + lastLine(said));
    }
  }

  /** Starts the recording in a running JVM, to end by itself after maxAge at the latest. */
  static void start(VirtualMachine vm, Path settings, Duration maxAge, String target) throws IOException {
    String said = JcmdFacts.jcmd(vm, "JFR.start name=" + NAME + " settings=\"" + settings + "\" disk=false duration="
        + Math.max(1, maxAge.toSeconds()) + "s");
    if (!said.contains("Started recording")) {
      throw new IOException(target + " did not start the allocation recording: " + lastLine(said));
    }
  }

  /** Stops the recording, if it runs; true when it did. */
  static boolean stop(VirtualMachine vm) throws IOException {
    return JcmdFacts.jcmd(vm, "JFR.stop name=" + NAME).contains("Stopped recording");
  }

  /** Whether JFR.check says the recording runs: "Recording 1: name=leakdiff-allocations ... (running)". */
  static boolean running(String said) {
    for (String line : said.split("\n")) {
      if (line.contains("name=" + NAME + " ") && line.contains("(running)")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the JVM runs with the flags that let small objects be sampled (its VM.flags). */
  static boolean sampledWell(String flags) {
    return flags.contains("-XX:-UseTLAB") || flags.contains("-XX:-ResizeTLAB");
  }

  private static String lastLine(String said) {
    String[] lines = said.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private AllocationRecording() {}
}
