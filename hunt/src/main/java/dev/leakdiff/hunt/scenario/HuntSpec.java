package dev.leakdiff.hunt.scenario;

import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.hunt.Defaults;
import dev.leakdiff.hunt.Iterations;
import dev.leakdiff.layout.Layout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What to hunt: the scenario (a class, and the method that is one iteration unless it is a Runnable), its
 * classpath and JVM, the stages, where the dumps go, and the verdict rule. Made with {@link #scenario}.
 *
 * @param method the iteration's method, or null for run() of a Runnable
 * @param java the java executable or a JDK's directory, or null for the JVM running the hunt
 * @param dir where dumps, sidecars and the scenario's log go; null: a new leakdiff-run-TIME directory here, or a
 *     temporary one when not kept
 * @param keep false deletes the dumps and sidecars once the result is made
 * @param timeout the longest wait for each step (setup, each run of iterations, each dump); zero waits for ever
 * @param layout the object layout to size objects with, or null to infer it from the dumps
 * @param allocations record where the kept objects were allocated (the scenario's JVM started for it)
 */
public record HuntSpec(String className, String method, List<String> classpath, List<String> jvmArgs, Path java,
    long[] iterations, long warmup, Path dir, boolean keep, Duration timeout, VerdictRule rule, Layout layout, boolean allocations) {

  /** CLASS, or CLASS#METHOD. */
  public String scenarioName() {
    return className + (method == null ? "" : "#" + method);
  }

  /** A spec for this scenario class, with the defaults: 0, 1, 10, 100 iterations, no warm-up, dumps kept. */
  public static Builder scenario(String className) {
    return new Builder(className);
  }

  /** Builds a {@link HuntSpec}. */
  public static final class Builder {
    private final String className;
    private String method;
    private final List<String> classpath = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private Path java;
    private long[] iterations = Iterations.defaults();
    private long warmup;
    private Path dir;
    private boolean keep = true;
    private Duration timeout = Duration.ofSeconds(Defaults.TIMEOUT_SECONDS);
    private VerdictRule rule = VerdictRule.DEFAULT;
    private Layout layout;
    private boolean allocations = true;

    private Builder(String className) {
      this.className = className;
    }

    /** The public no-argument method that is one iteration (default: run() of a Runnable). */
    public Builder method(String name) {
      this.method = name;
      return this;
    }

    /** Classpath entries: directories, jars, or DIR/* for a directory's jars. */
    public Builder classpath(List<String> entries) {
      classpath.addAll(entries);
      return this;
    }

    public Builder jvmArgs(List<String> args) {
      jvmArgs.addAll(args);
      return this;
    }

    public Builder java(Path executableOrJdk) {
      this.java = executableOrJdk;
      return this;
    }

    public Builder iterations(long... cumulative) {
      this.iterations = cumulative.clone();
      return this;
    }

    public Builder warmup(long n) {
      this.warmup = n;
      return this;
    }

    public Builder dir(Path d) {
      this.dir = d;
      return this;
    }

    public Builder keep(boolean k) {
      this.keep = k;
      return this;
    }

    /** The longest wait for each step (setup, each run of iterations, each dump); zero waits for ever. Default {@link Defaults#TIMEOUT_SECONDS}. */
    public Builder timeout(Duration t) {
      this.timeout = t;
      return this;
    }

    public Builder rule(VerdictRule r) {
      this.rule = r;
      return this;
    }

    public Builder layout(Layout l) {
      this.layout = l;
      return this;
    }

    /** Whether to record where kept objects were allocated (default true). */
    public Builder allocations(boolean record) {
      this.allocations = record;
      return this;
    }

    public HuntSpec build() {
      return new HuntSpec(className, method, List.copyOf(classpath), List.copyOf(jvmArgs), java, iterations.clone(), warmup, dir,
          keep, timeout, rule, layout, allocations);
    }
  }
}
