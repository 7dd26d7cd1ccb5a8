package dev.leakdiff.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read's progress on a real dump of this JVM, as the visitors see it while they work: never past its pass's total, for
 * a gzip file in compressed bytes and moving while it reads, each pass ending at its total.
 */
class ProgressTest {
  @TempDir
  static Path tmp;

  static Path plain;
  static Path gzip;

  @BeforeAll
  static void dumps() throws Exception {
    plain = tmp.resolve("self.hprof");
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(plain.toString(), true);
    gzip = tmp.resolve("self.hprof.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      Files.copy(plain, out);
    }
  }

  /** Notes the progress each time a visitor meets a class dump or an array. */
  private static final class Sampler implements HeapVisitor {
    final Progress progress;
    final List<long[]> samples;

    Sampler(Progress progress, List<long[]> samples) {
      this.progress = progress;
      this.samples = samples;
    }

    @Override
    public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
      samples.add(new long[] {progress.pass(), progress.done(), progress.total()});
    }
  }

  private static List<long[]> read(Path file, Progress progress) throws Exception {
    List<long[]> samples = new CopyOnWriteArrayList<>();
    try (HprofReader r = HprofReader.open(file, 2)) {
      r.read(DumpSelection.last(), () -> new Sampler(progress, samples), progress);
    }
    return samples;
  }

  @Test
  void aPlainFileReadsItsHeapInASecondPassNeverPastItsTotal() throws Exception {
    Progress p = new Progress();
    List<long[]> samples = read(plain, p);
    assertTrue(samples.size() > 100, "samples: " + samples.size());
    for (long[] s : samples) {
      assertEquals(2, s[0], "the heap records are the second pass");
      assertTrue(s[1] <= s[2], s[1] + " of " + s[2]);
      assertTrue(s[2] <= Files.size(plain));
    }
    assertEquals(2, p.pass());
    assertEquals(p.total(), p.done(), "the pass ends at its total");
  }

  @Test
  void aGzipFileIsMeasuredOnItsCompressedBytesWhileItReads() throws Exception {
    Progress p = new Progress();
    List<long[]> samples = read(gzip, p);
    long size = Files.size(gzip);
    for (long[] s : samples) {
      assertEquals(1, s[0]);
      assertEquals(size, s[2], "the total is the file on disk");
      assertTrue(s[1] <= size);
    }
    long midway = samples.get(samples.size() / 2)[1];
    assertTrue(midway > 0 && midway < size, "halfway through the arrays: " + midway + " of " + size);
    assertEquals(size, p.done());
  }
}
