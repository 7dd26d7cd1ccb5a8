package dev.leakdiff.hunt.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native memory summary parsed, on real outputs of {@code VM.native_memory summary} (test resources nmt/: JDK 17
 * and 25 in KB, the default scale, and JDK 25 in MB), and kept in the sidecar.
 */
class NativeMemoryTest {
  private static final long K = 1024;

  @TempDir
  Path tmp;

  private static String resource(String name) throws IOException {
    try (InputStream in = NativeMemoryTest.class.getResourceAsStream("/nmt/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The categories of these outputs, in the order the JVM printed them. */
  private static final List<String> JDK17 = List.of("Total", "Java Heap", "Class", "Thread", "Code", "GC", "Compiler",
      "Internal", "Other", "Symbol", "Native Memory Tracking", "Shared class space", "Arena Chunk", "Module", "Safepoint",
      "Synchronization", "Serviceability", "Metaspace", "String Deduplication", "Object Monitors");

  @Test
  void jdk17() throws IOException {
    NativeMemory n = NativeMemory.parse(resource("jdk17-summary.txt"));
    assertNotNull(n);
    assertEquals(JDK17, List.copyOf(n.categories().keySet()));
    assertEquals(new NativeMemory.Amount(7845971 * K, 488315 * K), n.categories().get("Total"));
    assertEquals(new NativeMemory.Amount(6172672 * K, 397312 * K), n.categories().get("Java Heap"));
    assertEquals(890 * K, n.committed("Thread"));
    assertEquals(19506 * K, n.reserved("Thread"));
    assertEquals(1034 * K, n.committed("Other")); // the direct buffer of 1 MiB the JVM held
    assertEquals(1 * K, n.committed("Object Monitors"));
    assertEquals((488315 - 397312) * K, n.committedOutsideHeap());
    assertEquals(-1, n.committed("Tracing"), "a category the text leaves out");
  }

  @Test
  void jdk25() throws IOException {
    NativeMemory n = NativeMemory.parse(resource("jdk25-summary.txt"));
    assertNotNull(n);
    assertEquals(20, n.categories().size(), n.toString());
    assertTrue(n.categories().containsKey("Tracing"), n.toString());
    assertEquals(new NativeMemory.Amount(7743939 * K, 485859 * K), n.categories().get("Total"));
    assertEquals(970 * K, n.committed("Thread"));
    assertEquals(1034 * K, n.committed("Other"));
    // JDK 25 adds ", readonly=0KB" to this line
    assertEquals(new NativeMemory.Amount(16384 * K, 13908 * K), n.categories().get("Shared class space"));
    assertEquals(new NativeMemory.Amount(65576 * K, 8360 * K), n.categories().get("Metaspace"));
  }

  @Test
  void otherScales() throws IOException {
    NativeMemory n = NativeMemory.parse(resource("jdk25-summary-mb.txt"));
    assertEquals(new NativeMemory.Amount(7562L << 20, 475L << 20), n.categories().get("Total"));
    assertEquals(384L << 20, n.committed("Java Heap"));
    assertEquals(13, n.categories().size() - 1, "the categories of 1 MB or more, the Total aside");
    NativeMemory bytes = NativeMemory.parse("Total: reserved=2048B, committed=1024B\n-  Thread (reserved=1048576B, committed=2B)\n");
    assertEquals(2, bytes.committed("Thread"));
  }

  @Test
  void jdk21Lines() {
    // the format of JDK 21's memReporter.cpp (its malloc lines say "type=" where 25 says "tag="); no JDK 21 here to capture
    String jdk21 = """

        Native Memory Tracking:

        (Omitting categories weighting less than 1KB)

        Total: reserved=5834523KB, committed=330047KB
               malloc: 17873KB #45110
               mmap:   reserved=5816650KB, committed=312174KB

        -                 Java Heap (reserved=4063232KB, committed=260096KB)
                                    (mmap: reserved=4063232KB, committed=260096KB, at peak)

        -                    Thread (reserved=24642KB, committed=1070KB)
                                    (threads #24)
                                    (stack: reserved=24576KB, committed=1004KB, peak=1004KB)
                                    (malloc=39KB type=Thread #146) (peak=46KB #150)
                                    (arena=27KB #46) (peak=801KB #30)
        """.stripIndent();
    NativeMemory n = NativeMemory.parse(jdk21);
    assertEquals(List.of("Total", "Java Heap", "Thread"), List.copyOf(n.categories().keySet()));
    assertEquals(1070 * K, n.committed("Thread"));
  }

  @Test
  void withoutTrackingThereIsNone() {
    assertNull(NativeMemory.parse("Native memory tracking is not enabled\n"));
    assertNull(NativeMemory.parse(null));
  }

  @Test
  void theSidecarKeepsItParsedAndReadsItBack() throws IOException {
    String text = resource("jdk25-summary.txt");
    NativeMemory n = NativeMemory.parse(text);
    BufferPools pools = new BufferPools(new BufferPools.Pool(3, 3 << 20, 3 << 20), new BufferPools.Pool(0, 0, 0));
    Sidecar s = new Sidecar(1L, "x", 1L, "t", "n", "v", "v", true, null, 1L, 1L, null, pools, null, n, text, null, 1L, 1L, null);
    Path file = tmp.resolve("x.json");
    Files.writeString(file, s.json());
    String json = Files.readString(file);
    assertTrue(json.contains("\"nativeMemory\" : {\n    \"Total\" : {\n      \"reserved\" : " + 7743939 * K), json);
    assertTrue(json.contains("\"direct\" : {\n      \"count\" : 3,\n      \"capacity\" : 3145728,\n      \"used\" : 3145728"), json);
    Sidecar back = Sidecar.read(file);
    assertEquals(s, back);
    assertEquals(970 * K, back.nativeMemory().committed("Thread"));
    assertEquals(3, back.bufferPools().direct().count());

    // a sidecar written before the summary was parsed: its text is parsed when read
    Sidecar old = new Sidecar(1L, "x", 1L, "t", "n", "v", "v", true, null, 1L, 1L, null, null, null, null, text, null, 1L, 1L, null);
    assertEquals(n, old.nativeMemoryParsed());
  }
}
