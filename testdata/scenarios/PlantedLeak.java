import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * A planted scenario for leakdiff's tests. Run as a single-file program:
 *
 *   java PlantedLeak.java OUT_DIR 0,1,10,100 [--gz]
 *
 * Each iteration leaks PER_ITERATION LeakedItem objects (each holding a byte[] payload and a Tag) into a
 * static list, fills a one-time cache on the first iteration only, and allocates churn that it drops.
 * After the cumulative number of iterations reaches each checkpoint it writes, in OUT_DIR, the JVM's own
 * class histogram (the GC.class_histogram diagnostic command, the one jcmd runs) as iter-N.histo.txt and
 * then a live heap dump iter-N.hprof; with --gz also iter-N.hprof.gz as `jcmd GC.heap_dump -gz=1` writes.
 */
public class PlantedLeak {
  static final int PER_ITERATION = 100;
  static final int CACHE_SIZE = 200;

  /** The leaking class: one object per leaked item, holding a payload and a tag. */
  static final class LeakedItem {
    final long id;
    final byte[] payload;
    final Tag tag;

    LeakedItem(long id) {
      this.id = id;
      this.payload = new byte[40 + (int) (id % 24)];
      this.tag = new Tag((int) id);
    }
  }

  static final class Tag {
    final int value;
    short flags;

    Tag(int value) {
      this.value = value;
    }
  }

  /** The one-time cache's values. */
  static final class CacheEntry {
    final String key;
    final int[] data = new int[3];
    double weight;

    CacheEntry(String key) {
      this.key = key;
    }
  }

  /** Garbage made and dropped on every iteration. */
  static final class Churn {
    Object next;
    long a;
    char c;
  }

  static final List<LeakedItem> LEAKED = new ArrayList<>();
  static final List<LeakedItem[]> BATCHES = new ArrayList<>();
  static final Map<String, CacheEntry> CACHE = new HashMap<>();
  static long sink;

  static void iteration(long i) {
    if (CACHE.isEmpty()) {
      for (int k = 0; k < CACHE_SIZE; k++) {
        String key = "entry-" + k;
        CACHE.put(key, new CacheEntry(key));
      }
    }
    LeakedItem[] batch = new LeakedItem[PER_ITERATION];
    for (int k = 0; k < PER_ITERATION; k++) {
      LeakedItem item = new LeakedItem(i * PER_ITERATION + k);
      LEAKED.add(item);
      batch[k] = item;
    }
    BATCHES.add(batch);
    Churn head = null;
    for (int k = 0; k < 5_000; k++) {
      Churn c = new Churn();
      c.next = k % 2 == 0 ? head : new int[k % 7];
      c.a = k;
      head = c;
    }
    sink += head.a;
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    boolean gz = args.length > 2 && args[2].equals("--gz");
    HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    ObjectName dcmd = new ObjectName("com.sun.management:type=DiagnosticCommand");
    long done = 0;
    for (String checkpoint : args[1].split(",")) {
      long target = Long.parseLong(checkpoint);
      while (done < target) {
        iteration(done++);
      }
      String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(dcmd, "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      Files.writeString(out.resolve("iter-" + target + ".histo.txt"), histogram);
      hotspot.dumpHeap(out.resolve("iter-" + target + ".hprof").toString(), true);
      if (gz) {
        // GC.heap_dump is not exported over JMX: ask the jcmd beside this JVM, as a user would
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()), "GC.heap_dump",
            "-gz=1", out.resolve("iter-" + target + ".hprof.gz").toAbsolutePath().toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
          throw new IllegalStateException("jcmd GC.heap_dump failed: " + p.exitValue());
        }
      }
    }
    System.out.println("done " + done + " iterations, " + LEAKED.size() + " leaked, sink " + sink);
  }
}
