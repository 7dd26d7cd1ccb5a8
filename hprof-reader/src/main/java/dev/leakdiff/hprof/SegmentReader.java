package dev.leakdiff.hprof;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The parallel step of a read of a plain file: its heap dump segments, one reading thread per core. */
final class SegmentReader {
  /**
   * A reading thread's window: small enough that what the kernel copies in (through the JDK's own direct buffer)
   * is still in the core's cache when it is copied again and parsed; 256-512 KiB read the benchmark's dump 5%
   * faster than 4 MiB, 128 KiB no better.
   */
  private static final int WORKER_BUFFER = 512 << 10;

  private SegmentReader() {}

  /**
   * Reads the heap segments listed in work (each {dump, bodyStart, end, openEnded, ordinal}) with up to threads reading
   * threads, each with its own visitor per dump, positional reads through a window of its own; what a file cut short
   * leaves unread is noted in the scan as its truncation. With check, each thread notes for each dump what tells
   * whether its records fit together (in the scan's checks).
   */
  static <V extends HeapVisitor> void read(Path file, FileChannel channel, long fileSize, int threads, Scan<V> scan,
      List<long[]> work, Supplier<V> visitors, Progress progress, boolean check) {
    if (work.isEmpty()) {
      return;
    }
    int n = Math.min(threads, work.size());
    AtomicInteger next = new AtomicInteger();
    List<Map<Integer, V>> perWorker = new ArrayList<>();
    List<Map<Integer, DumpChecks>> checksPerWorker = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    long[] truncated = {Long.MAX_VALUE};
    int idSize = scan.header.idSize();
    Runnable job = () -> {
      Map<Integer, V> mine = new HashMap<>();
      Map<Integer, DumpChecks> myChecks = new HashMap<>();
      synchronized (perWorker) {
        perWorker.add(mine);
        checksPerWorker.add(myChecks);
      }
      HeapRecordParser parser = new HeapRecordParser(file, fileSize);
      Cursor c = new Cursor(null, 0, WORKER_BUFFER);
      c.idSize = idSize;
      int i;
      while ((i = next.getAndIncrement()) < work.size()) {
        long[] s = work.get(i);
        ByteSource range = new ByteSource.FileRange(channel, s[1], Math.min(s[2], fileSize));
        c.reset(range, s[1]);
        V v = mine.computeIfAbsent((int) s[0], k -> visitors.get());
        v.segment((int) s[4]);
        DumpChecks k = check
            ? myChecks.computeIfAbsent((int) s[0], d -> new DumpChecks(DumpChecks.filterBits(scan.dumps.get(d).bytes())))
            : null;
        try {
          parser.parse(c, s[2], s[3] == 1, v, k);
        } catch (HeapRecordParser.Truncated t) {
          synchronized (truncated) {
            truncated[0] = Math.min(truncated[0], t.offset);
          }
        }
        progress.add(Math.min(s[2], fileSize) - s[1]);
      }
    };
    if (n == 1) {
      job.run();
    } else {
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        Thread th = new Thread(job, "hprof-reader-" + t);
        th.setUncaughtExceptionHandler((x, e) -> {
          synchronized (failures) {
            failures.add(e);
          }
          next.set(work.size());
        });
        workers.add(th);
        th.start();
      }
      for (Thread th : workers) {
        try {
          th.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading " + file, e);
        }
      }
      if (!failures.isEmpty()) {
        Throwable f = failures.get(0);
        if (f instanceof RuntimeException r) {
          throw r;
        }
        if (f instanceof Error e) {
          throw e;
        }
        throw new IllegalStateException(f);
      }
    }
    if (truncated[0] != Long.MAX_VALUE && (scan.truncatedAt < 0 || truncated[0] < scan.truncatedAt)) {
      scan.truncated(truncated[0], "the file ends inside a heap dump sub-record");
    }
    for (Map<Integer, V> m : perWorker) {
      m.forEach((dump, v) -> scan.visited.computeIfAbsent(dump, k -> new ArrayList<>()).add(v));
    }
    for (Map<Integer, DumpChecks> m : checksPerWorker) {
      m.forEach((dump, k) -> scan.checks.computeIfAbsent(dump, d -> new ArrayList<>()).add(k));
    }
  }
}
