package dev.leakdiff.cli.fuzz;

import dev.leakdiff.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The project's fuzzer: mutates small real and synthetic dumps ({@link Mutator}) and runs {@code histo},
 * {@code compare} and {@code paths} on each in this JVM through {@link Main#run}, each command under a time
 * bound and a memory watch. A failure is a crash (exit 1, a Throwable escaping, a stack trace or several
 * lines on stderr), a hang (over the time bound), a blow-up (exit 6, or the heap growing out of proportion
 * to the input), an undocumented exit code, or silent damage (structural damage, exit 0, no warning, and a
 * histogram that differs from the undamaged one). Input i of a run is a function of the seed and i alone
 * (given the same bases), so a failure is replayed from its seed and index.
 *
 * <p>Run from the command line by scripts/fuzz: {@code DumpFuzzer SEED COUNT WORKDIR [BASE.hprof...]}.
 */
public final class DumpFuzzer {
  /** A base input: a well-formed dump, its name, and the histogram leakdiff gives of it. */
  public record Base(String name, byte[] bytes, HprofMap map, Path file, String histo) {}

  /** One failing input: the seed and index that make it, what was done, and what went wrong. */
  public record Failure(long seed, int index, String base, String mutation, String command, String signature, Path saved) {
    @Override
    public String toString() {
      return String.format("seed %d input %d (%s: %s) %s: %s%s", seed, index, base, mutation, command, signature,
          saved == null ? "" : " [saved as " + saved + "]");
    }
  }

  private final List<Base> bases = new ArrayList<>();
  private final Path work;
  private final long timeoutMillis;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fuzz-command");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Integer> outcomes = new LinkedHashMap<>();

  public DumpFuzzer(Path work, long timeoutMillis) {
    this.work = work;
    this.timeoutMillis = timeoutMillis;
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a base input; its histogram is taken now (it must read cleanly). */
  public void addBase(String name, byte[] bytes) {
    Path f = write(work.resolve("base-" + bases.size() + ".hprof"), bytes);
    Outcome o = run("histo", "--format=json", f.toString());
    if (o.code != 0) {
      throw new IllegalStateException("base " + name + " does not read cleanly: " + o.err);
    }
    bases.add(new Base(name, bytes, new HprofMap(bytes), f, o.out));
  }

  /** Synthetic bases from seeds. */
  public void addSynthetic(long seed, int count) {
    for (int i = 0; i < count; i++) {
      addBase("synthetic " + (seed + i), Synthetic.make(seed + i));
    }
  }

  /** Slices of a real dump (plain or gzip-compressed). */
  public void addSlices(Path dump, int count, int maxObjects) throws IOException {
    byte[] all = readDump(dump);
    for (int i = 0; i < count; i++) {
      addBase("slice " + i + " of " + dump.getFileName(), Slicer.slice(all, 1000 + i, maxObjects));
    }
  }

  /** A dump's bytes, uncompressed if the file is gzip (told by its magic bytes). */
  public static byte[] readDump(Path dump) throws IOException {
    byte[] bytes = Files.readAllBytes(dump);
    if (bytes.length > 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
      try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
        return in.readAllBytes();
      }
    }
    return bytes;
  }

  public List<Base> bases() {
    return bases;
  }

  /** Counts of outcomes by command and exit code. */
  public Map<String, Integer> outcomes() {
    return outcomes;
  }

  /** Runs count inputs from a seed; returns the failures (each input's failing inputs saved under saveDir, if given). */
  public List<Failure> fuzz(long seed, int count, Path saveDir, PrintStream log) {
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Random r = new Random(seed * 1_000_003L + i);
      Base base = bases.get(r.nextInt(bases.size()));
      Mutator.Mutant m = Mutator.mutate(base.map(), r);
      List<Failure> found = check(seed, i, base, m, r);
      if (!found.isEmpty() && saveDir != null) {
        Path saved = write(saveDir.resolve("fuzz-" + seed + "-" + i + ".hprof"), m.bytes());
        found.replaceAll(f -> new Failure(f.seed(), f.index(), f.base(), f.mutation(), f.command(), f.signature(), saved));
      }
      for (Failure f : found) {
        failures.add(f);
        if (log != null) {
          log.println(f);
        }
      }
      if (log != null && (i + 1) % 1000 == 0) {
        log.printf("%d inputs, %d failures%n", i + 1, failures.size());
      }
    }
    return failures;
  }

  /**
   * Replays one saved input: histo, compare (against itself) and paths; returns what went wrong, one line per
   * command, or nothing. With mustNotice, a histogram that exits 0 must also say something on stderr.
   */
  public List<String> replay(Path input, boolean mustNotice) throws IOException {
    long size = Files.size(input);
    List<String> problems = new ArrayList<>();
    String[][] commands = {
        {"histo", input.toString()},
        {"compare", input.toString(), input.toString()},
        {"paths", "--type", "*", "--chains", "3", input.toString()},
        {"paths", "--type", "*", "--raw", "--include-weak", input.toString()},
    };
    for (String[] cmd : commands) {
      Outcome o = run(cmd);
      String problem = judge(o, input, size);
      if (problem == null && mustNotice && cmd[0].equals("histo") && o.code == 0 && o.err.isBlank()) {
        problem = "silent: exit 0 and no warning";
      }
      if (problem != null) {
        problems.add(String.join(" ", cmd) + ": " + problem);
      }
    }
    return problems;
  }

  /**
   * One class of damage tried whole: in each base, every PRIM_ARRAY_DUMP (every step-th) with its tag turned into
   * each tag given, through histo alone. An array's tag turned into a root's lets its own bytes parse on as
   * more roots, which found a silent wrong histogram once. Returns the failures; counts the outcomes.
   */
  public List<Failure> primitiveArrayTags(int[] tags, int step) {
    List<Failure> failures = new ArrayList<>();
    int index = 0;
    for (Base base : bases) {
      int seen = 0;
      for (HprofMap.Sub s : base.map().subs) {
        if (s.tag() != 0x23 || seen++ % step != 0) {
          continue;
        }
        for (int tag : tags) {
          byte[] b = base.bytes().clone();
          b[s.offset()] = (byte) tag;
          String what = String.format("sub-tag 0x23@%d=0x%02X", s.offset(), tag);
          Path f = write(work.resolve("input.hprof"), b);
          Outcome o = run("histo", "--format=json", f.toString());
          outcomes.merge("histo " + o.code, 1, Integer::sum);
          String problem = judge(o, f, b.length);
          if (problem == null && o.code == 0 && o.err.isBlank()
              && !o.out.replace(f.toString(), "DUMP").equals(base.histo().replace(base.file().toString(), "DUMP"))) {
            problem = "silent: exit 0, no warning, and a different histogram";
          }
          if (problem != null) {
            failures.add(new Failure(-1, index, base.name(), what, "histo", problem, null));
          }
          index++;
        }
      }
    }
    return failures;
  }

  /** Runs the commands on one input and judges their outcomes. */
  public List<Failure> check(long seed, int index, Base base, Mutator.Mutant m, Random r) {
    Path f = write(work.resolve("input.hprof"), m.bytes());
    List<Failure> failures = new ArrayList<>();
    String[][] commands = {
        {"histo", "--format=json", f.toString()},
        {"compare", base.file().toString(), f.toString()},
        {"paths", "--type", r.nextBoolean() ? "*" : "java.lang.Object", "--chains", "3", r.nextBoolean() ? "--raw" : "--include-weak",
            f.toString()},
    };
    for (String[] cmd : commands) {
      Outcome o = run(cmd);
      outcomes.merge(cmd[0] + " " + o.code, 1, Integer::sum);
      String problem = judge(o, f, m.bytes().length);
      if (problem == null && cmd[0].equals("histo") && m.structural() && o.code == 0 && o.err.isBlank()
          && !o.out.replace(f.toString(), "DUMP").equals(base.histo().replace(base.file().toString(), "DUMP"))) {
        problem = "silent: exit 0, no warning, and a different histogram";
      }
      if (problem != null) {
        failures.add(new Failure(seed, index, base.name(), m.description(), cmd[0], problem, null));
      }
    }
    return failures;
  }

  static String judge(Outcome o, Path f, long inputBytes) {
    if (o.thrown != null) {
      return "escaped: " + o.thrown;
    }
    if (o.code == -1) {
      return "hang: over the time bound";
    }
    if (o.code == 6) {
      return "blow-up: exit 6 on a " + inputBytes + "-byte input: " + o.err.strip();
    }
    if (o.heapGrowth > 64L * inputBytes + (256L << 20)) {
      return "blow-up: the heap grew by " + (o.heapGrowth >> 20) + " MiB on a " + inputBytes + "-byte input";
    }
    if (o.code == 1) {
      return "crash: " + o.err.strip();
    }
    if (o.code != 0 && o.code != 5 && o.code != 2) {
      return "exit " + o.code + ": " + o.err.strip();
    }
    String err = o.err.strip();
    if (err.contains("\tat ") || err.contains("Exception: ") || err.contains("Exception (") || err.contains("Error: ")
        || err.contains("internal error")) {
      return "stack trace or exception name on stderr: " + err;
    }
    if (err.lines().anyMatch(l -> !l.startsWith("leakdiff: "))) {
      return "a message of more than one line: " + err;
    }
    String last = err.isEmpty() ? "" : err.lines().reduce((a, b) -> b).get();
    if (o.code == 5 && !last.contains(f.toString())) {
      return "the message does not name the file: " + err;
    }
    return null;
  }

  /** What one command did: exit code (-1 on a hang), output, and how much the heap grew at its peak. */
  record Outcome(int code, String out, String err, Throwable thrown, long heapGrowth) {}

  Outcome run(String... args) {
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported()).toList();
    long before = 0;
    for (MemoryPoolMXBean p : pools) {
      p.resetPeakUsage();
      before += p.getUsage().getUsed();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Future<Integer> job = executor.submit(() -> Main.run(new PrintStream(out, true), new PrintStream(err, true), args));
    int code;
    Throwable thrown = null;
    try {
      code = job.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      job.cancel(true);
      code = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      thrown = e.getCause();
      code = -2;
    }
    long peak = 0;
    for (MemoryPoolMXBean p : pools) {
      peak += p.getPeakUsage().getUsed();
    }
    return new Outcome(code, out.toString(), err.toString(), thrown, Math.max(0, peak - before));
  }

  /** A failure's kind: its first line, numbers left out, and with a stack trace its innermost leakdiff frame. */
  static String signature(String problem) {
    String first = problem.lines().filter(l -> !l.startsWith("leakdiff: warning") && !l.contains(" matches ")
        && !l.contains(" heap dumps; using")).findFirst().orElse(problem);
    String frame = problem.lines().filter(l -> l.contains("at dev.leakdiff.")).findFirst().orElse("").strip();
    return (first.replaceAll("[0-9]+", "N") + " " + frame.replaceAll(":[0-9]+", "")).strip();
  }

  private static Path write(Path f, byte[] bytes) {
    try {
      Files.createDirectories(f.getParent());
      return Files.write(f, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** DumpFuzzer SEED COUNT WORKDIR [BASE.hprof...]: synthetic bases, slices of each given dump, COUNT inputs. */
  public static void main(String[] args) throws IOException {
    long seed = Long.parseLong(args[0]);
    int count = Integer.parseInt(args[1]);
    Path work = Path.of(args[2]);
    DumpFuzzer fuzzer = new DumpFuzzer(work, 30_000);
    fuzzer.addSynthetic(seed, 20);
    for (int i = 3; i < args.length; i++) {
      fuzzer.addSlices(Path.of(args[i]), 4, 3000);
    }
    long t0 = System.nanoTime();
    List<Failure> failures = fuzzer.fuzz(seed, count, work.resolve("failed"), System.out);
    System.out.printf("%d inputs from seed %d on %d bases in %.0f s: %d failures%n", count, seed, fuzzer.bases().size(),
        (System.nanoTime() - t0) / 1e9, failures.size());
    System.out.println("outcomes: " + fuzzer.outcomes());
    Map<String, Integer> signatures = new LinkedHashMap<>();
    for (Failure f : failures) {
      signatures.merge(f.command() + ": " + signature(f.signature()), 1, Integer::sum);
    }
    signatures.forEach((s, n) -> System.out.println(n + "  " + s));
    System.exit(failures.isEmpty() ? 0 : 1);
  }
}
