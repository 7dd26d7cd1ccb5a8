package dev.leakdiff.hunt.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.diff.TrendRule;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.diff.VerdictRule;
import dev.leakdiff.hunt.capture.Jvms;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of a watch that need no other JVM: what it reads from the JVM's texts and files, and how it judges. */
class WatchPartsTest {
  @Test
  void theClassHistogramIsReadUnderTheDumpReadersNames() {
    String text = """
        12345:
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         13174         802496  [B (java.base@17.0.15)
           2:          2013         172624  [Ljava.lang.Object; (java.base@17.0.15)
           3:            10            240  com.acme.Foo
           4:             5            120  com.acme.Foo
        Total         15202         975600
        """;
    Map<String, Sample.Counts> h = ClassHistogramText.parse(text);
    assertEquals(new Sample.Counts(13174, 802496), h.get("byte[]"));
    assertEquals(new Sample.Counts(2013, 172624), h.get("java.lang.Object[]"));
    assertEquals(new Sample.Counts(15, 360), h.get("com.acme.Foo"), "two loaders' classes of one name are summed");
    assertEquals(3, h.size(), "the total is no class");
  }

  /** This JVM's own performance counters, from its hsperfdata file: its GC pauses grow with a System.gc(). */
  @Test
  void theGcPauseAndTheLoadedClassesAreReadFromTheTargetsOwnCounters() {
    long pid = ProcessHandle.current().pid();
    String user = System.getProperty("user.name");
    PerfCounters before = PerfCounters.read(pid, user, Jvms.tempDirectories());
    System.gc();
    PerfCounters after = PerfCounters.read(pid, user, Jvms.tempDirectories());
    assertNotNull(before.gcPauseMillis(), "the test JVM keeps its counters");
    assertTrue(after.gcPauseMillis() > before.gcPauseMillis(), before.gcPauseMillis() + " then " + after.gcPauseMillis());
    long loaded = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    assertTrue(Math.abs(after.loadedClasses() - loaded) < 50, after.loadedClasses() + " against the bean's " + loaded);
    assertNull(PerfCounters.read(pid, "no-such-user", Jvms.tempDirectories()).gcPauseMillis());
  }

  @Test
  void aPrometheusMetricIsSummedOverItsLabelsOrReadAsOneSeries() {
    String text = """
        # HELP http_requests_total Requests.
        # TYPE http_requests_total counter
        http_requests_total{path="/a",code="200"} 120
        http_requests_total{path="/b",code="200"} 30.0 1700000000000
        http_requests_total_created 1.7e9
        other 5
        """;
    assertEquals(150.0, WorkMeter.Prometheus.value(text, "http_requests_total"));
    assertEquals(30.0, WorkMeter.Prometheus.value(text, "http_requests_total{path=\"/b\",code=\"200\"}"));
    assertEquals(5.0, WorkMeter.Prometheus.value(text, "other"));
    assertNull(WorkMeter.Prometheus.value(text, "missing"));
  }

  @Test
  void aWorkCommandGivesTheFirstNumberItPrints() {
    assertEquals(1234.0, new WorkMeter.Command("echo served: 1234 requests", "request").read());
  }

  /** Verdict changes: every change of a fact; of a class, only to or from growth; a class gone from the window is stable. */
  @Test
  void verdictChangesAreToldOnceAndOnlyForGrowth() {
    TrendRule rule = new TrendRule(VerdictRule.DEFAULT, 4);
    List<Sample> samples = new ArrayList<>();
    Map<String, Verdict> classes = new HashMap<>();
    Map<Fact, Verdict> facts = new HashMap<>();
    List<Watch.Change> all = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      Map<String, Sample.Counts> h = Map.of("Leaky", new Sample.Counts(100 * i, 1600 * i), "Once",
          new Sample.Counts(i == 1 ? 10 : 500, 1000), "Flat", new Sample.Counts(7, 70));
      samples.add(new Sample(i, "2026-12-03T12:00:0" + i + "Z", i, h, 1L << 20, 50L << 20, 20L, 1000L, null, 5.0, 40));
      all.addAll(Watch.changes(Judgement.of(samples, 30, rule), classes, facts));
    }
    List<Watch.Change> leaky = all.stream().filter(c -> "Leaky".equals(c.className())).toList();
    // at 4 samples the rise is not yet significant (Sen's interval needs 6 samples of a clean line): grows, then leak
    assertEquals(List.of(Verdict.GROWS, Verdict.LEAK), leaky.stream().map(Watch.Change::to).toList(), all.toString());
    assertEquals(List.of(4, 6), leaky.stream().map(Watch.Change::sample).toList());
    assertEquals(Verdict.GROWS, leaky.get(1).from());
    assertTrue(all.stream().noneMatch(c -> "Once".equals(c.className()) || "Flat".equals(c.className())), all.toString());
    assertTrue(all.stream().anyMatch(c -> c.fact() == Fact.THREADS && c.to() == Verdict.STABLE), all.toString());
    assertEquals(1, all.stream().filter(c -> c.fact() == Fact.THREADS).count());
  }
}
