package dev.leakdiff.junit;

import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.hunt.Defaults;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test method whose body is one iteration of a leak hunt, in place of {@code @Test}. The body runs the
 * cumulative number of times of each stage ({@link #iterations}), a live dump of the test's JVM follows each
 * stage, and the test fails when a class grows in proportion to the iterations; the failure message is the
 * finding (the {@code Leak:} lines as {@code leakdiff run} prints them, then the suspects' rows).
 * {@code @BeforeEach} and {@code @AfterEach} run once around the whole test. The dumps go to
 * {@code target/leakdiff/CLASS/METHOD/} (Gradle: {@code build/leakdiff/...}; the system property
 * {@code leakdiff.dir} names another base), kept when the test fails, deleted when it passes.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(LeakTestExtension.class)
public @interface LeakTest {
  /** The cumulative number of iterations before each dump: two or more, from 0 up; none: 0, 1, 10, 100 (the default). */
  long[] iterations() default {};

  /** Iterations run before the first dump, not counted. */
  long warmup() default 0;

  /** Classes whose growth is allowed: names, simple names or globs (com.acme.Metrics*); {@link AllowGrowth} gives a reason. */
  String[] allow() default {};

  /** A change of at most this many objects between two dumps is noise (run's --noise). */
  long noise() default VerdictRule.DEFAULT_NOISE;

  /** ... or of at most this fraction of the class's count (run's --noise-fraction). */
  double noiseFraction() default VerdictRule.DEFAULT_NOISE_FRACTION;

  /** A class grows only if it adds at least this many objects per iteration in the last interval (run's --min-rate). */
  double minRate() default VerdictRule.DEFAULT_MIN_RATE;

  /** How far (relative) an interval's growth may stray from the steady rate and still be a leak (run's --tolerance). */
  double tolerance() default VerdictRule.DEFAULT_TOLERANCE;

  /**
   * Runs the iterations in a child JVM of their own, as {@code leakdiff run} does, for a test that needs
   * isolation: the class and the method must be public, the class with a public no-argument constructor; the
   * child runs no lifecycle methods, only the class's public setup() and teardown() if it has them.
   */
  boolean fork() default false;

  /** The child JVM's arguments when {@link #fork}. */
  String[] forkJvmArgs() default {};

  /** The longest wait for each dump, in seconds; 0 waits for ever. */
  long dumpTimeoutSeconds() default Defaults.TIMEOUT_SECONDS;
}
