package dev.leakdiff.source.hprof;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.ClassStat;
import dev.leakdiff.diff.Coverage;
import dev.leakdiff.diff.FileHistograms;
import dev.leakdiff.layout.InferredLayout;

import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.ClassDump;
import dev.leakdiff.hprof.ClassNames;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.HprofContents;
import dev.leakdiff.hprof.HprofReader;
import dev.leakdiff.layout.Layout;
import dev.leakdiff.hprof.ProfileData;
import dev.leakdiff.hprof.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Class histograms of an HPROF file's dumps: one read with a {@link HistogramVisitor} per reading thread. */
final class HprofHistograms {
  private HprofHistograms() {}

  /** The histogram of each selected dump of the reader's file, in file order. */
  static FileHistograms read(HprofReader reader, DumpSelection selection, Layout layout, Progress progress, boolean jvmNames) {
    Path file = reader.file();
    HprofContents<HistogramVisitor> contents = reader.read(selection, HistogramVisitor::new, progress);
    if (jvmNames) {
      contents.profile().useJvmNames();
    }
    List<ClassHistogram> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>(contents.warnings());
    int count = contents.dumps().size();
    for (int i = 0; i < count; i++) {
      if (selection.selects(i, count)) {
        List<HistogramVisitor> parts = contents.visited().getOrDefault(i, List.of());
        boolean damaged = damage(file, count > 1 ? " (dump #" + i + ")" : "", contents, parts, warnings) | contents.damaged();
        out.add(build(file.toString(), i, contents, parts, layout, new Coverage(reader.fileSize(), contents.truncatedAt(),
            contents.dumps().get(i).bytes(), damaged)));
      }
    }
    return new FileHistograms(List.copyOf(out), count, List.copyOf(warnings), contents.truncated());
  }

  /**
   * Damage the histogram can see though every record read: instances whose field bytes are not what their
   * class dumps declare, and classes no LOAD_CLASS record names (a damaged name or record tag). Whether there was any.
   */
  private static boolean damage(Path file, String which, HprofContents<?> contents, List<HistogramVisitor> parts,
      List<String> warnings) {
    int idSize = contents.header().idSize();
    ProfileData profile = contents.profile();
    List<ClassDump> classDumps = new ArrayList<>();
    for (HistogramVisitor v : parts) {
      classDumps.addAll(v.classDumps);
    }
    ClassShapes shapes = new ClassShapes(classDumps);
    long misfits = 0;
    String firstMisfit = null;
    long undumped = 0;
    java.util.Set<Long> unnamed = new java.util.HashSet<>();
    for (HistogramVisitor v : parts) {
      misfits += v.unlike;
      if (v.unlike > 0 && firstMisfit == null) {
        firstMisfit = "a class whose other instances differ";
      }
      for (int s = 0; s < v.size; s++) {
        long classId = v.classIds[s];
        if (!v.isArray[s] && !shapes.known(classId)) {
          undumped += v.counts[s];
        }
        if (!v.isArray[s] && shapes.known(classId)
            && shapes.primitiveBytes(classId) + (long) shapes.references(classId) * idSize != (v.fieldBytes[s] & 0xFFFFFFFFL)) {
          misfits += v.counts[s];
          if (firstMisfit == null) {
            firstMisfit = profile.className(classId);
          }
        }
        if (profile.classes().isEmpty() || !profile.named(classId)) {
          unnamed.add(classId);
        }
      }
    }
    for (ClassDump d : classDumps) {
      if (!profile.named(d.classId())) {
        unnamed.add(d.classId());
      }
    }
    int before = warnings.size();
    if (misfits > 0) {
      warnings.add(String.format("%s%s: %,d instances (of %s, ...) hold other field bytes than their class dumps declare: "
          + "the dump is damaged, and their sizes are estimates", file, which, misfits, firstMisfit));
    }
    if (undumped > 0) {
      warnings.add(String.format("%s%s: %,d instances are of classes the dump has no CLASS_DUMP for: the dump is damaged "
          + "(a heap record lost?), and their sizes are estimates", file, which, undumped));
    }
    if (!unnamed.isEmpty() && !profile.classes().isEmpty()) {
      warnings.add(String.format("%s%s: %,d classes have no name (no LOAD_CLASS record names them): the dump is damaged, "
          + "they show as <class 0x...>", file, which, unnamed.size()));
    }
    return warnings.size() > before;
  }

  /** The histogram of dump i of a read, from the visitors of every worker. */
  static ClassHistogram build(String source, int dump, HprofContents<?> contents, List<HistogramVisitor> parts, Layout forced,
      Coverage coverage) {
    int idSize = contents.header().idSize();
    ProfileData profile = contents.profile();
    List<ClassDump> classDumps = new ArrayList<>();
    List<LayoutSample> samples = new ArrayList<>();
    for (HistogramVisitor v : parts) {
      classDumps.addAll(v.classDumps);
      samples.add(v.sample);
    }
    ClassShapes shapes = new ClassShapes(classDumps);
    InferredLayout inferred = forced != null
        ? InferredLayout.stated(forced)
        : LayoutInference.infer(idSize, samples, shapes);
    Layout layout = inferred.layout();

    Map<String, long[]> byName = new HashMap<>(); // {instances, bytes, classCount}
    for (HistogramVisitor v : parts) {
      for (int s = 0; s < v.size; s++) {
        long classId = v.classIds[s];
        long count = v.counts[s];
        long bytes;
        if (v.isArray[s]) {
          bytes = layout.arrayBytes(layout.referenceSize(), count, v.lengthSums[s], v.byLengthMod, s * HistogramVisitor.MOD);
        } else if (shapes.known(classId)) {
          bytes = count * shapes.instanceSize(classId, layout);
        } else {
          bytes = count * layout.instanceSize(v.fieldBytes[s], 0);
        }
        add(byName, profile.className(classId), count, bytes, 0);
      }
      for (BasicType t : BasicType.values()) {
        long count = v.primitiveCounts[t.code];
        if (count > 0) {
          long bytes = layout.arrayBytes(t.size, count, v.primitiveLengthSums[t.code], v.primitiveByLengthMod,
              t.code * HistogramVisitor.MOD);
          add(byName, ClassNames.primitiveArray(t), count, bytes, 0);
        }
      }
    }
    classMirrors(byName, shapes, profile, layout);

    List<ClassStat> rows = new ArrayList<>(byName.size());
    long objects = 0;
    long bytes = 0;
    for (Map.Entry<String, long[]> e : byName.entrySet()) {
      long[] a = e.getValue();
      rows.add(new ClassStat(e.getKey(), a[0], a[1], (int) a[2]));
      objects += a[0];
      bytes += a[1];
    }
    rows.sort(ClassStat.BY_BYTES);
    return new ClassHistogram(source, dump, contents.dumps().size(), inferred, List.copyOf(rows), objects, bytes,
        contents.header().timestampMillis(), contents.warnings(), contents.truncated(), coverage,
        bootClasses(classDumps, profile));
  }

  /**
   * The names of the classes the boot loader defined, hidden ones (lambda forms, lambdas: their names hold "/0x", "+0x" or
   * "$$Lambda") left out: a JVM unloads those, never the others, so each of them is in every later dump of the process.
   */
  private static java.util.Set<String> bootClasses(List<ClassDump> classDumps, ProfileData profile) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (ClassDump d : classDumps) { // a loop, not a stream: a histogram of a small dump runs in a fraction of a second
      if (d.classLoaderId() == 0) {
        String name = profile.className(d.classId());
        if (!name.contains("/0x") && !name.contains("+0x") && !name.contains("$$Lambda")) {
          out.add(name);
        }
      }
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * Each CLASS_DUMP is a java.lang.Class object holding its class's static fields; counts the classes loaded
   * under each name, so that a name loaded by ever more class loaders shows.
   */
  private static void classMirrors(Map<String, long[]> byName, ClassShapes shapes, ProfileData profile, Layout layout) {
    Long classClass = null;
    for (ProfileData.LoadedClass c : profile.classes().values()) {
      if ("java/lang/Class".equals(profile.strings().get(c.nameId())) || "java.lang.Class".equals(profile.strings().get(c.nameId()))) {
        classClass = c.classId();
      }
    }
    long mirrorBase = classClass != null && shapes.known(classClass) ? shapes.instanceSize(classClass, layout) : layout.instanceSize(0, 0);
    long count = 0;
    long bytes = 0;
    for (ClassDump d : shapes.dumps().values()) {
      long statics = 0;
      for (byte t : d.staticTypes()) {
        statics += t == BasicType.OBJECT.code ? layout.referenceSize() : BasicType.byCode(t).size;
      }
      count++;
      bytes += mirrorBase + statics + 7 & ~7L;
      add(byName, profile.className(d.classId()), 0, 0, 1);
    }
    if (count > 0) {
      add(byName, "java.lang.Class", count, bytes, 0);
    }
  }

  private static void add(Map<String, long[]> byName, String name, long count, long bytes, int classes) {
    long[] a = byName.computeIfAbsent(name, k -> new long[3]);
    a[0] += count;
    a[1] += bytes;
    a[2] += classes;
  }
}
