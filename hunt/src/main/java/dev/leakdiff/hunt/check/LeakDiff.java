package dev.leakdiff.hunt.check;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.diff.TypeMatcher;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.hunt.Iterations;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.Reporter;
import dev.leakdiff.hunt.analysis.Analysis;
import dev.leakdiff.hunt.analysis.HuntResult;
import dev.leakdiff.hunt.analysis.Stages;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.capture.Capturer;
import dev.leakdiff.hunt.capture.Dumpers;
import dev.leakdiff.hunt.capture.OwnerOnly;
import dev.leakdiff.hunt.capture.Sidecar;
import dev.leakdiff.hunt.findings.AllowedGrowth;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.findings.Leak;
import dev.leakdiff.hunt.findings.LoaderLeak;
import dev.leakdiff.hunt.findings.ThreadLeak;
import dev.leakdiff.hunt.scenario.HuntSpec;
import dev.leakdiff.hunt.scenario.LeakHunt;
import dev.leakdiff.hunt.scenario.RunDirectory;
import dev.leakdiff.hunt.words.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** The options of a check. The defaults: stages 0, 1, 10, 100, no warm-up, the default rule, a temporary directory. */
  public static final class Builder {
    private String name = "leak check";
    /** The stages, warm-up, rule, directory and timeout, with a hunt's defaults. */
    private final HuntSpec.Builder options = HuntSpec.scenario("leak check");
    private final Map<String, String> allowed = new LinkedHashMap<>();
    private Reporter reporter = Reporter.SILENT;
    private Words words = Words.english();

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

    /** The wording of the failure message. Default: {@link Words#english()}. */
    public Builder words(Words w) {
      this.words = w;
      return this;
    }

    /** Runs the check and throws {@link LeakFound} when it finds a leak. */
    public void assertNoLeak(Iteration body) {
      CheckResult r = check(body);
      if (r.leaking()) {
        throw new LeakFound(r);
      }
    }

    /** Runs the check and returns what it found; the dumps are kept only when it finds a leak. */
    public CheckResult check(Iteration body) {
      HuntSpec o = options.build();
      long[] stages = Iterations.check(o.iterations());
      if (o.warmup() < 0 || o.timeout().isNegative()) {
        throw new LeakdiffException(Kind.USAGE, "warmup and timeout must be 0 or more");
      }
      Path where = directory(o.dir());
      List<Capture> captures = new ArrayList<>(stages.length);
      boolean keep = false;
      try {
        Sidecar.warmUp();
        for (long i = 0; i < o.warmup(); i++) {
          body.run();
        }
        long[] done = {0};
        HuntResult result = Stages.run(reporter, new Analysis.Options(o.rule(), null, Set.of()), name, o.warmup(), stages, where,
            captures, stage -> {
              for (; done[0] < stage; done[0]++) {
                body.run();
              }
              Capture c = capture(where, stage, o.timeout());
              reporter.captured(name, stage, c.facts().dumpBytes(), c.facts().dumpMillis());
              return c;
            }, false);
        CheckResult r = result(result, allowed, words);
        keep = r.leaking();
        return keep ? r : r.withoutDirectory();
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
    public CheckResult checkInChildJvm(String className, String method, List<String> classpath, List<String> jvmArgs) {
      HuntSpec o = options.build();
      if (o.dir() == null) {
        throw new LeakdiffException(Kind.USAGE, "a check in a child JVM needs a directory for its dumps");
      }
      Path where = directory(o.dir());
      long[] stages = Iterations.check(o.iterations());
      List<Path> mine = RunDirectory.files(where, stages);
      delete(mine); // an earlier failed check's dumps: the hunt never replaces a file
      HuntSpec spec = HuntSpec.scenario(className).method(method).classpath(classpath).jvmArgs(jvmArgs).iterations(stages)
          .warmup(o.warmup()).dir(where).keep(true).timeout(o.timeout()).rule(o.rule()).build();
      boolean keep = false;
      try {
        CheckResult r = result(new LeakHunt(reporter).hunt(spec), allowed, words);
        keep = r.leaking();
        return keep ? r : r.withoutDirectory();
      } finally {
        if (!keep) {
          delete(mine);
          cleanUp(where, List.of());
        }
      }
    }

    private static Capture capture(Path where, long stage, Duration timeout) {
      try {
        return Capturer.capture(Dumpers.inProcess(), where, "iter-" + stage, stage, true, true, timeout);
      } catch (LeakdiffException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new LeakdiffException(Kind.CAPTURE_FAILED, "the dump after " + stage + " iterations failed: "
            + LeakdiffException.rootMessage(e));
      }
    }
  }

  /** The finding of a hunt once the allowances are applied: what they cover is allowed growth, no leak. */
  static CheckResult result(HuntResult r, Map<String, String> allowances, Words words) {
    List<Finding> leaks = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    List<AllowedGrowth> allowed = new ArrayList<>();
    for (Finding f : r.leakFindings()) {
      ClassSeries root = f instanceof Leak l ? l.series() : f instanceof ThreadLeak t ? t.threads() : null;
      String loader = f instanceof LoaderLeak l ? l.loaderClass() : null;
      String name = root != null ? root.name() : loader;
      String[] allowance = name == null ? null : allowance(name, allowances);
      if (allowance == null) {
        leaks.add(f);
        continue;
      }
      covered.add(name);
      List<String> held = held(f);
      covered.addAll(held);
      ClassSeries series = root != null ? root : r.comparison().classes().stream().filter(s -> s.name().equals(name)).findFirst()
          .orElse(null);
      if (series != null) {
        allowed.add(new AllowedGrowth(series, held.size(), allowance[0], allowance[1]));
      }
    }
    List<ClassSeries> suspects = new ArrayList<>();
    for (ClassSeries s : r.suspects()) {
      String[] allowance = covered.contains(s.name()) ? null : allowance(s.name(), allowances);
      if (allowance != null) {
        allowed.add(new AllowedGrowth(s, 0, allowance[0], allowance[1]));
      } else if (!covered.contains(s.name())) {
        suspects.add(s);
      }
    }
    return new CheckResult(r, leaks, suspects, allowed, words);
  }

  /** The suspects a leak finding holds: they are allowed with it. */
  private static List<String> held(Finding f) {
    List<String> out = new ArrayList<>();
    if (f instanceof Leak l) {
      l.holds().forEach(h -> out.add(h.name()));
    } else if (f instanceof ThreadLeak t) {
      for (Leak l : t.held()) {
        out.add(l.className());
        l.holds().forEach(h -> out.add(h.name()));
      }
      for (Leak l : t.containers()) {
        out.add(l.className());
        l.holds().forEach(h -> out.add(h.name()));
      }
    }
    return out;
  }

  /** The first allowance that names the class: its pattern and reason; or null. */
  private static String[] allowance(String className, Map<String, String> allowances) {
    for (Map.Entry<String, String> a : allowances.entrySet()) {
      if (TypeMatcher.matchesName(className, a.getKey())) {
        return new String[] {a.getKey(), a.getValue()};
      }
    }
    return null;
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
