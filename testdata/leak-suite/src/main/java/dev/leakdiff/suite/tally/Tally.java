package dev.leakdiff.suite.tally;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The results table of scripts/leak-suite: reads the JSON each `leakdiff run` printed (DIR/NAME/N.json, its wall time
 * in N.seconds, its exit code in N.rc), judges each run against the scenario's expectation in scenarios.tsv, and
 * prints one row per scenario (also to DIR/results.tsv) and, below, what went wrong in the runs that failed. Exits 1
 * when a no-leak scenario raised a false alarm, a leak was missed, or a run failed.
 *
 * <p>Usage: Tally TABLE DIR RUNS NAME...
 */
public final class Tally {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Expectation(String name, String scenario, boolean leak, Pattern cls, String holder, String flag, String finding) {}

  /**
   * One run, judged: ok (leak found, or no false alarm), with why not in words; site: the leak's finding names where
   * its objects were created in the scenario's own code (a frame of dev.leakdiff.suite).
   */
  record Run(boolean ok, boolean error, String why, double seconds, long[] rssMib10, long[] threads, boolean threadFlag,
      boolean rssFlag, List<String> suspects, boolean site) {}

  public static void main(String[] args) throws IOException {
    Path table = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    Map<String, Expectation> all = readTable(table);
    List<String> header = List.of("SCENARIO", "KIND", "RUNS", "RESULT", "MEDIAN S", "THREAD FLAG", "RSS FLAG", "STAGE ADDED", "SITE");
    List<List<String>> rows = new ArrayList<>();
    List<String> details = new ArrayList<>();
    List<String> intervals = null;
    boolean failed = false;
    Map<String, List<Run>> judged = new LinkedHashMap<>();
    for (String name : Arrays.asList(args).subList(3, args.length)) {
      List<Run> rs = new ArrayList<>();
      for (int n = 1; n <= runs; n++) {
        rs.add(judge(all.get(name), dir.resolve(name), n));
        // the longest series names the columns: a run may add a stage (to 200) when something grew late
        List<String> these = intervals(dir.resolve(name).resolve(n + ".json"));
        if (these != null && (intervals == null || these.size() > intervals.size())) {
          intervals = these;
        }
      }
      judged.put(name, rs);
    }
    int k = intervals == null ? 3 : intervals.size();
    for (Map.Entry<String, List<Run>> j : judged.entrySet()) {
      String name = j.getKey();
      Expectation e = all.get(name);
      List<Run> rs = j.getValue();
      long ok = rs.stream().filter(Run::ok).count();
      long errors = rs.stream().filter(Run::error).count();
      String result = e.leak() ? "found " + ok + "/" + runs : "false alarms " + (runs - ok - errors) + "/" + runs;
      if (errors > 0) {
        result += ", " + errors + " failed";
      }
      failed |= ok < runs;
      List<String> row = new ArrayList<>(List.of(name, e.leak() ? "leak" : "no-leak", Integer.toString(runs), result,
          String.format("%.1f", median(rs.stream().filter(r -> !r.error()).mapToDouble(Run::seconds).toArray())),
          rs.stream().filter(Run::threadFlag).count() + "/" + runs, rs.stream().filter(Run::rssFlag).count() + "/" + runs,
          // the suite asks for dumps after 0, 1, 10 and 100 iterations: a fifth is the stage run added
          rs.stream().filter(r -> !r.error() && r.threads().length > 4).count() + "/" + runs,
          e.leak() ? rs.stream().filter(Run::site).count() + "/" + runs : "-"));
      row.addAll(padded(spreads(rs, true), k));
      row.addAll(padded(spreads(rs, false), k));
      rows.add(row);
      details.addAll(details(e, rs));
    }
    List<String> head = new ArrayList<>(header);
    for (int i = 0; i < k; i++) {
      head.add("RSS MIB " + (intervals == null ? "#" + (i + 1) : intervals.get(i)));
    }
    for (int i = 0; i < k; i++) {
      head.add("THREADS " + (intervals == null ? "#" + (i + 1) : intervals.get(i)));
    }
    for (List<String> r : rows) {
      while (r.size() < head.size()) {
        r.add("-");
      }
    }
    print(head, rows);
    StringBuilder tsv = new StringBuilder(String.join("\t", head)).append('\n');
    rows.forEach(r -> tsv.append(String.join("\t", r)).append('\n'));
    Files.writeString(dir.resolve("results.tsv"), tsv);
    if (!details.isEmpty()) {
      System.out.println();
      details.forEach(System.out::println);
    }
    System.out.println();
    System.out.println("RSS MIB and THREADS: the change between consecutive dumps, min..max over the runs. Runs: "
        + dir + "/NAME/N.json; table: " + dir.resolve("results.tsv"));
    System.exit(failed ? 1 : 0);
  }

  static Map<String, Expectation> readTable(Path table) throws IOException {
    Map<String, Expectation> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(table)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      String name = f[0].split("#")[0];
      boolean leak = f[1].equals("leak");
      m.put(name, new Expectation(name, f[0], leak, leak ? Pattern.compile(f[2]) : null, leak ? f[3] : null, f[4],
          f.length > 5 && !f[5].equals("-") ? f[5] : null));
    }
    return m;
  }

  static Run judge(Expectation e, Path dir, int n) throws IOException {
    double seconds = readDouble(dir.resolve(n + ".seconds"));
    Path json = dir.resolve(n + ".json");
    JsonNode root = null;
    if (Files.exists(json) && Files.size(json) > 0) {
      try {
        root = JSON.readTree(json.toFile());
      } catch (IOException ex) {
        root = null;
      }
    }
    if (root == null || !root.has("comparison")) {
      String rc = Files.exists(dir.resolve(n + ".rc")) ? Files.readString(dir.resolve(n + ".rc")).trim() : "?";
      return new Run(false, true, "run " + n + " failed (exit " + rc + "): " + lastLine(dir.resolve(n + ".err")), seconds,
          null, null, false, false, List.of(), false);
    }
    List<String> suspects = texts(root.path("comparison").path("suspects"));
    List<JsonNode> findings = new ArrayList<>();
    root.path("findings").forEach(findings::add);
    List<String> warnings = findings.stream().filter(f -> f.path("kind").asText().equals("outsideHeap"))
        .map(f -> f.path("text").asText()).toList();
    boolean threadFlag = findings.stream().anyMatch(f -> f.path("kind").asText().equals("outsideHeap")
        && f.path("what").asText().equals("threads"));
    boolean rssFlag = findings.stream().anyMatch(f -> f.path("kind").asText().equals("outsideHeap")
        && f.path("what").asText().equals("rss"));
    JsonNode stages = root.path("stages");
    long[] rss = new long[stages.size()];
    long[] threads = new long[stages.size()];
    for (int i = 0; i < stages.size(); i++) {
      JsonNode s = stages.get(i);
      rss[i] = s.path("rssBytes").isNumber() ? Math.round(s.path("rssBytes").asLong() * 10.0 / (1 << 20)) : Long.MIN_VALUE;
      threads[i] = s.path("threads").isNumber() ? s.path("threads").asLong() : Long.MIN_VALUE;
    }
    if (!e.leak()) {
      boolean ok = suspects.isEmpty() && warnings.isEmpty();
      return new Run(ok, false, ok ? null : "false alarm", seconds, rss, threads, threadFlag, rssFlag, suspects, false);
    }
    String why = null;
    boolean site = false;
    String cls = suspects.stream().filter(s -> e.cls().matcher(s).matches()).findFirst().orElse(null);
    if (cls == null) {
      why = "not a suspect: " + e.cls().pattern();
    } else {
      List<String> routes = new ArrayList<>();
      for (JsonNode r : leaks(findings)) {
        List<String> held = new ArrayList<>();
        r.path("holds").forEach(h -> held.add(h.path("class").asText()));
        if (r.path("class").asText().equals(cls) || held.contains(cls)) {
          routes.add(route(r.path("route")));
          for (JsonNode where : r.path("allocationSites").path("sites")) {
            site |= where.path("code").path(0).path("class").asText().startsWith("dev.leakdiff.suite.");
          }
        }
      }
      if (routes.stream().noneMatch(r -> r.contains(e.holder()))) {
        why = routes.isEmpty() ? "no root of the leak holds " + cls : "the holder is not in its route: " + routes.get(0);
      }
    }
    String words = String.join("\n", findings.stream().map(f -> f.path("text").asText()).toList());
    if (why == null && e.finding() != null && !words.contains(e.finding())) {
      why = "the finding does not say '" + e.finding() + "': " + words;
    }
    if (why == null && e.flag().equals("threads") && !threadFlag) {
      why = "no thread warning";
    } else if (why == null && e.flag().equals("rss") && !rssFlag) {
      why = "no RSS warning";
    }
    return new Run(why == null, false, why, seconds, rss, threads, threadFlag, rssFlag, suspects, site);
  }

  /** The leak findings (schema version 2), those a thread leak holds too. */
  static List<JsonNode> leaks(List<JsonNode> findings) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : findings) {
      if (f.path("kind").asText().equals("leak")) {
        out.add(f);
      } else if (f.path("kind").asText().equals("threadLeak")) {
        f.path("holds").forEach(out::add);
        f.path("threadContainers").forEach(out::add);
      }
    }
    return out;
  }

  /** A route (its hops) as the text report prints it on one line: the hops' references joined. */
  static String route(JsonNode hops) {
    List<String> refs = new ArrayList<>();
    hops.forEach(h -> refs.add(h.path("reference").asText()));
    return String.join(" -> ", refs);
  }

  /** The labels of the intervals between dumps: 0->1, 1->10, 10->100. */
  static List<String> intervals(Path json) {
    try {
      JsonNode it = JSON.readTree(json.toFile()).path("iterations");
      List<String> out = new ArrayList<>();
      for (int i = 1; i < it.size(); i++) {
        out.add(it.get(i - 1).asText() + "->" + it.get(i).asText());
      }
      return out.isEmpty() ? null : out;
    } catch (IOException | RuntimeException ex) {
      return null;
    }
  }

  static List<String> padded(List<String> cells, int k) {
    List<String> out = new ArrayList<>(cells);
    while (out.size() < k) {
      out.add("-");
    }
    return out;
  }

  /** min..max of the change between consecutive dumps, per interval, over the runs that have the facts. */
  static List<String> spreads(List<Run> rs, boolean rss) {
    List<String> out = new ArrayList<>();
    int k = rs.stream().filter(r -> !r.error()).mapToInt(r -> r.threads().length - 1).max().orElse(0);
    for (int i = 0; i < k; i++) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (Run r : rs) {
        long[] v = r.error() ? null : rss ? r.rssMib10() : r.threads();
        if (v == null || v.length <= i + 1 || v[i] == Long.MIN_VALUE || v[i + 1] == Long.MIN_VALUE) {
          continue;
        }
        long d = v[i + 1] - v[i];
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      out.add(min > max ? "-" : rss ? tenths(min) + ".." + tenths(max) : min + ".." + max);
    }
    return out;
  }

  static String tenths(long v) {
    return String.format("%.1f", v / 10.0);
  }

  /** For a scenario with failed runs: what went wrong, counted over the runs. */
  static List<String> details(Expectation e, List<Run> rs) {
    List<String> out = new ArrayList<>();
    Map<String, Long> whys = rs.stream().filter(r -> !r.ok() && r.why() != null)
        .collect(Collectors.groupingBy(Run::why, LinkedHashMap::new, Collectors.counting()));
    if (whys.isEmpty()) {
      return out;
    }
    if (!e.leak()) {
      Map<String, Long> suspects = rs.stream().filter(r -> !r.ok()).flatMap(r -> r.suspects().stream())
          .collect(Collectors.groupingBy(s -> s, LinkedHashMap::new, Collectors.counting()));
      long threads = rs.stream().filter(Run::threadFlag).count();
      long rssFlags = rs.stream().filter(Run::rssFlag).count();
      List<String> top = suspects.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(8).map(x -> x.getKey() + " (" + x.getValue() + ")").toList();
      out.add(e.name() + ": " + whys.entrySet().stream().map(x -> x.getKey() + " in " + x.getValue() + " run(s)")
          .collect(Collectors.joining("; ")) + ". Suspects (runs): " + (top.isEmpty() ? "none" : String.join(", ", top))
          + (suspects.size() > top.size() ? ", ... " + (suspects.size() - top.size()) + " more" : "")
          + (threads > 0 ? "; thread warning in " + threads + " run(s)" : "")
          + (rssFlags > 0 ? "; RSS warning in " + rssFlags + " run(s)" : ""));
    } else {
      whys.forEach((why, count) -> out.add(e.name() + ": " + why + " (" + count + " run(s))"));
    }
    return out;
  }

  static void print(List<String> head, List<List<String>> rows) {
    int[] w = new int[head.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = head.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    System.out.println(line(head, w));
    rows.forEach(r -> System.out.println(line(r, w)));
  }

  static String line(List<String> cells, int[] w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      boolean left = i < 2 || i == 3;
      b.append(left ? String.format("%-" + w[i] + "s", c) : String.format("%" + w[i] + "s", c));
      b.append(i < cells.size() - 1 ? "  " : "");
    }
    return b.toString().stripTrailing();
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static double readDouble(Path p) {
    try {
      return Double.parseDouble(Files.readString(p).trim());
    } catch (IOException | RuntimeException ex) {
      return Double.NaN;
    }
  }

  static String lastLine(Path p) {
    try {
      List<String> lines = Files.readAllLines(p);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i);
        }
      }
    } catch (IOException ex) {
      // none
    }
    return "(no stderr)";
  }
}
