package dev.leakdiff.cli;

import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.PathGroups;
import dev.leakdiff.graph.ShortestPaths;
import dev.leakdiff.graph.SuspectHolders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** leakdiff paths on a real dump whose holders are known: the exact chains. */
class PathsTest {
  private static final String LOADER = "(class loaded by *)";

  private static JsonNode paths(String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of("paths", "--format=json"));
    a.addAll(List.of(args));
    a.add(ScenarioDumps.holders().toString());
    ScenarioDumps.Result r = ScenarioDumps.run(a.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  /** The chain of the one group, as "reference -> class" lines, the class loader's name left out. */
  private static List<String> onlyChain(JsonNode report) {
    assertEquals(1, report.get("groups").size(), report.toPrettyString());
    return chain(report.get("groups").get(0));
  }

  private static List<String> chain(JsonNode group) {
    List<String> lines = new ArrayList<>();
    for (JsonNode hop : group.get("chain")) {
      String ref = hop.get("reference").asText().replaceAll("\\(class loaded by [^)]*\\)", LOADER);
      lines.add(ref + " -> " + hop.get("class").asText());
    }
    return lines;
  }

  @Test
  void staticCollection() throws Exception {
    JsonNode r = paths("--type", "HeldByStatic");
    assertEquals(3, r.get("groups").get(0).get("count").asLong());
    assertEquals(List.of(
        "static Holders.STATIC_LIST " + LOADER + " -> java.util.ArrayList",
        "java.util.ArrayList[*] -> Holders$HeldByStatic"), onlyChain(r));
    assertEquals(3, r.get("groups").get(0).get("minDepth").asInt()); // STATIC_LIST, elementData, [i]
    assertEquals(3, r.get("groups").get(0).get("maxDepth").asInt());
  }

  @Test
  void staticCollectionRaw() throws Exception {
    assertEquals(List.of(
        "static Holders.STATIC_LIST " + LOADER + " -> java.util.ArrayList",
        "java.util.ArrayList.elementData -> java.lang.Object[]",
        "java.lang.Object[][*] -> Holders$HeldByStatic"), onlyChain(paths("--type", "HeldByStatic", "--raw")));
  }

  @Test
  void threadLocalOfALiveThread() throws Exception {
    JsonNode r = paths("--type", "HeldByThreadLocal");
    assertEquals(List.of(
        "thread 'holder-thread' -> java.lang.Thread",
        "java.lang.Thread.threadLocals -> java.lang.ThreadLocal$ThreadLocalMap",
        "java.lang.ThreadLocal$ThreadLocalMap[value of static Holders.LOCAL] -> Holders$HeldByThreadLocal"), onlyChain(r));
    assertEquals("threadObject", r.get("groups").get(0).get("root").asText());
  }

  @Test
  void listenerList() throws Exception {
    assertEquals(List.of(
        "static Holders.BUS " + LOADER + " -> Holders$EventBus",
        "Holders$EventBus.listeners -> java.util.concurrent.CopyOnWriteArrayList",
        "java.util.concurrent.CopyOnWriteArrayList[*] -> Holders$Listener"), onlyChain(paths("--type", "Listener")));
  }

  @Test
  void anonymousInnerClassCapturingThis() throws Exception {
    assertEquals(List.of(
        "static Holders.TASKS " + LOADER + " -> java.util.ArrayList",
        "java.util.ArrayList[*] -> Holders$Owner$1",
        "Holders$Owner$1.this$0 -> Holders$Owner"), onlyChain(paths("--type", "Holders$Owner", "--exact")));
  }

  @Test
  void cycle() throws Exception {
    assertEquals(List.of(
        "static Holders.CYCLE " + LOADER + " -> Holders$CycleA",
        "Holders$CycleA.partner -> Holders$CycleB"), onlyChain(paths("--type", "CycleB")));
    assertEquals(List.of("static Holders.CYCLE " + LOADER + " -> Holders$CycleA"), onlyChain(paths("--type", "CycleA")));
  }

  @Test
  void heldOnlyByAWeakReference() throws Exception {
    JsonNode r = paths("--type", "WeaklyHeld");
    assertEquals(1, r.get("instances").asLong());
    assertEquals(1, r.get("weakOnly").asLong());
    assertEquals(0, r.get("groups").size());
    assertEquals(List.of(
        "static Holders.WEAK " + LOADER + " -> java.lang.ref.WeakReference",
        "java.lang.ref.WeakReference.referent -> Holders$WeaklyHeld"), onlyChain(paths("--type", "WeaklyHeld", "--include-weak")));
  }

  @Test
  void theShorterOfTwoChainsWins() throws Exception {
    assertEquals(List.of("static Holders.SHORT_WAY " + LOADER + " -> Holders$TwoWays"), onlyChain(paths("--type", "TwoWays")));
  }

  @Test
  void hashMapKeyAndValue() throws Exception {
    assertEquals(List.of(
        "static Holders.MAP " + LOADER + " -> java.util.HashMap",
        "java.util.HashMap[key] -> Holders$MapKey"), onlyChain(paths("--type", "MapKey")));
    assertEquals(List.of(
        "static Holders.MAP " + LOADER + " -> java.util.HashMap",
        "java.util.HashMap[value] -> Holders$MapValue"), onlyChain(paths("--type", "MapValue")));
  }

  @Test
  void unreachableObjectsAreCountedNotHeld() throws Exception {
    JsonNode r = paths("--type", "Unreachable");
    assertEquals(1, r.get("unreachable").asLong());
    assertEquals(0, r.get("groups").size());
  }

  @Test
  void aSimpleNameMatchingSeveralClassesSaysSo() {
    ScenarioDumps.Result r = ScenarioDumps.run("paths", "--type", "Entry", ScenarioDumps.holders().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("'Entry' matches"), r.err());
  }

  @Test
  void noMatchListsTheClosestNames() {
    ScenarioDumps.Result r = ScenarioDumps.run("paths", "--type", "HeldByStatik", ScenarioDumps.holders().toString());
    assertEquals(ExitCode.USAGE.code, r.code());
    assertTrue(r.err().contains("no class matches 'HeldByStatik'") && r.err().contains("Holders$HeldByStatic (3 instances)"),
        r.err());
  }

  @Test
  void arrayTypes() throws Exception {
    // the program never makes a HeldByStatic[], so its class is not in the dump
    ScenarioDumps.Result none = ScenarioDumps.run("paths", "--type", "Holders$HeldByStatic[]", ScenarioDumps.holders().toString());
    assertEquals(ExitCode.USAGE.code, none.code());
    assertTrue(none.err().contains("the closest: Holders$HeldByStatic (3 instances)"), none.err());
    JsonNode objects = paths("--type", "java.lang.Object[]", "--exact", "--limit=1000");
    assertTrue(objects.get("instances").asLong() > 10);
    assertTrue(objects.get("matchedClasses").toString().equals("[\"java.lang.Object[]\"]"), objects.get("matchedClasses").toString());
  }

  @Test
  void subclassesAndGlobs() throws Exception {
    JsonNode r = paths("--type", "Holders$Cycle*");
    assertEquals(2, r.get("matchedClasses").size());
    assertEquals(2, r.get("instances").asLong());
  }

  @Test
  void longChainsAreElidedInTheMiddleVisibly() {
    ScenarioDumps.Result r = ScenarioDumps.run("paths", "--type", "Listener", "--max-depth", "2", ScenarioDumps.holders().toString());
    List<String> lines = r.out().lines().filter(l -> l.startsWith("    ")).toList();
    assertEquals(3, lines.size(), r.out());
    assertTrue(lines.get(0).contains("static Holders.BUS"), r.out());
    assertEquals("    ... 1 more hops ...", lines.get(1));
    assertTrue(lines.get(2).endsWith("-> Holders$Listener"), r.out());
  }

  @Test
  void textAndDot() {
    Path dump = ScenarioDumps.holders();
    ScenarioDumps.Result text = ScenarioDumps.run("paths", "--type", "MapValue", dump.toString());
    assertTrue(text.out().contains("#1  3 instances, 48 B, root: class, 4 hops"), text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s+java\\.util\\.HashMap\\[value]\\s+-> Holders\\$MapValue")), text.out());
    ScenarioDumps.Result dot = ScenarioDumps.run("paths", "--type", "MapValue", "--format=dot", dump.toString());
    assertTrue(dot.out().startsWith("digraph paths {") && dot.out().contains("-> n1 [label=\"java.util.HashMap[value]\"]"), dot.out());
  }

  /**
   * run gathers the chains of every suspect class in one walk over the objects: each class's result equals
   * its chains gathered alone, and the thread names are read once, and only when a chain starts at a thread.
   */
  @Test
  void chainsOfSeveralClassesInOneWalkEqualEachAlone() throws Exception {
    Path dump = ScenarioDumps.holders();
    dev.leakdiff.graph.HeapGraph g = dev.leakdiff.source.Dumps.graph(dump, dev.leakdiff.hprof.DumpSelection.last(),
        classes -> c -> true, new dev.leakdiff.hprof.Progress());
    dev.leakdiff.graph.ShortestPaths paths = dev.leakdiff.graph.ShortestPaths.compute(g, false, true);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < g.classes().size(); c++) {
      String n = g.classes().get(c).name();
      if (n.startsWith("Holders$") && !names.contains(n)) {
        names.add(n);
      }
    }
    names.add("java.lang.String");
    assertTrue(names.size() >= 12, names.toString());
    int[] asked = {0};
    java.util.Map<String, dev.leakdiff.graph.PathGroups.Result> together = dev.leakdiff.graph.SuspectHolders.chains(g, paths,
        names, dev.leakdiff.graph.PathGroups.Options.DEFAULT, () -> {
          asked[0]++;
          try {
            return dev.leakdiff.graph.ThreadNames.read(g);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    assertEquals(1, asked[0], "thread names read once for all classes");
    assertEquals(names, new ArrayList<>(together.keySet()));
    boolean threadNamed = false;
    for (String n : names) {
      boolean[] t = new boolean[g.classes().size()];
      for (int c = 0; c < t.length; c++) {
        t[c] = g.classes().get(c).name().equals(n);
      }
      int[] askedAlone = {0};
      dev.leakdiff.graph.PathGroups.Result alone = dev.leakdiff.graph.PathGroups.compute(g, paths, t, dev.leakdiff.graph.PathGroups.Options.DEFAULT, () -> {
        askedAlone[0]++;
        try {
          return dev.leakdiff.graph.ThreadNames.read(g);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertEquals(alone, together.get(n), n);
      boolean fromThread = alone.groups().stream().anyMatch(gr -> gr.root().thread);
      assertEquals(fromThread ? 1 : 0, askedAlone[0], n + ": thread names read only for chains from a thread");
      threadNamed |= alone.groups().stream().anyMatch(gr -> gr.route().root().thread() != null
          && "holder-thread".equals(gr.route().root().thread().name()));
    }
    assertTrue(threadNamed, "some chain starts at the thread named holder-thread");
  }
}
