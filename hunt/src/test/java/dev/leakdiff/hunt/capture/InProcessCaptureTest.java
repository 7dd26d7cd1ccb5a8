package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.Reporter;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.analysis.DumpReader;
import dev.leakdiff.hunt.analysis.DumpRef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture of the test's own JVM, with no attach and no other process. */
class InProcessCaptureTest {
  /** What the dump must find: a class of the test's own, held while the dump is taken. */
  static final class Marker {}

  @TempDir
  Path tmp;

  @Test
  void dumpsThisJvmWithItsSidecar() {
    List<Marker> held = new ArrayList<>();
    for (int i = 0; i < 123; i++) {
      held.add(new Marker());
    }
    Capture c = Capturer.capture(Dumpers.inProcess(), tmp, "self", 7L, true, false, Duration.ZERO);
    assertEquals(123, held.size());
    assertEquals(tmp.resolve("self.hprof").toAbsolutePath(), c.dump());
    assertEquals(ProcessHandle.current().pid(), c.facts().pid());
    assertEquals(7L, c.facts().iteration());
    assertTrue(c.facts().threads() > 1, c.facts().toString());
    assertTrue(c.facts().classHistogram().instances() > 1000, c.facts().toString());

    Capture again = Capture.read(c.sidecarFile(), c.dump());
    assertEquals(c.facts(), again.facts());
    ClassHistogram h = new DumpReader(Reporter.SILENT, null).one(new DumpRef(c.dump(), null));
    long markers = h.classes().stream().filter(s -> s.name().equals(Marker.class.getName())).mapToLong(ClassStat::instances).sum();
    assertEquals(123, markers);
  }

  @Test
  void filesAreOwnerOnlyAndNeverReplaced() throws Exception {
    Capture c = Capturer.capture(Dumpers.inProcess(), tmp, "once", null, true, false, Duration.ZERO);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(c.dump())));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(c.sidecarFile())));
    LeakdiffException e = assertThrows(LeakdiffException.class,
        () -> Capturer.capture(Dumpers.inProcess(), tmp, "once", null, true, false, Duration.ZERO));
    assertEquals(LeakdiffException.Kind.CAPTURE_FAILED, e.kind());
    try (var files = Files.list(tmp)) {
      assertEquals(2, files.count(), "no partial file left behind");
    }
  }
}
