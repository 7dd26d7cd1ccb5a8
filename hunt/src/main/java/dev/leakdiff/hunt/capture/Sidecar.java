package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.json.Json;
import dev.leakdiff.hunt.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts of the process around one capture, kept beside the dump as LABEL.json (docs/json.md gives the
 * schema): written and read here alone. Any fact may be null where it could not be measured.
 */
public record Sidecar(
    Long pid,
    String label,
    Long iteration,
    String time,
    String jvmName,
    String jvmVersion,
    String jvmVendor,
    Boolean live,
    MemoryUse heapBefore,
    Long rssBytes,
    Long threads,
    MemoryUse heapAfter,
    BufferPools bufferPools,
    HistogramTotals classHistogram,
    NativeMemory nativeMemory,
    String nativeMemorySummary,
    String diagnosticCommandError,
    Long dumpBytes,
    Long dumpMillis,
    String processStart) {

  /**
   * The heap's use as the JVM tells it, in bytes; -1 (left out of the JSON) where unknown. Primitives: a leak test
   * dumps its own JVM, and boxed numbers kept from one capture to the next would be growth of leakdiff's own.
   */
  public record MemoryUse(long used, long committed, long max) {}

  /** The totals of the JVM's own class histogram (GC.class_histogram). */
  public record HistogramTotals(long instances, long bytes) {}

  /** The heap used after the dump: what the live dump holds. */
  public Long heapUsed() {
    return heapAfter == null || heapAfter.used() < 0 ? null : heapAfter.used();
  }

  /**
   * The native memory summary: as parsed at the capture, or parsed now from the text of a sidecar written before
   * leakdiff parsed it; null without native memory tracking.
   */
  public NativeMemory nativeMemoryParsed() {
    return nativeMemory != null ? nativeMemory : NativeMemory.parse(nativeMemorySummary);
  }

  /** The same facts under this label and iteration, with when the process started (null where unknown). */
  Sidecar labelled(String label, Long iteration, String processStart) {
    return new Sidecar(pid, label, iteration, time, jvmName, jvmVersion, jvmVendor, live, heapBefore, rssBytes, threads,
        heapAfter, bufferPools, classHistogram, nativeMemory, nativeMemorySummary, diagnosticCommandError, dumpBytes, dumpMillis,
        processStart);
  }


  /** The sidecar's JSON: the facts measured, a fact left out where unknown. */
  String json() {
    JsonObject o = new JsonObject().withNonNull("pid", pid).withNonNull("processStart", processStart).withNonNull("label", label).withNonNull("iteration", iteration)
        .withNonNull("time", time).withNonNull("jvmName", jvmName).withNonNull("jvmVersion", jvmVersion)
        .withNonNull("jvmVendor", jvmVendor).withNonNull("live", live).withNonNull("heapBefore", memory(heapBefore))
        .withNonNull("rssBytes", rssBytes).withNonNull("threads", threads).withNonNull("heapAfter", memory(heapAfter));
    if (bufferPools != null) {
      o.put("bufferPools", new JsonObject().withNonNull("direct", pool(bufferPools.direct()))
          .withNonNull("mapped", pool(bufferPools.mapped())));
    }
    if (classHistogram != null) {
      o.put("classHistogram", new JsonObject().with("instances", classHistogram.instances()).with("bytes", classHistogram.bytes()));
    }
    if (nativeMemory != null) {
      JsonObject n = new JsonObject();
      nativeMemory.categories().forEach((name, a) -> n.put(name, new JsonObject().with("reserved", a.reserved())
          .with("committed", a.committed())));
      o.put("nativeMemory", n);
    }
    return Json.write(o.withNonNull("nativeMemorySummary", nativeMemorySummary)
        .withNonNull("diagnosticCommandError", diagnosticCommandError).withNonNull("dumpBytes", dumpBytes)
        .withNonNull("dumpMillis", dumpMillis));
  }

  private static JsonObject memory(MemoryUse m) {
    return m == null ? null : new JsonObject().withNonNull("used", m.used() < 0 ? null : m.used())
        .withNonNull("committed", m.committed() < 0 ? null : m.committed()).withNonNull("max", m.max() < 0 ? null : m.max());
  }

  private static JsonObject pool(BufferPools.Pool p) {
    return p == null ? null : new JsonObject().with("count", p.count()).with("capacity", p.capacity()).with("used", p.used());
  }

  /** Reads a sidecar; a field it does not know is passed over. */
  public static Sidecar read(Path file) throws IOException {
    Map<String, Object> o;
    try {
      o = JsonObject.of(Json.parse(Files.readString(file, StandardCharsets.UTF_8)), "the sidecar");
      return of(o);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static Sidecar of(Map<String, Object> o) {
    Map<String, Object> pools = JsonObject.objectOf(o, "bufferPools");
    Map<String, Object> histogram = JsonObject.objectOf(o, "classHistogram");
    Map<String, Object> nmt = JsonObject.objectOf(o, "nativeMemory");
    NativeMemory nativeMemory = null;
    if (nmt != null) {
      Map<String, NativeMemory.Amount> amounts = new LinkedHashMap<>();
      nmt.forEach((name, a) -> {
        Map<String, Object> amount = JsonObject.of(a, "'nativeMemory." + name + "'");
        amounts.put(name, new NativeMemory.Amount(orUnknown(JsonObject.longOf(amount, "reserved")),
            orUnknown(JsonObject.longOf(amount, "committed"))));
      });
      nativeMemory = NativeMemory.of(amounts);
    }
    return new Sidecar(JsonObject.longOf(o, "pid"), JsonObject.stringOf(o, "label"), JsonObject.longOf(o, "iteration"),
        JsonObject.stringOf(o, "time"), JsonObject.stringOf(o, "jvmName"), JsonObject.stringOf(o, "jvmVersion"),
        JsonObject.stringOf(o, "jvmVendor"), JsonObject.booleanOf(o, "live"), memoryOf(JsonObject.objectOf(o, "heapBefore")),
        JsonObject.longOf(o, "rssBytes"), JsonObject.longOf(o, "threads"), memoryOf(JsonObject.objectOf(o, "heapAfter")),
        pools == null ? null : new BufferPools(poolOf(JsonObject.objectOf(pools, "direct")), poolOf(JsonObject.objectOf(pools, "mapped"))),
        histogram == null ? null : new HistogramTotals(orUnknown(JsonObject.longOf(histogram, "instances")),
            orUnknown(JsonObject.longOf(histogram, "bytes"))),
        nativeMemory, JsonObject.stringOf(o, "nativeMemorySummary"), JsonObject.stringOf(o, "diagnosticCommandError"),
        JsonObject.longOf(o, "dumpBytes"), JsonObject.longOf(o, "dumpMillis"), JsonObject.stringOf(o, "processStart"));
  }

  private static MemoryUse memoryOf(Map<String, Object> m) {
    return m == null ? null : new MemoryUse(orUnknown(JsonObject.longOf(m, "used")), orUnknown(JsonObject.longOf(m, "committed")),
        orUnknown(JsonObject.longOf(m, "max")));
  }

  private static BufferPools.Pool poolOf(Map<String, Object> p) {
    return p == null ? null : new BufferPools.Pool(orUnknown(JsonObject.longOf(p, "count")),
        orUnknown(JsonObject.longOf(p, "capacity")), orUnknown(JsonObject.longOf(p, "used")));
  }

  private static long orUnknown(Long v) {
    return v == null ? -1 : v;
  }

  /**
   * Runs the code a capture runs before a leak test's first dump rather than between two of its dumps: the classes it
   * loads (the process's start time's too), and the buffer pools' bean calls more times than the JDK's reflection
   * inflation threshold (15 calls of a method: the accessor the JDK then generates, a class and a loader, is made now).
   */
  public static void warmUp() {
    MemoryUse m = new MemoryUse(1, 1, 1);
    BufferPools.Pool p = new BufferPools.Pool(1, 1, 1);
    String summary = "Total: reserved=2KB, committed=2KB\n-                 Java Heap (reserved=1KB, committed=1KB)\n"
        + "-                     Other (reserved=1KB, committed=1KB)\n";
    Sidecar s = new Sidecar(1L, "prime", 1L, "t", "n", "v", "v", true, m, 1L, 1L, m, new BufferPools(p, p),
        new HistogramTotals(1, 1), NativeMemory.parse(summary), summary, "e", 1L, 1L, "t");
    of(JsonObject.of(Json.parse(s.json()), "the sidecar"));
    for (int i = 0; i < 20; i++) {
      BufferPools.local();
      Capturer.processStart(ProcessHandle.current().pid());
    }
  }
}
