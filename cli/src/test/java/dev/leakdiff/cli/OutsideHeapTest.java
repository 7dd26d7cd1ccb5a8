package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakdiff.cli.scenarios.DirectBuffers;
import dev.leakdiff.cli.scenarios.ExecutorPerCall;
import dev.leakdiff.cli.scenarios.ThreadsPerCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What leakdiff run sees outside the heap, in real child JVMs: the buffer pools and the native memory summary in each
 * sidecar, their verdicts with the rate per iteration (text and JSON), which code started leaking threads, and on JDK
 * 21 and later the executors' thread containers folded into the thread finding.
 */
class OutsideHeapTest {
  private static final long MIB = 1 << 20;

  @TempDir
  Path tmp;

  private static String testClasses() throws Exception {
    return Path.of(DirectBuffers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /**
   * The scenario's run, without the allocation recording: the Flight Recorder keeps a direct buffer of its own (one,
   * from the JVM's start, never more), and the counts asserted here are the scenario's alone.
   */
  private static List<String> args(String scenario, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "-cp", testClasses(), "--scenario", scenario, "--no-allocations"));
    args.addAll(List.of(more));
    return args;
  }

  private static String text(List<String> args) {
    ScenarioDumps.Result r = ScenarioDumps.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  private static JsonNode json(List<String> args) throws IOException {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--no-keep", "--format", "json"));
    ScenarioDumps.Result r = ScenarioDumps.run(all.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  /** The verdict of a buffer pool or native memory category in run's JSON. */
  private static JsonNode outside(JsonNode run, String kind, String name) {
    for (JsonNode o : run.get("processGrowth").get("outsideHeap")) {
      if (o.get("kind").asText().equals(kind) && o.get("name").asText().equals(name)) {
        return o;
      }
    }
    return null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(s -> out.add(s.asText()));
    return out;
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(s -> out.add(s.asLong()));
    return out;
  }

  @Test
  void directBuffersKeptInAListGrowOutsideTheHeap() throws Exception {
    String scenario = DirectBuffers.class.getName() + "#keep";
    Path dir = tmp.resolve("keep");
    String text = text(args(scenario, "--dir", dir.toString()));
    assertTrue(text.contains("Direct buffers grow by 1 buffer and 1.0 MiB per iteration (leak): native memory the heap dump"
        + " shows only as small DirectByteBuffer objects."), text);
    assertTrue(text.contains("Native memory (NMT Other) grows by 1.0 MiB committed per iteration (leak)"), text);
    assertTrue(Pattern.compile("RSS grows by (1\\.0 MiB|9\\d\\d\\.\\d KiB) per iteration while the Java heap does not \\(leak\\)")
        .matcher(text).find(), text);
    assertTrue(text.contains("DIRECT BUFFERS  DIRECT BYTES  NATIVE OUTSIDE HEAP"), text);
    assertTrue(Pattern.compile("(?m)^iter-100\\.hprof .* 100 +100\\.0 MiB ").matcher(text).find(), text);

    // each sidecar: the pools as the scenario's JVM told them, and the native memory summary parsed by category
    JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("iter-100.json").toFile());
    JsonNode direct = sidecar.get("bufferPools").get("direct");
    assertEquals(100, direct.get("count").asLong(), sidecar.toString());
    assertEquals(100 * MIB, direct.get("capacity").asLong());
    assertEquals(0, sidecar.get("bufferPools").get("mapped").get("count").asLong());
    JsonNode nmt = sidecar.get("nativeMemory");
    List<String> categories = new ArrayList<>();
    nmt.fieldNames().forEachRemaining(categories::add);
    assertEquals(List.of("Total", "Java Heap", "Class", "Thread"), categories.subList(0, 4), categories.toString());
    assertTrue(categories.size() > 10, categories.toString());
    assertTrue(nmt.get("Other").get("committed").asLong() >= 100 * MIB, nmt.toString());
    assertTrue(nmt.get("Total").get("reserved").asLong() > nmt.get("Total").get("committed").asLong(), nmt.toString());
    assertTrue(sidecar.get("nativeMemorySummary").asText().contains("Native Memory Tracking:"));

    JsonNode run = json(args(scenario));
    JsonNode pool = outside(run, "bufferPool", "direct");
    assertNotNull(pool, run.get("processGrowth").toString());
    assertEquals("leak", pool.get("verdict").asText());
    assertTrue(pool.get("suspect").asBoolean());
    assertEquals(1.0, pool.get("countPerIteration").asDouble(), 1e-9);
    assertEquals(MIB, pool.get("bytesPerIteration").asDouble(), 1e-6);
    assertEquals(List.of(0L, MIB, 10 * MIB, 100 * MIB), longs(pool.get("bytes")));
    assertEquals(List.of(0L, 1L, 10L, 100L), longs(pool.get("counts")));
    JsonNode other = outside(run, "nativeMemory", "Other");
    assertEquals("leak", other.get("verdict").asText(), other.toString());
    assertEquals(MIB, other.get("bytesPerIteration").asDouble(), MIB / 20.0);
    assertFalse(outside(run, "nativeMemory", "Thread").get("suspect").asBoolean());
    assertEquals(100, run.get("stages").get(3).get("directBuffers").asLong());
    assertEquals(100 * MIB, run.get("stages").get(3).get("directBufferBytes").asLong());
    JsonNode directGrowth = RunJson.findings(run, "outsideHeap").stream().filter(f -> f.get("what").asText().equals("bufferPool")
        && f.get("name").asText().equals("direct")).findFirst().orElse(null);
    assertNotNull(directGrowth, run.get("findings").toString());
    assertEquals(MIB, directGrowth.get("perIteration").asDouble(), 1e-6);
    assertEquals(1.0, directGrowth.get("countPerIteration").asDouble(), 1e-9);
    assertTrue(directGrowth.get("text").asText().startsWith("Direct buffers grow by 1 buffer and 1.0 MiB"), directGrowth.toString());
    assertTrue(run.get("processGrowth").get("rss").get("suspect").asBoolean(), run.get("processGrowth").toString());
    assertEquals("stable", run.get("processGrowth").get("threads").get("verdict").asText());
  }

  @Test
  void aReusedBufferIsNoProcessFlag() throws Exception {
    String scenario = DirectBuffers.class.getName() + "#reuse";
    String text = text(args(scenario, "--no-keep"));
    assertTrue(text.contains("Threads, RSS, buffer pools and native memory do not grow with the iterations beyond what the heap"
        + " explains."), text);
    JsonNode run = json(args(scenario));
    assertEquals(List.of(), RunJson.findings(run, "outsideHeap"));
    for (JsonNode o : run.get("processGrowth").get("outsideHeap")) {
      assertFalse(o.get("suspect").asBoolean(), o.toString());
    }
    assertEquals(List.of(0L, 1L, 1L, 1L), longs(outside(run, "bufferPool", "direct").get("counts")), "one buffer, from the first call");
    assertFalse(run.get("processGrowth").get("rss").get("suspect").asBoolean());
    assertEquals(List.of(), strings(run.get("comparison").get("suspects")));
  }

  @Test
  void buffersDroppedAfterEachCallLeaveThePoolsAndNativeMemoryFlat() throws Exception {
    // RSS may still rise: the C allocator keeps what the buffers freed at each dump's GC
    JsonNode run = json(args(DirectBuffers.class.getName() + "#drop"));
    assertEquals(0, longs(outside(run, "bufferPool", "direct").get("counts")).get(0));
    for (JsonNode o : run.get("processGrowth").get("outsideHeap")) {
      assertFalse(o.get("suspect").asBoolean(), o.toString());
    }
    assertEquals(List.of(), strings(run.get("comparison").get("suspects")));
  }

  @Test
  void theThreadFindingNamesTheCodeThatStartedThem() throws Exception {
    JsonNode subclass = RunJson.finding(json(args(ThreadsPerCall.class.getName() + "#subclass")), "threadLeak");
    assertEquals("poller-N", subclass.get("name").asText(), subclass.toString());
    assertEquals("subclass", subclass.get("startedBy").get("how").asText(), subclass.toString());
    assertEquals(ThreadsPerCall.Poller.class.getName(), subclass.get("startedBy").get("class").asText(), subclass.toString());
    assertTrue(subclass.get("text").asText().contains("started as " + ThreadsPerCall.Poller.class.getName()
        + " (a Thread subclass)"), subclass.toString());
    String text = text(args(ThreadsPerCall.class.getName() + "#runnable", "--no-keep"));
    List<String> leaks = text.lines().filter(l -> l.startsWith("Leak:")).toList();
    assertEquals(1, leaks.size(), text);
    assertTrue(leaks.get(0).startsWith("Leak: +1 thread per iteration, 'sleeper-N', started with "
        + ThreadsPerCall.Sleeper.class.getName() + " (a Runnable), parked in " + ThreadsPerCall.Sleeper.class.getName() + ".run("),
        leaks.get(0));
    assertTrue(text.contains("Thread count grows by 1 per iteration (leak)"), text);
    assertTrue(text.contains("Native memory (NMT Thread) grows by "), text);
  }

  /** A JDK 21 or later on this machine (the newest), for the thread containers those JDKs register. */
  private static Optional<Path> jdk21OrLater() throws IOException {
    Path jvms = Path.of(System.getProperty("leakdiff.test.jvms", "/usr/lib/jvm"));
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    Pattern version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    List<Path> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(jvms)) {
      for (Path d : dirs.toList()) {
        Path release = d.resolve("release");
        if (Files.isRegularFile(release) && Files.isExecutable(d.resolve("bin/java"))) {
          Matcher m = version.matcher(Files.readString(release));
          if (m.find() && Integer.parseInt(m.group(1)) >= 21) {
            found.add(d);
          }
        }
      }
    }
    return found.stream().max(Comparator.comparing(d -> {
      try {
        Matcher m = version.matcher(Files.readString(d.resolve("release")));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
      } catch (IOException e) {
        return 0;
      }
    }));
  }

  @Test
  void theExecutorsThreadContainersAreOneFindingWithTheirThreads() throws Exception {
    Optional<Path> jdk = jdk21OrLater();
    Assumptions.assumeTrue(jdk.isPresent(), "no JDK 21 or later in /usr/lib/jvm");
    List<String> args = args(ExecutorPerCall.class.getName(), "--java", jdk.get().toString());
    List<String> textArgs = new ArrayList<>(args);
    textArgs.add("--no-keep");
    String text = text(textArgs);
    List<String> leaks = text.lines().filter(l -> l.startsWith("Leak:")).toList();
    assertEquals(1, leaks.size(), "the registry's growth is no finding of its own: " + text);
    assertTrue(leaks.get(0).startsWith("Leak: +1 thread per iteration, 'pool-N-thread-1', started by "
        + "java.util.concurrent.ThreadPoolExecutor (thread factory java.util.concurrent.Executors$DefaultThreadFactory), parked in "),
        leaks.get(0));
    assertTrue(leaks.get(0).contains("; their executors' thread containers stay registered in static "
        + "jdk.internal.vm.ThreadContainers.CONTAINER_REGISTRY (+"), leaks.get(0));
    JsonNode run = json(args);
    JsonNode threads = RunJson.finding(run, "threadLeak");
    List<String> containers = new ArrayList<>();
    threads.get("threadContainers").forEach(c -> containers.add(c.get("class").asText()));
    assertEquals(List.of("java.util.concurrent.ConcurrentHashMap$Node"), containers, threads.toString());
    assertTrue(threads.get("bytesPerIterationWithHeld").asDouble() > 0);
    assertTrue(run.get("processGrowth").get("threads").get("suspect").asBoolean(), run.get("processGrowth").toString());
  }
}
