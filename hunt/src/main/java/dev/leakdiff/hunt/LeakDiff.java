package dev.leakdiff.hunt;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.Sizes;
import dev.leakdiff.diff.TypeMatcher;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A leak check inside a test, in the JVM that runs it: the body is one iteration; it runs the cumulative number
 * of times of each stage (0, 1, 10, 100 by default), a live dump of this JVM follows each stage, and only after
 * the last dump are the dumps compared and the suspects' chains found, so nothing the check allocates between
 * dumps is counted. {@link #assertNoLeak(Runnable)} with the defaults, {@link #builder()} for the options.
 * What the body throws ends the check and is thrown as it is.
 */
public final class LeakDiff {
  private LeakDiff() {}

  /** One iteration of the work under test. */
  @FunctionalInterface
  public interface Iteration {
    void run() throws Exception;
  }

  /** Throws {@link LeakFound} when a class grows in proportion to the runs of the iteration (default options). */
  public static void assertNoLeak(Runnable iteration) {
    builder().assertNoLeak(iteration::run);
  }

  /** The options of a check, and the check. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What a check found.
   *
   * @param result the whole hunt (its directory is null when the dumps were deleted)
   * @param roots the roots of the leak that no allowance covers, most bytes per iteration first
   * @param suspects the suspects that no allowance covers
   * @param allowed a line per allowance that covered growth: what grew, and the reason given
   */
  public record Finding(HuntResult result, List<LeakRoot> roots, List<ClassSeries> suspects, List<String> allowed) {
    /** Whether a class not allowed grows in proportion to the iterations. */
    public boolean leaks() {
      return !suspects.isEmpty();
    }

    /** The finding as a failure message: the Leak: lines as run prints them, then the suspects' rows, the dumps. */
    public String message() {
      List<String> lines = new ArrayList<>();
      lines.add(String.format("%s leaks: %d class(es) grow in proportion to the iterations (dumps after %s iterations)",
          result.spec().scenarioName(), suspects.size(),
          Arrays.stream(result.comparison().iterations()).mapToObj(Sizes::count).collect(Collectors.joining(", "))));
      lines.addAll(Findings.leakLines(roots, result.loaderLeaks(), result.comparison().iterations(), result.facts()));
      lines.add("Suspects (objects and bytes per iteration):");
      suspects.forEach(s -> lines.add("  " + Findings.suspectLine(s, result.facts(s.name()))));
      allowed.forEach(a -> lines.add("Allowed: " + a));
      if (result.directory() != null) {
        lines.add("The dumps are in " + result.directory() + " (leakdiff compare and leakdiff paths read them).");
      }
      return String.join(System.lineSeparator(), lines);
    }
  }

  /** The options of a check. The defaults: stages 0, 1, 10, 100, no warm-up, the default rule, a temporary directory. */
  public static final class Builder {
    private String name = "leak check";
    /** The stages, warm-up, rule, directory and timeout, with a hunt's defaults. */
    private final HuntSpec.Builder options = HuntSpec.scenario("leak check");
    private final Map<String, String> allowed = new LinkedHashMap<>();
    private Reporter reporter = Reporter.SILENT;

    private Builder() {}

    /** What the messages call the check (a test's name). */
    public Builder name(String n) {
      this.name = n;
      return this;
    }

    /** The cumulative number of iterations before each dump, from 0 up, two or more. */
    public Builder iterations(long... cumulative) {
      options.iterations(cumulative);
      return this;
    }

    /** Iterations run before the first dump, not counted. */
    public Builder warmup(long n) {
      options.warmup(n);
      return this;
    }

    /** The thresholds of the verdict (as run's --noise, --noise-fraction, --min-rate, --tolerance). */
    public Builder rule(VerdictRule r) {
      options.rule(r);
      return this;
    }

    /**
     * Growth of these classes is known and allowed, for this reason: a class name, a simple name or a glob
     * (com.acme.Metrics*), as run's --type. When an allowed class is at the root of a leak, the suspects it
     * holds are allowed with it.
     */
    public Builder allow(String classes, String reason) {
      allowed.put(classes, reason == null ? "" : reason);
      return this;
    }

    /** Where the dumps go: kept there when the check finds a leak, deleted when it does not. Default: a temporary directory. */
    public Builder dir(Path d) {
      options.dir(d);
      return this;
    }

    /** The longest wait for each dump; zero waits for ever. Default 10 minutes. */
    public Builder timeout(Duration t) {
      options.timeout(t);
      return this;
    }

    /** Where the check says what it is doing (each dump). Default: nowhere. */
    public Builder reporter(Reporter r) {
      this.reporter = r;
      return this;
    }

    /** Runs the check and throws {@link LeakFound} when it finds a leak. */
    public void assertNoLeak(Iteration body) {
      Finding f = check(body);
      if (f.leaks()) {
        throw new LeakFound(f);
      }
    }

    /** Runs the check and returns what it found; the dumps are kept only when it finds a leak. */
    public Finding check(Iteration body) {
      HuntSpec o = options.build();
      long[] stages = Iterations.check(o.iterations());
      if (o.warmup() < 0 || o.timeout().isNegative()) {
        throw new LeakdiffException(Kind.USAGE, "warmup and timeout must be 0 or more");
      }
      HuntSpec spec = HuntSpec.scenario(name).iterations(stages).warmup(o.warmup()).dir(o.dir()).keep(true)
          .timeout(o.timeout()).rule(o.rule()).build();
      Path where = directory(o.dir());
      List<Capture> captures = new ArrayList<>(stages.length);
      boolean keep = false;
      try {
        Sidecar.prime();
        for (long i = 0; i < o.warmup(); i++) {
          body.run();
        }
        long[] done = {0};
        HuntResult result = new LeakHunt(reporter).stages(spec, stages, where, captures, stage -> {
          for (; done[0] < stage; done[0]++) {
            body.run();
          }
          Capture c = capture(where, stage, o.timeout());
          reporter.say(name + ": dumped after " + Sizes.count(stage) + " iterations");
          return c;
        }, false);
        Finding f = finding(result, allowed);
        keep = f.leaks();
        if (!keep) {
          f = new Finding(withoutDirectory(result), f.roots(), f.suspects(), f.allowed());
        }
        return f;
      } catch (Exception e) {
        throw LeakDiff.<RuntimeException>rethrow(e);
      } finally {
        if (!keep) {
          cleanUp(where, captures);
        }
      }
    }

    /**
     * The check in a child JVM of its own, as {@code leakdiff run} does: a new instance of the class (public, with
     * a public no-argument constructor) runs the public no-argument method as the iteration, with its public
     * setup() and teardown() if it has them; the JVM's classpath and arguments are given. The dumps are kept only
     * when it finds a leak.
     */
    public Finding checkInChildJvm(String className, String method, List<String> classpath, List<String> jvmArgs) {
      HuntSpec o = options.build();
      if (o.dir() == null) {
        throw new LeakdiffException(Kind.USAGE, "a check in a child JVM needs a directory for its dumps");
      }
      Path where = directory(o.dir());
      long[] stages = Iterations.check(o.iterations());
      List<Path> mine = new ArrayList<>(List.of(where.resolve("scenario.log")));
      for (long stage : LongStream.concat(Arrays.stream(stages), LongStream.of(LeakHunt.extraStage(stages))).toArray()) {
        mine.add(where.resolve("iter-" + stage + ".hprof"));
        mine.add(where.resolve("iter-" + stage + ".json"));
      }
      delete(mine); // an earlier failed check's dumps: the hunt never replaces a file
      HuntSpec spec = HuntSpec.scenario(className).method(method).classpath(classpath).jvmArgs(jvmArgs).iterations(stages)
          .warmup(o.warmup()).dir(where).keep(true).timeout(o.timeout()).rule(o.rule()).build();
      boolean keep = false;
      try {
        Finding f = finding(new LeakHunt(reporter).hunt(spec), allowed);
        keep = f.leaks();
        return keep ? f : new Finding(withoutDirectory(f.result()), f.roots(), f.suspects(), f.allowed());
      } finally {
        if (!keep) {
          delete(mine);
          cleanUp(where, List.of());
        }
      }
    }

    private static Capture capture(Path where, long stage, Duration timeout) {
      try {
        return Capturer.capture(HeapDumper.inProcess(), where, "iter-" + stage, stage, true, true, timeout);
      } catch (LeakdiffException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new LeakdiffException(Kind.CAPTURE_FAILED, "the dump after " + stage + " iterations failed: "
            + LeakdiffException.rootMessage(e));
      }
    }
  }

  /** The finding of a hunt once the allowances are applied. */
  static Finding finding(HuntResult r, Map<String, String> allowances) {
    List<LeakRoot> leaks = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    List<String> allowed = new ArrayList<>();
    for (LeakRoot root : r.roots()) {
      String why = reason(root.series().name(), allowances);
      if (why == null) {
        leaks.add(root);
        continue;
      }
      covered.add(root.series().name());
      root.holds().forEach(h -> covered.add(h.name()));
      allowed.add(root.series().name() + " " + Findings.perIteration(root.series()) + " per iteration"
          + (root.holds().isEmpty() ? "" : ", with the " + root.holds().size() + " suspect class(es) it holds") + why);
    }
    List<ClassSeries> suspects = new ArrayList<>();
    for (ClassSeries s : r.suspects()) {
      String why = covered.contains(s.name()) ? null : reason(s.name(), allowances);
      if (why != null) {
        allowed.add(s.name() + " " + Findings.perIteration(s) + " per iteration" + why);
      } else if (!covered.contains(s.name())) {
        suspects.add(s);
      }
    }
    return new Finding(r, List.copyOf(leaks), List.copyOf(suspects), List.copyOf(allowed));
  }

  /** ": PATTERN (REASON)" of the first allowance that names the class, or null. */
  private static String reason(String className, Map<String, String> allowances) {
    for (Map.Entry<String, String> a : allowances.entrySet()) {
      if (TypeMatcher.matchesName(className, a.getKey())) {
        return " (allowed as " + a.getKey() + (a.getValue().isBlank() ? "" : ": " + a.getValue()) + ")";
      }
    }
    return null;
  }

  private static HuntResult withoutDirectory(HuntResult r) {
    return new HuntResult(r.spec(), null, r.captures(), r.histograms(), r.comparison(), r.clearable(), r.process(), r.holders(),
        r.roots(), r.loaderLeaks(), r.threadLeak(), r.facts());
  }

  /** The given directory, its missing parts made owner-only, or a new owner-only temporary one. */
  private static Path directory(Path given) {
    try {
      if (given == null) {
        return Files.createTempDirectory("leakdiff-check-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path dir = given.toAbsolutePath().normalize();
      List<Path> missing = new ArrayList<>();
      for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
        missing.add(p);
      }
      Files.createDirectories(dir);
      for (Path p : missing) {
        OwnerOnly.set(p);
      }
      return dir;
    } catch (IOException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot create the directory for the dumps " + given + " ("
          + LeakdiffException.rootMessage(e) + ")");
    }
  }

  /** Deletes the captures, and the directory when it is left empty. */
  private static void cleanUp(Path dir, List<Capture> captures) {
    try {
      for (Capture c : captures) {
        Files.deleteIfExists(c.dump());
        Files.deleteIfExists(c.sidecarFile());
      }
      try (var left = Files.list(dir)) {
        if (left.findAny().isEmpty()) {
          Files.delete(dir);
        }
      }
    } catch (IOException e) {
      // what is left is owner-only; a later check of the same directory replaces it
    }
  }

  private static void delete(List<Path> files) {
    try {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new LeakdiffException(Kind.CAPTURE_FAILED, "cannot delete " + LeakdiffException.rootMessage(e));
    }
  }

  @SuppressWarnings("unchecked")
  static <T extends Exception> T rethrow(Exception e) throws T {
    throw (T) e;
  }
}
