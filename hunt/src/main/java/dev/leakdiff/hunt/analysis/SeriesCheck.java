package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.Coverage;
import dev.leakdiff.hunt.capture.Sidecar;
import dev.leakdiff.hunt.findings.CannotJudge;
import dev.leakdiff.hunt.findings.CannotJudge.Why;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Whether a series of dumps can be judged at all, before any verdict is trusted: enough dumps at known iterations, each
 * read whole, all of one process (its sidecars' pid and start, or for plain files their boot classes), in the order they
 * were taken, none twice, and the iterations those the sidecars recorded. Each thing wrong is a {@link CannotJudge}.
 */
public final class SeriesCheck {
  private SeriesCheck() {}

  /** Examples of missing boot classes a finding names. */
  private static final int EXAMPLES = 3;

  /**
   * One dump of the series.
   *
   * @param label how the report names it
   * @param ref its file, and which dump of it
   * @param histogram its histogram (its coverage, header time, boot classes)
   * @param sidecar its capture's facts, or null for a plain file
   */
  public record Dump(String label, DumpRef ref, ClassHistogram histogram, Sidecar sidecar) {}

  /**
   * What keeps a series from a verdict, in the order a report gives them.
   *
   * @param iterations the iterations the series is judged at, or null when none were given
   * @param recorded the iterations the sidecars recorded, or null when they did not all record one
   */
  public static List<CannotJudge> of(List<Dump> dumps, long[] iterations, long[] recorded) {
    List<CannotJudge> out = new ArrayList<>();
    if (iterations == null) {
      out.add(CannotJudge.of(Why.NO_ITERATIONS));
    }
    if (dumps.size() < 3) {
      out.add(new CannotJudge(Why.TOO_FEW_DUMPS, List.of(), List.of((long) dumps.size()), List.of()));
    }
    if (iterations != null && recorded != null && !Arrays.equals(iterations, recorded)) {
      List<Long> both = new ArrayList<>();
      Arrays.stream(iterations).forEach(both::add);
      Arrays.stream(recorded).forEach(both::add);
      out.add(new CannotJudge(Why.ITERATIONS_CONTRADICTED, List.of(), both, List.of()));
    }
    for (Dump d : dumps) {
      Coverage c = d.histogram().coverage();
      if (c.truncated()) {
        out.add(new CannotJudge(Why.TRUNCATED, List.of(d.label()), List.of(c.truncatedAt(), c.heapBytesRead()), List.of()));
      } else if (c.damaged()) {
        out.add(new CannotJudge(Why.DAMAGED, List.of(d.label()), List.of(), List.of()));
      }
    }
    sameDumps(dumps, out);
    if (dumps.stream().allMatch(d -> d.sidecar() != null)) {
      processes(dumps, out);
    } else {
      programs(dumps, out);
    }
    return out;
  }

  /** The same dump twice: one file and index, or two files with the same header time and the same totals. */
  private static void sameDumps(List<Dump> dumps, List<CannotJudge> out) {
    for (int i = 0; i < dumps.size(); i++) {
      for (int j = i + 1; j < dumps.size(); j++) {
        Dump a = dumps.get(i);
        Dump b = dumps.get(j);
        boolean sameFile = sameFile(a, b);
        ClassHistogram x = a.histogram();
        ClassHistogram y = b.histogram();
        boolean sameDump = sameFile ? x.dumpIndex() == y.dumpIndex()
            : x.timestampMillis() != 0 && x.timestampMillis() == y.timestampMillis() && x.totalObjects() == y.totalObjects()
                && x.totalBytes() == y.totalBytes();
        if (sameDump) {
          out.add(new CannotJudge(Why.SAME_DUMP, List.of(a.label(), b.label()), List.of(), List.of()));
        }
      }
    }
  }

  private static boolean sameFile(Dump a, Dump b) {
    try {
      return Files.isSameFile(a.ref().file(), b.ref().file());
    } catch (IOException e) {
      return a.ref().file().toAbsolutePath().normalize().equals(b.ref().file().toAbsolutePath().normalize());
    }
  }

  /** Captures: one pid, one start of it, dump times in the series' order. */
  private static void processes(List<Dump> dumps, List<CannotJudge> out) {
    List<Long> pids = dumps.stream().map(d -> d.sidecar().pid()).toList();
    if (pids.stream().noneMatch(p -> p == null) && pids.stream().distinct().count() > 1) {
      out.add(new CannotJudge(Why.OTHER_PROCESS, labels(dumps), pids, List.of()));
      return;
    }
    List<Long> starts = dumps.stream().map(d -> millis(d.sidecar().processStart())).toList();
    if (starts.stream().noneMatch(s -> s == null) && starts.stream().distinct().count() > 1) {
      out.add(new CannotJudge(Why.RESTARTED, labels(dumps), starts, List.of()));
      return;
    }
    outOfOrder(dumps, dumps.stream().map(d -> millis(d.sidecar().time())).toList(), out);
  }

  /** Plain files: dump times in the series' order, and every boot class of a dump in each later one. */
  private static void programs(List<Dump> dumps, List<CannotJudge> out) {
    outOfOrder(dumps, dumps.stream().map(d -> d.histogram().timestampMillis() > 0 ? d.histogram().timestampMillis() : null)
        .toList(), out);
    for (int i = 0; i + 1 < dumps.size(); i++) {
      ClassHistogram a = dumps.get(i).histogram();
      ClassHistogram b = dumps.get(i + 1).histogram();
      if (!a.coverage().complete() || !b.coverage().complete()) {
        continue; // a cut-off dump lacks classes for another reason, said already
      }
      TreeSet<String> missing = new TreeSet<>(a.bootClasses());
      missing.removeAll(b.bootClasses());
      if (!missing.isEmpty()) {
        out.add(new CannotJudge(Why.OTHER_PROGRAM, List.of(dumps.get(i).label(), dumps.get(i + 1).label()),
            List.of((long) missing.size()), missing.stream().limit(EXAMPLES).toList()));
        return;
      }
    }
  }

  /** The first dump taken before the one it follows in the series, when their times are known. */
  private static void outOfOrder(List<Dump> dumps, List<Long> times, List<CannotJudge> out) {
    for (int i = 0; i + 1 < dumps.size(); i++) {
      Long a = times.get(i);
      Long b = times.get(i + 1);
      if (a != null && b != null && b < a) {
        out.add(new CannotJudge(Why.OUT_OF_ORDER, List.of(dumps.get(i).label(), dumps.get(i + 1).label()), List.of(a, b),
            List.of()));
        return;
      }
    }
  }

  private static List<String> labels(List<Dump> dumps) {
    return dumps.stream().map(Dump::label).toList();
  }

  private static Long millis(String iso) {
    try {
      return iso == null ? null : Instant.parse(iso).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
