package dev.leakdiff.hunt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The facts of the process around one capture, kept beside the dump as LABEL.json (docs/json.md gives the
 * schema): written and read here alone. Any fact may be null where it could not be measured.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
    Long dumpMillis) {

  /**
   * The heap's use as the JVM tells it, in bytes; -1 (left out of the JSON) where unknown. Primitives: a leak test
   * dumps its own JVM, and boxed numbers kept from one capture to the next would be growth of leakdiff's own.
   */
  public record MemoryUse(@JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Unknown.class) long used,
      @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Unknown.class) long committed,
      @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Unknown.class) long max) {}

  /** Leaves a negative number (unknown) out of the JSON: Jackson drops a value this equals. */
  static final class Unknown {
    @Override
    public boolean equals(Object value) {
      return value instanceof Number n && n.longValue() < 0;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** The totals of the JVM's own class histogram (GC.class_histogram). */
  public record HistogramTotals(long instances, long bytes) {}

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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

  /** The same facts under this label and iteration. */
  Sidecar labelled(String label, Long iteration) {
    return new Sidecar(pid, label, iteration, time, jvmName, jvmVersion, jvmVendor, live, heapBefore, rssBytes, threads,
        heapAfter, bufferPools, classHistogram, nativeMemory, nativeMemorySummary, diagnosticCommandError, dumpBytes, dumpMillis);
  }


  String json() throws IOException {
    return MAPPER.writeValueAsString(this);
  }

  /**
   * Writes a sidecar with every fact set, more times than the JDK's reflection inflation threshold (15 calls of a
   * method): the accessors the JDK then generates for the mapper's calls (a class and a loader each) are made
   * before a leak test's first dump rather than between two of its dumps.
   */
  static void prime() throws IOException {
    MemoryUse m = new MemoryUse(1, 1, 1);
    BufferPools.Pool p = new BufferPools.Pool(1, 1, 1);
    String summary = "Total: reserved=2KB, committed=2KB\n-                 Java Heap (reserved=1KB, committed=1KB)\n"
        + "-                     Other (reserved=1KB, committed=1KB)\n";
    Sidecar s = new Sidecar(1L, "prime", 1L, "t", "n", "v", "v", true, m, 1L, 1L, m, new BufferPools(p, p),
        new HistogramTotals(1, 1), NativeMemory.parse(summary), summary, "e", 1L, 1L);
    for (int i = 0; i < 20; i++) {
      s.json();
      BufferPools.local();
    }
  }

  public static Sidecar read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), Sidecar.class);
  }
}
