package dev.leakdiff.hunt.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a capture leaves behind when it fails, and what it shows while the dump is written. */
class CapturerTest {
  @TempDir
  Path tmp;

  /** A dumper whose dump fails, as a JVM that goes away does. */
  private static final HeapDumper FAILS = new HeapDumper() {
    @Override
    public String target() {
      return "pid 0";
    }

    @Override
    public Sidecar dump(Path file, boolean live, Duration timeout) {
      throw new LeakdiffException(LeakdiffException.Kind.CAPTURE_FAILED, "the JVM went away");
    }
  };

  @Test
  void aFailedCaptureRemovesTheDirectoriesItCreated() throws Exception {
    Path dir = tmp.resolve("leakdiff-captures").resolve("run-1");
    assertThrows(LeakdiffException.class, () -> Capturer.capture(FAILS, dir, "iter-1", 1L, true, false, Duration.ZERO));
    assertFalse(Files.exists(tmp.resolve("leakdiff-captures")), "an empty directory is left behind");

    Path existing = Files.createDirectory(tmp.resolve("mine"));
    assertThrows(LeakdiffException.class, () -> Capturer.capture(FAILS, existing, "iter-1", 1L, true, false, Duration.ZERO));
    assertTrue(Files.isDirectory(existing), "a directory the capture did not create stays");
    try (var files = Files.list(existing)) {
      assertEquals(List.of(), files.toList());
    }
  }

  /** The size of the dump being written reaches the reporter while the JVM writes it (a real dump of this JVM). */
  @Test
  void showsTheDumpBeingWritten() {
    List<Long> seen = new CopyOnWriteArrayList<>();
    Reporter reporter = new Reporter() {
      @Override
      public void warn(String message) {}

      @Override
      public Display writing(String label, Progress progress) {
        assertEquals("self.hprof", label);
        Thread t = new Thread(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            seen.add(progress.done());
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
        t.setDaemon(true);
        t.start();
        return t::interrupt;
      }
    };
    HeapDumper slowToReturn = new HeapDumper() {
      @Override
      public String target() {
        return "this JVM";
      }

      @Override
      public Sidecar dump(Path file, boolean live, Duration timeout) {
        Sidecar s = Dumpers.inProcess().dump(file, live, timeout);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (seen.stream().noneMatch(b -> b > 0) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        return s;
      }
    };
    Capture c = Capturer.capture(slowToReturn, tmp, "self", null, true, false, Duration.ZERO, reporter);
    long size = c.facts().dumpBytes();
    assertTrue(seen.stream().anyMatch(b -> b > 0), "no size shown: " + seen);
    assertTrue(seen.stream().allMatch(b -> b <= size), seen + " past " + size);
  }
}
