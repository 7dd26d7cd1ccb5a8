package dev.leakdiff.hunt.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hunt.scenarios.SelfCheckWithNmt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leak test's captures of its own JVM with native memory tracking on: the sidecars hold the summary parsed and
 * the buffer pools, and keeping them from one dump to the next shows as no growth, even with a dump per iteration.
 */
class InProcessNativeMemoryTest {
  @TempDir
  Path tmp;

  @Test
  void anEmptyBodyPassesWithTheFactsOutsideTheHeapKept() throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:NativeMemoryTracking=summary", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        SelfCheckWithNmt.class.getName(), tmp.resolve("dumps").toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the check did not end in 120 s");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("passed; categories "), out);
    assertTrue(Integer.parseInt(last.replaceAll("^passed; categories (\\d+);.*", "$1")) > 10, out);
    assertTrue(last.contains("; direct Pool[count=") && last.endsWith("; warnings []"), out);
  }
}
