package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Object sizes on JDK 6-14, whose HotSpot laid each class's fields out in a block of its own: the old dumps of
 * Eclipse MAT's tests in ../shared/dumps (each test skipped where a file it reads is missing). The JDK 6 32-bit dump comes
 * with its JVM's histogram: at most one class may differ in its size per instance (java.lang.Class, which the
 * JVM sizes with what the dump does not show). The JDK 8 dump has none: the addresses are the oracle.
 */
class OldJdkSizesTest {
  private static final Pattern EVIDENCE = Pattern.compile("object layout (\\S+) \\(inferred: ([0-9,]+) of ([0-9,]+) sampled");

  private static Map<String, long[]> histo(Path dump) throws Exception {
    ScenarioDumps.Result r = ScenarioDumps.run("histo", "--top=0", "--format=json", dump.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, long[]> out = new HashMap<>();
    for (JsonNode c : new ObjectMapper().readTree(r.out()).get("classes")) {
      out.put(c.get("name").asText(), new long[] {c.get("instances").asLong(), c.get("bytes").asLong()});
    }
    return out;
  }

  private static Matcher evidence(Path dump) {
    ScenarioDumps.Result r = ScenarioDumps.run("histo", "--top=1", dump.toString());
    assertEquals(0, r.code(), r.err());
    Matcher m = EVIDENCE.matcher(r.out());
    assertTrue(m.find(), r.out());
    return m;
  }

  @Test
  void jdk6SizesEqualTheJvmHistogram() throws Exception {
    Path dump = SharedDumps.require("sun_jdk6_18_x32.hprof");
    Path jvmHistogram = SharedDumps.require("histogram_sun_jdk6_18_x32.txt");
    Map<String, long[]> mine = histo(dump);
    List<String> differ = new ArrayList<>();
    int compared = 0;
    for (String line : Files.readAllLines(jvmHistogram)) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 3 || !f[0].matches("\\d+") || f[2].startsWith("<") || f[2].startsWith("[")) {
        continue; // arrays: their sizes per instance follow their lengths, which differ between the two moments
      }
      long[] m = mine.get(f[2]);
      if (m == null || m[0] == 0) {
        continue;
      }
      compared++;
      double theirs = Double.parseDouble(f[1]) / Long.parseLong(f[0]);
      double ours = (double) m[1] / m[0];
      if (Math.abs(theirs - ours) > 1e-9) {
        differ.add(f[2] + " " + theirs + " against " + ours);
      }
    }
    assertTrue(compared > 100, "classes compared: " + compared);
    assertTrue(differ.size() <= 1, differ.toString());
    assertEquals("32-bit-jdk6-14", evidence(dump).group(1));
  }

  @Test
  void jdk8EvidenceFitsNearlyEveryObject() throws Exception {
    Path dump = SharedDumps.require("oracle_jdk8_05_x64.hprof");
    Matcher m = evidence(dump);
    assertEquals("compressed-oops-jdk6-14", m.group(1));
    long exact = Long.parseLong(m.group(2).replace(",", ""));
    long pairs = Long.parseLong(m.group(3).replace(",", ""));
    assertTrue(exact >= 0.99 * pairs, exact + " of " + pairs);
    Map<String, long[]> mine = histo(dump);
    // JDK 8, compressed oops: ArrayList 24 (JDK 15+ would give 24 too), HashMap 48, String 24, Hashtable 48
    for (Map.Entry<String, Integer> e : Map.of("java.util.ArrayList", 24, "java.util.HashMap", 48, "java.lang.String", 24,
        "java.util.Hashtable", 48).entrySet()) {
      long[] c = mine.get(e.getKey());
      if (c != null && c[0] > 0) {
        assertEquals((long) e.getValue(), c[1] / c[0], e.getKey());
      }
    }
  }
}
