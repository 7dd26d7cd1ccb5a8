package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakdiff.hprof.testing.HprofWriter;
import dev.leakdiff.hprof.testing.HprofWriter.Field;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file holding several dumps: said on stderr, the last used by default, FILE#N picks one, compare FILE walks them. */
class SeveralDumpsTest {
  @TempDir
  Path tmp;

  /** Three dumps of one process (as the hprof agent wrote them): 10, 100, 1000 instances of a leaking class. */
  private Path threeDumps() {
    HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.1", 8);
    long leak = w.className(0x20, "com/acme/Leak");
    long cache = w.className(0x30, "com/acme/Cache");
    int[] leaks = {10, 100, 1000};
    for (int d = 0; d < 3; d++) {
      w.heapDump()
          .classDump(leak, 0, 0, 0, new Field[0], new Field[0])
          .classDump(cache, 0, 0, 0, new Field[0], new Field[0]);
      for (int i = 0; i < leaks[d]; i++) {
        w.instance(0x10000 + 16L * i, leak, new byte[0]);
      }
      for (int i = 0; i < 50; i++) {
        w.instance(0x90000 + 16L * i, cache, new byte[0]);
      }
      w.endHeap();
    }
    return w.writeTo(tmp.resolve("agent.hprof"));
  }

  private static long instances(String json, String cls) throws Exception {
    for (JsonNode c : new ObjectMapper().readTree(json).get("classes")) {
      if (c.get("name").asText().equals(cls)) {
        return c.get("instances").asLong();
      }
    }
    return -1;
  }

  @Test
  void histoUsesTheLastDumpAndSaysSo() throws Exception {
    Path f = threeDumps();
    ScenarioDumps.Result r = ScenarioDumps.run("histo", "--format=json", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains(f + " holds 3 heap dumps; using the last (#2)"), r.err());
    assertEquals(1000, instances(r.out(), "com.acme.Leak"));
  }

  @Test
  void hashNPicksADump() throws Exception {
    Path f = threeDumps();
    ScenarioDumps.Result r = ScenarioDumps.run("histo", "--format=json", f + "#0");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertEquals(10, instances(r.out(), "com.acme.Leak"));
    assertEquals(2, ScenarioDumps.run("histo", f + "#3").code());
  }

  @Test
  void compareOneFileComparesItsDumpsInOrder() throws Exception {
    Path f = threeDumps();
    ScenarioDumps.Result r = ScenarioDumps.run("compare", "--iterations", "1,10,100", "--format=json", f.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals(f + "#0", report.get("dumps").get(0).get("label").asText());
    assertEquals("[\"com.acme.Leak\"]", report.get("suspects").toString());
  }

  @Test
  void aNameLoadedByMoreAndMoreLoadersIsReported() throws Exception {
    HprofWriter w = new HprofWriter(8);
    for (int d = 1; d <= 3; d++) {
      w.heapDump();
      for (int loader = 0; loader < d * d; loader++) {
        long cls = 0x1000 + 0x10L * loader;
        if (d == 1 || loader >= (d - 1) * (d - 1)) {
          w.className(cls, "com/acme/Plugin");
        }
        w.classDump(cls, 0, 0x9000 + loader, 0, new Field[0], new Field[0]).instance(0x50000 + 16L * loader, cls, new byte[0]);
      }
      w.endHeap();
    }
    Path f = w.writeTo(tmp.resolve("redeploys.hprof"));
    ScenarioDumps.Result r = ScenarioDumps.run("compare", "--iterations", "1,2,3", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Class loader growth: com.acme.Plugin is loaded by more and more class loaders (classes: 1 -> 4 -> 9)"),
        r.out());
    JsonNode json = new ObjectMapper().readTree(ScenarioDumps.run("compare", "--format=json", f.toString()).out());
    for (JsonNode c : json.get("classes")) {
      if (c.get("name").asText().equals("com.acme.Plugin")) {
        assertEquals("[1,4,9]", c.get("classCounts").toString());
        assertTrue(c.get("loaderGrowth").asBoolean());
      }
    }
  }

  @Test
  void compareNeedsTwoDumps() {
    HprofWriter w = new HprofWriter(8);
    w.heapDumpSegment().endHeap().heapDumpEnd();
    Path one = w.writeTo(tmp.resolve("one.hprof"));
    ScenarioDumps.Result r = ScenarioDumps.run("compare", one.toString());
    assertEquals(ExitCode.USAGE.code, r.code());
    assertTrue(r.err().contains("holds one heap dump; compare needs two or more"), r.err());
  }
}
