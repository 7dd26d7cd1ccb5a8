package dev.leakdiff.hunt.scenario;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.capture.BufferPools;
import dev.leakdiff.hunt.capture.OwnerOnly;
import dev.leakdiff.hunt.capture.Timeouts;
import dev.leakdiff.runner.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JVM that runs a scenario for {@code leakdiff run}, driven through the runner's line protocol
 * ({@link Protocol}). Its stderr (and what the scenario prints) goes to a log file; every failure becomes one
 * sentence naming the scenario, with the last lines of that log.
 */
final class ScenarioProcess implements AutoCloseable {
  private static final String EOF = "\0eof";

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final Path log;
  /** Whether the log stays once leakdiff ends (not with --no-keep): a message then points to it, else quotes it. */
  private final boolean logKept;
  private final String scenario;
  private final Duration timeout;
  /** Ends the scenario's JVM should leakdiff itself be stopped (Ctrl-C) while it runs. */
  private final Thread killer;

  private ScenarioProcess(Process process, Path log, boolean logKept, String scenario, Duration timeout) {
    this.process = process;
    this.killer = new Thread(process::destroyForcibly, "leakdiff-scenario-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.log = log;
    this.logKept = logKept;
    this.scenario = scenario;
    this.timeout = timeout;
    Thread reader = new Thread(this::readAnswers, "leakdiff-scenario-answers");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the JVM and waits for the scenario's setup to finish; logKept: the log stays after leakdiff ends. */
  static ScenarioProcess start(List<String> command, Path log, boolean logKept, String scenario, Duration timeout) {
    Process p;
    try {
      Files.deleteIfExists(log);
      Files.createFile(log);
      OwnerOnly.set(log);
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new LeakdiffException(Kind.SCENARIO_FAILED, "cannot start the JVM for " + scenario + " (" + LeakdiffException.rootMessage(e) + ")");
    }
    ScenarioProcess s = new ScenarioProcess(p, log, logKept, scenario, timeout);
    try {
      s.await(Protocol.READY, "to start and run its setup");
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  long pid() {
    return process.pid();
  }

  /** Runs n more iterations; returns how many have run in all. */
  long run(long n) {
    send(Protocol.RUN + " " + n);
    return Long.parseLong(await(Protocol.DONE, "to run " + n + " iteration" + (n == 1 ? "" : "s")));
  }

  /** The buffer pools of the scenario's JVM, as it tells them itself; null when it cannot. */
  BufferPools pools() {
    send(Protocol.POOLS);
    return BufferPools.parse(await(Protocol.POOLS, "to tell its buffer pools"));
  }

  /** Runs the scenario's teardown and lets the JVM end. */
  void quit() {
    send(Protocol.QUIT);
    await(Protocol.BYE, "to run its teardown");
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // leakdiff is already shutting down: the hook ends the JVM
    }
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void send(String line) {
    try {
      commands.write(line + "\n");
      commands.flush();
    } catch (IOException e) {
      throw died("before it was asked to " + line);
    }
  }

  /** Waits for the answer word; returns what follows it. */
  private String await(String word, String what) {
    String line;
    try {
      line = timeout.isZero() ? answers.take() : answers.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeakdiffException(Kind.SCENARIO_FAILED, scenario + ": interrupted");
    }
    if (line == null) {
      close();
      throw new LeakdiffException(Kind.SCENARIO_FAILED, scenario + " took more than " + Timeouts.seconds(timeout) + " s " + what
          + " (--timeout); its JVM was stopped" + logTail());
    }
    if (line.equals(EOF)) {
      throw died(what);
    }
    String rest = line.substring(Protocol.PREFIX.length());
    if (rest.startsWith(Protocol.FAILED + " ")) {
      waitForExit();
      // the message has the failure and where it was thrown; the stack trace stays in the log, when kept
      String where = logKept && logHasText() ? "; its output and stack trace are in " + log : "";
      throw new LeakdiffException(Kind.SCENARIO_FAILED, scenario + ": " + rest.substring(Protocol.FAILED.length() + 1) + where);
    }
    if (!rest.startsWith(word)) {
      throw new LeakdiffException(Kind.SCENARIO_FAILED, scenario + ": unexpected answer '" + rest + "' from its JVM");
    }
    return rest.substring(word.length()).trim();
  }

  private LeakdiffException died(String what) {
    waitForExit();
    String code = process.isAlive() ? "" : " with exit code " + process.exitValue();
    return new LeakdiffException(Kind.SCENARIO_FAILED, "the JVM of " + scenario + " ended" + code + " before it got " + what + logTail());
  }

  private void waitForExit() {
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean logHasText() {
    try (var all = Files.lines(log, StandardCharsets.UTF_8)) {
      return all.anyMatch(l -> !l.isBlank());
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** The last lines of the log, to put the scenario's own words beside ours. */
  private String logTail() {
    List<String> lines = new ArrayList<>();
    try (var all = Files.lines(log, StandardCharsets.UTF_8)) {
      all.filter(l -> !l.isBlank()).forEach(l -> {
        lines.add(l);
        if (lines.size() > 4) {
          lines.remove(0);
        }
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
    if (lines.isEmpty()) {
      return "";
    }
    return System.lineSeparator() + "  last lines of " + (logKept ? log : "its output") + ":" + System.lineSeparator() + "    "
        + String.join(System.lineSeparator() + "    ", lines);
  }

  private void readAnswers() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith(Protocol.PREFIX)) {
          answers.add(line);
        }
      }
    } catch (IOException e) {
      // the JVM went away: the end of its answers, below
    }
    answers.add(EOF);
  }
}
