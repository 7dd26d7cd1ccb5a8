package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hprof.testing.HprofWriter;
import dev.leakdiff.hprof.testing.HprofWriter.Field;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a JVM with a small heap: the histogram of a dump of millions of objects needs memory for its classes
 * only; paths, which needs a graph of every object, says how much -Xmx it needs instead of failing.
 */
class MemoryBoundsTest {
  private static final int OBJECTS = 3_000_000;

  @TempDir
  Path tmp;

  /** A dump of three million small instances of one class, each referring to the next, in segments. */
  private Path manyObjects() throws Exception {
    HprofWriter w = new HprofWriter(8);
    long cls = w.className(0x100, "com/acme/Node");
    long next = w.string("next");
    w.heapDumpSegment().classDump(cls, 0, 0, 8, new Field[0], new Field[] {new Field(next, HprofWriter.OBJECT, 0)})
        .root(0xFF, 0x1000_0000L).endHeap(); // a root of no thread: the dump defines none
    Path f = tmp.resolve("many.hprof");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
      out.write(w.bytes());
      // one segment per 100,000 instances, written directly: 1 + 8 + 4 + 8 + 4 + 8 bytes each
      for (int s = 0; s < OBJECTS / 100_000; s++) {
        HprofWriter seg = new HprofWriter(8);
        seg.heapDumpSegment();
        for (int i = 0; i < 100_000; i++) {
          long id = 0x1000_0000L + 16L * (s * 100_000L + i);
          seg.instance(id, cls, seg.values().id(i == 99_999 && s == OBJECTS / 100_000 - 1 ? 0 : id + 16).bytes());
        }
        byte[] b = seg.endHeap().bytes();
        out.write(b, 31, b.length - 31); // without the second file header
      }
      out.write(new HprofWriter(8).heapDumpEnd().bytes(), 31, 9);
    }
    return f;
  }

  private static ScenarioDumps.Result runWithHeap(String xmx, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    String out = new String(p.getInputStream().readAllBytes());
    String err = new String(p.getErrorStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new ScenarioDumps.Result(p.exitValue(), out, err);
  }

  @Test
  void histogramInASmallHeapAndPathsSaysWhatItNeeds() throws Exception {
    Path f = manyObjects();
    ScenarioDumps.Result histo = runWithHeap("40m", "histo", "--format=csv", f.toString());
    assertEquals(0, histo.code(), histo.err());
    assertTrue(histo.out().contains("com.acme.Node," + OBJECTS + ","), histo.out());

    ScenarioDumps.Result paths = runWithHeap("40m", "paths", "--type", "Node", f.toString());
    assertEquals(ExitCode.OUT_OF_MEMORY.code, paths.code(), paths.err() + paths.out());
    assertTrue(paths.err().matches("(?s)leakdiff: .*many\\.hprof: the graph of (up to |about )?[0-9,]+ objects"
        + "( \\(estimated from a sample of the dump\\))? needs .*more memory"
        + " than this JVM may use \\(-Xmx[0-9]+m or more\\); set LEAKDIFF_JAVA_OPTS to give it\\s*"), paths.err());
    assertTrue(!paths.err().contains("Exception") && !paths.err().contains("\tat "), paths.err());
  }
}
