package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakdiff.cli.scenarios.DriverLoaderLeak;
import dev.leakdiff.cli.scenarios.EqualKeys;
import dev.leakdiff.cli.scenarios.ExecutorPerCall;
import dev.leakdiff.cli.scenarios.NettyPooledBuffers;
import dev.leakdiff.cli.scenarios.ThreadLocalInPool;
import dev.leakdiff.cli.scenarios.WeakSoftMemo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * leakdiff run on leaks written the way applications write them, with the JDK's and real libraries' classes,
 * each in text and JSON: the verdicts, and the route of the chain that explains the leak.
 */
class RealisticLeaksTest {
  private static String testClasses() throws Exception {
    return Path.of(DriverLoaderLeak.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** The H2 jar of the test classpath: a real JDBC driver from Maven Central. */
  private static String h2Jar() throws Exception {
    return Path.of(Class.forName("org.h2.Driver").getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static String jarOf(String className) throws Exception {
    return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private record Both(String text, JsonNode json) {
    JsonNode holder(String className) {
      for (JsonNode h : json.get("holders")) {
        if (h.get("class").asText().equals(className)) {
          return h;
        }
      }
      return null;
    }

    List<String> suspects() {
      List<String> out = new ArrayList<>();
      json.get("comparison").get("suspects").forEach(s -> out.add(s.asText()));
      return out;
    }

    String lastLines() {
      return text.substring(text.lastIndexOf("The dumps were deleted"));
    }
  }

  private static Both run(Class<?> scenario, String... more) throws Exception {
    return run(scenario.getName(), more);
  }

  private static Both run(String scenario, String... more) throws Exception {
    // "-cp CP" first in more replaces the test classes as the scenario's class path
    boolean cp = more.length >= 2 && more[0].equals("-cp");
    List<String> args = new ArrayList<>(List.of("run", "-cp", cp ? more[1] : testClasses(), "--scenario", scenario, "--no-keep"));
    args.addAll(List.of(more).subList(cp ? 2 : 0, more.length));
    ScenarioDumps.Result text = ScenarioDumps.run(args.toArray(new String[0]));
    assertEquals(0, text.code(), text.err());
    args.addAll(List.of("--format", "json"));
    ScenarioDumps.Result json = ScenarioDumps.run(args.toArray(new String[0]));
    assertEquals(0, json.code(), json.err());
    for (String out : List.of(text.out(), json.out())) {
      assertFalse(out.contains("RMI") || out.contains("JMX") || out.contains("javax.management"), "leakdiff's own traces: " + out);
    }
    return new Both(text.out(), new ObjectMapper().readTree(json.out()));
  }

  @Test
  void aClassLoaderPinnedByDriverManager() throws Exception {
    Both r = run(DriverLoaderLeak.class, "--jvm-arg=-Dh2.jar=" + h2Jar());
    String route = "static java.sql.DriverManager.registeredDrivers -> java.util.concurrent.CopyOnWriteArrayList[*]";
    String loaderRoute = route + " -> java.sql.DriverInfo.driver -> org.h2.Driver.<class> -> class org.h2.Driver <classloader>";
    assertTrue(r.lastLines().contains("Leak: java.sql.DriverInfo grows by 1 per iteration"), r.text());
    assertTrue(r.lastLines().contains("a class-loader leak: +1 java.net.URLClassLoader per iteration with their classes"
        + " (org.h2.Driver, org.h2.JdbcDriverBackwardsCompat), held by " + loaderRoute), r.text());
    assertTrue(r.text().contains("Class loader growth: org.h2.Driver is loaded by more and more class loaders"), r.text());

    List<JsonNode> roots = RunJson.findings(r.json(), "leak");
    assertEquals(1, roots.size(), roots.toString());
    assertEquals("java.sql.DriverInfo", roots.get(0).get("class").asText());
    assertEquals(route, RunJson.route(roots.get(0).get("route")));
    List<String> held = new ArrayList<>();
    roots.get(0).get("holds").forEach(h -> held.add(h.get("class").asText()));
    assertTrue(held.containsAll(List.of("java.net.URLClassLoader", "java.lang.Class")), held.toString());
    JsonNode loaderLeak = roots.get(0).get("loaderLeaks").get(0);
    assertEquals("java.net.URLClassLoader", loaderLeak.get("loaderClass").asText(), loaderLeak.toString());
    assertEquals(loaderRoute, RunJson.route(loaderLeak.get("route")));
    JsonNode loader = r.holder("java.net.URLClassLoader");
    assertNotNull(loader, r.json().get("holders").toString());
    assertEquals(0, loader.get("unreachable").asLong(), "a live dump holds no unreachable loader");
    assertEquals("java.sql.DriverInfo", loader.get("heldThrough").asText());
    assertEquals(90, loader.get("groups").get(0).get("growth").asLong());
  }

  @Test
  void anExecutorPerCallIsOneRouteOfThreads() throws Exception {
    Both r = run(ExecutorPerCall.class);
    assertTrue(r.suspects().contains("java.lang.Thread"), r.suspects().toString());
    JsonNode thread = r.holder("java.lang.Thread");
    JsonNode top = thread.get("groups").get(0);
    assertEquals("thread 'pool-N-thread-1'", RunJson.route(top.get("chain")).split(" -> ")[0], top.toString());
    assertEquals("thread", top.get("chain").get(0).get("kind").asText(), top.toString());
    assertEquals(10, top.get("previousCount").asLong());
    assertEquals(90, top.get("growth").asLong());
    assertTrue(r.text().contains("Thread count grows by 1 per iteration (leak)"), r.text());
    // one finding: the threads, which code started them, where they wait, and what they hold
    // (JDK 21 and later also keep each executor's thread container in a registry: OutsideHeapTest folds it in)
    List<String> leaks = r.lastLines().lines().filter(l -> l.startsWith("Leak:")).toList();
    assertEquals(1, leaks.stream().filter(l -> l.contains("pool-N-thread-1")).count(), r.lastLines());
    assertTrue(leaks.get(0).startsWith("Leak: +1 thread per iteration, 'pool-N-thread-1', started by "
        + "java.util.concurrent.ThreadPoolExecutor (thread factory java.util.concurrent.Executors$DefaultThreadFactory), parked in "
        + "java.util.concurrent.ThreadPoolExecutor.getTask("), leaks.get(0));
    assertTrue(leaks.get(0).contains("holding ") && leaks.get(0).contains("java.util.concurrent.ThreadPoolExecutor"), leaks.get(0));
    JsonNode threads = RunJson.finding(r.json(), "threadLeak");
    assertEquals("pool-N-thread-1", threads.get("name").asText(), threads.toString());
    assertEquals("executor", threads.get("startedBy").get("how").asText(), threads.toString());
    assertEquals("java.util.concurrent.ThreadPoolExecutor", threads.get("startedBy").get("class").asText(), threads.toString());
    assertEquals("java.util.concurrent.Executors$DefaultThreadFactory", threads.get("startedBy").get("threadFactory").asText());
    assertEquals("java.util.concurrent.ThreadPoolExecutor", threads.get("parkedIn").get("class").asText(), threads.toString());
    assertEquals("getTask", threads.get("parkedIn").get("method").asText(), threads.toString());
  }

  @Test
  void aWeakAndSoftMemoIsNoLeak() throws Exception {
    Both r = run(WeakSoftMemo.class);
    assertEquals(List.of(), r.suspects());
    assertTrue(r.lastLines().contains("No leak: no class grows in proportion to the iterations."), r.text());
    List<String> clearable = new ArrayList<>();
    RunJson.findings(r.json(), "clearableCache").forEach(c -> clearable.add(c.get("class").asText()));
    assertTrue(clearable.containsAll(List.of(WeakSoftMemo.Answer.class.getName(), "java.util.WeakHashMap$Entry",
        "java.lang.ref.SoftReference")), clearable.toString());
    assertTrue(r.text().contains("Not a leak: " + WeakSoftMemo.Answer.class.getName() + " grows by"), r.text());
  }

  @Test
  void aThreadLocalInAPool() throws Exception {
    Both r = run(ThreadLocalInPool.class);
    String record = ThreadLocalInPool.AuditRecord.class.getName();
    assertTrue(r.suspects().contains(record), r.suspects().toString());
    List<JsonNode> roots = RunJson.findings(r.json(), "leak");
    assertEquals(record, roots.get(0).get("class").asText(), roots.toString());
    String route = RunJson.route(roots.get(0).get("route"));
    // the chain names the ThreadLocal: the static field that holds the entry's key
    assertEquals("thread 'audit-worker' -> java.lang.Thread.threadLocals -> java.lang.ThreadLocal$ThreadLocalMap[value of static "
        + ThreadLocalInPool.class.getName() + ".AUDIT] -> java.util.ArrayList[*]", route);
    assertTrue(r.lastLines().contains("Leak: " + record + " grows by 1 per iteration"), r.lastLines());
  }

  @Test
  void superlinearGrowthIsNamed() throws Exception {
    String history = dev.leakdiff.cli.scenarios.GrowingHistory.class.getName();
    Both save = run(history + "#save");
    assertTrue(save.lastLines().contains("Leak: long[] grows by 1 per iteration, and its bytes faster and faster, from "),
        save.lastLines());
    JsonNode longs = RunJson.findings(save.json(), "leak").stream().filter(f -> f.get("class").asText().equals("long[]"))
        .findFirst().orElseThrow();
    assertTrue(longs.get("growth").get("bytesNow").asDouble() > 2 * longs.get("growth").get("bytesBefore").asDouble(), longs.toString());
    assertTrue(longs.get("text").asText().startsWith("Leak: long[] grows by 1 per iteration, and its bytes faster and faster"),
        longs.toString());
    Both audit = run(history + "#audit");
    String entry = dev.leakdiff.cli.scenarios.GrowingHistory.Entry.class.getName();
    assertTrue(audit.lastLines().contains("Leak: " + entry + " grows faster and faster, from 6 to 55.50 objects per iteration"),
        audit.lastLines());
    assertEquals("superlinear", audit.holder(entry).get("verdict").asText());
  }

  @Test
  void pooledDirectBuffersShowTheirNativeMemory() throws Exception {
    String cp = testClasses() + java.io.File.pathSeparator + jarOf("io.netty.buffer.ByteBuf") + java.io.File.pathSeparator
        + jarOf("io.netty.util.ReferenceCounted");
    Both r = run(NettyPooledBuffers.class.getName(), "-cp", cp);
    String buf = "io.netty.buffer.PooledUnsafeDirectByteBuf";
    assertTrue(r.suspects().contains(buf), r.suspects().toString());
    // each buffer took 256 KiB of a chunk: that is the growth, not the chunks' 4 MiB nor the small heap object
    JsonNode holder = r.holder(buf);
    assertEquals(256 * 1024, holder.get("directBytesPerIteration").asDouble(), 1, holder.toString());
    // (a new 4 MiB chunk every 16 buffers makes its bookkeeping grow in steps: the run may add a stage, to 200)
    assertEquals(holder.get("instances").asLong() * 256 * 1024, holder.get("directBytes").asLong(), holder.toString());
    JsonNode root = RunJson.findings(r.json(), "leak").get(0);
    assertEquals(buf, root.get("class").asText(), root.toString());
    assertEquals(256 * 1024, root.get("directBytesPerIterationWithHeld").asDouble(), 1, root.toString());
    String leak = r.lastLines().lines().filter(l -> l.startsWith("Leak: " + buf)).findFirst().orElseThrow();
    assertTrue(leak.contains("and +256.0 KiB of direct memory per iteration), held by static " + NettyPooledBuffers.class.getName()
        + ".PENDING"), leak);
    assertTrue(r.json().get("findings").get(0).get("text").asText().startsWith("Leak: " + buf), r.json().get("findings").toString());
    assertTrue(r.text().contains("+256.0 KiB direct"), r.text());
    assertTrue(r.text().contains("Outside the heap, the leak suspects hold +256.0 KiB of direct memory per iteration (" + buf
        + " +256.0 KiB direct); RSS grows by "), r.text());
  }

  @Test
  void keysEqualByValueAreNamedAlike() throws Exception {
    Both r = run(EqualKeys.class);
    String key = EqualKeys.Key.class.getName();
    assertTrue(r.suspects().contains(key), r.suspects().toString());
    assertEquals(100, r.holder(key).get("alikeInstances").asLong(), r.holder(key).toString());
    String leak = r.lastLines().lines().filter(l -> l.startsWith("Leak: ")).findFirst().orElseThrow();
    assertTrue(leak.contains("held by static " + EqualKeys.class.getName() + ".SEEN"), leak);
    assertTrue(leak.contains("; 100 of 100 " + key + " instances have identical field values (kept apart in a hash map or set: does "
        + key + " define equals and hashCode?)"), leak);
    assertFalse(r.text().contains("alice") || r.json().toString().contains("alice"), "a field's value was printed");
    // instances that differ are not called alike: the audit entries each hold their own number
    Both audit = run(dev.leakdiff.cli.scenarios.GrowingHistory.class.getName() + "#audit");
    assertFalse(audit.text().contains("identical field values"), audit.lastLines());
  }

  @Test
  void growthInTheLastStageAloneGetsOneStageMore() throws Exception {
    String late = dev.leakdiff.cli.scenarios.LateGrowth.class.getName();
    String slot = dev.leakdiff.cli.scenarios.LateGrowth.Slot.class.getName();
    // a one-time step between the dumps after 10 and 100 calls: one more stage shows it stopped
    Both step = run(late + "#step");
    assertEquals("[0,1,10,100,200]", step.json().get("iterations").toString());
    assertEquals(List.of(), step.suspects());
    assertEquals("init", series(step, slot).get("verdict").asText());
    assertTrue(step.text().startsWith("leakdiff run: " + late + "#step, dumps after 0, 1, 10, 100, 200 iterations (warm-up 0; the"
        + " last stage added"), step.text());
    assertTrue(step.lastLines().contains("No leak: "), step.lastLines());
    // a leak that begins after the tenth call: one more stage shows it goes on
    Both leak = run(late + "#lateLeak");
    assertEquals("[0,1,10,100,200]", leak.json().get("iterations").toString());
    assertTrue(leak.suspects().contains(slot), leak.suspects().toString());
    assertTrue(leak.lastLines().contains("Leak: " + slot + " grows by 0.95 per iteration"), leak.lastLines()); // 190 in 199
    // with the stages given, and no class late, nothing is added
    Both plain = run(dev.leakdiff.cli.scenarios.GrowingHistory.class.getName() + "#save");
    assertEquals("[0,1,10,100]", plain.json().get("iterations").toString());
  }

  private static JsonNode series(Both r, String className) {
    for (JsonNode c : r.json().get("comparison").get("classes")) {
      if (c.get("name").asText().equals(className)) {
        return c;
      }
    }
    throw new AssertionError(className + " is not in the comparison");
  }
}
