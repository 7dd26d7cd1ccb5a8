package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps of two runs of the same program (two JVMs) name their lambda classes alike, so that comparing a dump
 * from before a restart with one after, or two pods, matches them: OUTER$$Lambda#N, not the JVM's counter and address.
 */
class LambdaNamesTest {
  @TempDir
  Path tmp;

  private Path runOnce(String dir) {
    Path worker = Path.of("..", "testdata", "worker", "target").toAbsolutePath().normalize();
    ScenarioDumps.Result r = ScenarioDumps.run("run", "--classpath", worker.resolve("classes") + java.io.File.pathSeparator
        + worker.resolve("lib") + "/*", "--scenario", DemoCommand.SCENARIO, "--iterations", "0,1", "--dir",
        tmp.resolve(dir).toString());
    assertEquals(0, r.code(), r.err());
    return tmp.resolve(dir).resolve("iter-1.hprof");
  }

  @Test
  void lambdaClassesMatchAcrossTwoJvms() throws Exception {
    Path a = runOnce("a");
    Path b = runOnce("b");
    ScenarioDumps.Result r = ScenarioDumps.run("compare", "--all", "--format", "json", a.toString(), b.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode classes = new ObjectMapper().readTree(r.out()).get("classes");
    List<String> lambdas = new ArrayList<>();
    List<String> inOneOnly = new ArrayList<>();
    for (JsonNode c : classes) {
      String name = c.get("name").asText();
      if (name.contains("$$Lambda")) {
        lambdas.add(name);
        assertFalse(name.contains("0x"), name);
        if (c.get("classCounts").get(0).asInt() != c.get("classCounts").get(1).asInt()) {
          inOneOnly.add(name + " " + c.get("classCounts"));
        }
      }
    }
    assertTrue(lambdas.contains("dev.leakdiff.demo.IndexWorker$$Lambda#1"), lambdas.toString());
    assertEquals(List.of(), inOneOnly, "lambda classes in one JVM's dump only");
  }

  @Test
  void textNamesMatchAndTheJvmNamesStayAvailable() throws Exception {
    Path a = runOnce("a");
    Path b = runOnce("b");
    ScenarioDumps.Result r = ScenarioDumps.run("compare", "--all", a.toString(), b.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lambdaRows = r.out().lines().filter(l -> l.contains("$$Lambda")).toList();
    assertTrue(lambdaRows.stream().anyMatch(l -> l.endsWith("dev.leakdiff.demo.IndexWorker$$Lambda#1")), r.out());
    assertTrue(lambdaRows.stream().noneMatch(l -> l.contains("0x")), lambdaRows.toString());
    // --jvm-names shows the JVM's own names: a counter and an address (which may differ in the next JVM)
    ScenarioDumps.Result ha = ScenarioDumps.run("histo", "--top", "0", "--jvm-names", a.toString());
    ScenarioDumps.Result hb = ScenarioDumps.run("histo", "--top", "0", "--jvm-names", b.toString());
    assertEquals(0, ha.code(), ha.err());
    java.util.regex.Pattern jvmName = java.util.regex.Pattern.compile("dev\\.leakdiff\\.demo\\.IndexWorker\\$\\$Lambda\\$\\d+[+/]0x[0-9a-f]+");
    List<String> namesA = names(jvmName, ha.out());
    List<String> namesB = names(jvmName, hb.out());
    assertFalse(namesA.isEmpty(), ha.out());
    assertEquals(namesA.size(), namesB.size(), namesA + " " + namesB);
    assertFalse(ScenarioDumps.run("histo", "--all", a.toString()).out().contains("$$Lambda$"));
  }

  private static List<String> names(java.util.regex.Pattern p, String text) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
