package dev.leakdiff.runner;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;

/**
 * The child side of {@code leakdiff run}: the main class of the JVM that runs the user's scenario. It uses
 * the JDK alone (its jar sits on the scenario's classpath, after the scenario's own jars, and is the only
 * leakdiff code there).
 *
 * <p>The scenario is a public class with a public no-argument constructor; one iteration is its public
 * no-argument METHOD, or {@code run()} when it is a Runnable; optional public no-argument {@code setup()}
 * and {@code teardown()} run before the first and after the last iteration.
 *
 * <p>It talks to leakdiff over stdin and stdout, one line each way: {@code run N} runs N more iterations
 * and answers {@code done TOTAL}; {@code pools} answers the buffer pools ({@link Protocol#POOLS}); {@code quit} runs
 * teardown and answers {@code bye}. Setup answers
 * {@code ready PID}; any failure answers {@code failed WHAT} and ends the JVM. What the scenario prints on
 * System.out goes to stderr (leakdiff's log of the run), so it never mixes with these lines.
 */
public final class ScenarioRunner {
  private ScenarioRunner() {}

  public static void main(String[] args) {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    if (args.length < 1 || args.length > 2) {
      fail(protocol, "usage: ScenarioRunner CLASS [METHOD]", null);
      return;
    }
    String className = args[0];
    String methodName = args.length == 2 ? args[1] : null;
    Object scenario;
    Method iteration;
    Runnable body;
    try {
      Class<?> c = Class.forName(className, true, ClassLoader.getSystemClassLoader());
      if (!Modifier.isPublic(c.getModifiers())) {
        fail(protocol, "the scenario class " + className + " is not public", null);
        return;
      }
      try {
        scenario = c.getConstructor().newInstance();
      } catch (InvocationTargetException e) {
        fail(protocol, "the scenario's constructor failed: " + e.getCause(), e.getCause());
        return;
      }
      iteration = methodName != null ? c.getMethod(methodName) : scenario instanceof Runnable ? c.getMethod("run") : null;
      if (iteration == null) {
        fail(protocol, className + " is not a Runnable: name the iteration's method (" + className + "#METHOD)", null);
        return;
      }
      iteration.setAccessible(true);
      body = direct(c, iteration, scenario);
      invokeIfPresent(c, scenario, "setup");
    } catch (ClassNotFoundException e) {
      fail(protocol, "no class " + className + " on the scenario's classpath", null);
      return;
    } catch (NoSuchMethodException e) {
      fail(protocol, className + " has no public " + (methodName == null ? "no-argument constructor" : "no-argument method "
          + methodName + "() (or no public no-argument constructor)"), null);
      return;
    } catch (InvocationTargetException e) {
      fail(protocol, "the scenario's setup failed: " + e.getCause(), e.getCause());
      return;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      fail(protocol, "cannot start the scenario " + className + ": " + e + (cause != e ? " caused by " + cause : ""), cause);
      return;
    }
    Pools pools; // its first query before the first dump
    try {
      pools = Pools.open();
    } catch (LinkageError e) {
      pools = null; // a runtime image without java.management
    }
    protocol.println(Protocol.PREFIX + Protocol.READY + " " + ProcessHandle.current().pid());
    long done = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith(Protocol.RUN + " ")) {
          long n = Long.parseLong(line.substring(Protocol.RUN.length() + 1).trim());
          for (long i = 0; i < n; i++) {
            try {
              body.run();
            } catch (Throwable e) { // what the iteration threw, checked or not
              fail(protocol, "iteration " + (done + 1) + " failed: " + e, e);
              return;
            }
            done++;
          }
          protocol.println(Protocol.PREFIX + Protocol.DONE + " " + done);
        } else if (line.equals(Protocol.POOLS)) {
          protocol.println(Protocol.PREFIX + Protocol.POOLS + " " + (pools == null ? "-" : pools.words()));
        } else if (line.equals(Protocol.QUIT)) {
          try {
            invokeIfPresent(scenario.getClass(), scenario, "teardown");
          } catch (InvocationTargetException e) {
            fail(protocol, "the scenario's teardown failed: " + e.getCause(), e.getCause());
            return;
          }
          protocol.println(Protocol.PREFIX + Protocol.BYE);
          System.exit(0); // threads the scenario left running must not keep its JVM alive
          return;
        }
      }
    } catch (Exception | LinkageError e) {
      fail(protocol, "the scenario runner failed: " + e, e);
    }
  }

  /**
   * The iteration as a Runnable that calls the method directly, made before the first dump. Method.invoke would do:
   * but on JDK 17 its 16th call generates an accessor class (and its loader and constant strings), growth between two
   * dumps that the scenario never made; a direct call makes nothing. Where the method cannot be called so, it is
   * called through reflection, its accessor made now.
   */
  private static Runnable direct(Class<?> c, Method iteration, Object scenario) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
      MethodHandle target = lookup.unreflect(iteration);
      MethodType run = MethodType.methodType(void.class);
      return (Runnable) LambdaMetafactory.metafactory(lookup, "run", MethodType.methodType(Runnable.class, c), run, target, run)
          .getTarget().invoke(scenario);
    } catch (Throwable e) {
      return () -> {
        try {
          iteration.invoke(scenario);
        } catch (InvocationTargetException x) {
          throw ScenarioRunner.<RuntimeException>sneaky(x.getCause());
        } catch (IllegalAccessException x) {
          throw new IllegalStateException(x);
        }
      };
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  private static void invokeIfPresent(Class<?> c, Object scenario, String name) throws ReflectiveOperationException {
    Method m;
    try {
      m = c.getMethod(name);
    } catch (NoSuchMethodException e) {
      return;
    }
    m.setAccessible(true);
    m.invoke(scenario);
  }

  private static void fail(PrintStream protocol, String what, Throwable cause) {
    if (cause != null) {
      cause.printStackTrace();
    }
    String where = cause != null && cause.getStackTrace().length > 0 ? " (at " + cause.getStackTrace()[0] + ")" : "";
    protocol.println(Protocol.PREFIX + Protocol.FAILED + " " + (what + where).replace('\n', ' '));
    System.err.flush();
    System.exit(1);
  }
}
