package dev.leakdiff.junit;

import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.hunt.Iterations;
import dev.leakdiff.hunt.check.CheckResult;
import dev.leakdiff.hunt.check.LeakDiff;
import dev.leakdiff.hunt.check.LeakFound;
import dev.leakdiff.hunt.words.Words;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Runs a {@link LeakTest}: the test method's body, invoked directly as many times as the stages ask (the
 * lifecycle methods around it run once), through {@link LeakDiff}. Registered by {@code @LeakTest} itself.
 */
public final class LeakTestExtension implements InvocationInterceptor {
  /** The system property that names the base directory of the dumps (default target/leakdiff, or build/leakdiff with Gradle). */
  public static final String DIR_PROPERTY = "leakdiff.dir";

  /**
   * The configuration parameter that names the wording of the failure messages: a class implementing
   * dev.leakdiff.hunt.words.Words with a public no-argument constructor (default: leakdiff's English).
   */
  public static final String WORDS_PARAMETER = "leakdiff.words";

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) throws Throwable {
    Method method = invocationContext.getExecutable();
    LeakTest spec = AnnotationSupport.findAnnotation(method, LeakTest.class).orElse(null);
    if (spec == null) {
      invocation.proceed();
      return;
    }
    invocation.skip();
    Class<?> testClass = invocationContext.getTargetClass();
    Object target = invocationContext.getTarget().orElse(null);
    Object[] args = invocationContext.getArguments().toArray();
    LeakDiff.Builder check = LeakDiff.builder()
        .name(testClass.getSimpleName() + "#" + method.getName())
        .iterations(spec.iterations().length == 0 ? Iterations.defaults() : spec.iterations())
        .warmup(spec.warmup())
        .rule(new VerdictRule(spec.noise(), spec.noiseFraction(), spec.minRate(), spec.tolerance()))
        .timeout(Duration.ofSeconds(spec.dumpTimeoutSeconds()))
        .dir(dumpDirectory(testClass, method))
        .words(words(context));
    for (String glob : spec.allow()) {
      check.allow(glob, "");
    }
    for (AllowGrowth a : allowances(testClass, method)) {
      for (String glob : a.value()) {
        check.allow(glob, a.reason());
      }
    }
    CheckResult result = spec.fork()
        ? check.checkInChildJvm(testClass.getName(), method.getName(), classpath(), List.of(spec.forkJvmArgs()))
        : check.check(() -> ReflectionSupport.invokeMethod(method, target, args));
    result.allowed().forEach(a -> context.publishReportEntry("leakdiff", "allowed: " + result.words().allowed(a)));
    context.publishReportEntry("leakdiff.findings", result.json());
    if (result.leaking()) {
      throw new LeakFound(result);
    }
  }

  /** The wording the configuration names, or leakdiff's own. */
  private static Words words(ExtensionContext context) {
    String name = context.getConfigurationParameter(WORDS_PARAMETER).orElse(null);
    if (name == null || name.isBlank()) {
      return Words.english();
    }
    try {
      return (Words) Class.forName(name.strip(), true, Thread.currentThread().getContextClassLoader()).getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new org.junit.platform.commons.PreconditionViolationException(WORDS_PARAMETER + "=" + name
          + " is not a class implementing dev.leakdiff.hunt.words.Words with a public no-argument constructor (" + e + ")");
    }
  }

  private static List<AllowGrowth> allowances(Class<?> testClass, Method method) {
    List<AllowGrowth> all = new ArrayList<>(AnnotationSupport.findRepeatableAnnotations(method, AllowGrowth.class));
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      all.addAll(AnnotationSupport.findRepeatableAnnotations(c, AllowGrowth.class));
    }
    return all;
  }

  /** The test JVM's classpath (Surefire names it in surefire.test.class.path when java.class.path is its booter jar). */
  private static List<String> classpath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(cp.split(File.pathSeparator));
  }

  /** BASE/CLASS/METHOD: BASE from the system property, else build/leakdiff in a Gradle project, else target/leakdiff. */
  static Path dumpDirectory(Class<?> testClass, Method method) {
    String base = System.getProperty(DIR_PROPERTY);
    Path root;
    if (base != null && !base.isBlank()) {
      root = Path.of(base);
    } else {
      boolean gradle = !Files.exists(Path.of("pom.xml"))
          && (Files.exists(Path.of("build.gradle")) || Files.exists(Path.of("build.gradle.kts")));
      root = Path.of(gradle ? "build" : "target", "leakdiff");
    }
    return root.resolve(testClass.getName()).resolve(method.getName());
  }
}
