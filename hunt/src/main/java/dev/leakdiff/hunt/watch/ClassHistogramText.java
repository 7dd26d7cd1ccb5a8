package dev.leakdiff.hunt.watch;

import dev.leakdiff.hprof.ClassNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GC.class_histogram's text read into counts per class, under the names the dump reader gives them ([B is byte[]); a
 * name the JVM shows twice (classes of the same name in two loaders) is summed.
 */
final class ClassHistogramText {
  private ClassHistogramText() {}

  /** "   1:         13174         802496  [B (java.base@17.0.15)": rank, instances, bytes, name and module. */
  static Map<String, Sample.Counts> parse(String text) {
    Map<String, Sample.Counts> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4 || !f[0].endsWith(":") || !isNumber(f[1]) || !isNumber(f[2])) {
        continue;
      }
      String name = ClassNames.toJava(f[3]);
      Sample.Counts c = new Sample.Counts(Long.parseLong(f[1]), Long.parseLong(f[2]));
      out.merge(name, c, (a, b) -> new Sample.Counts(a.instances() + b.instances(), a.bytes() + b.bytes()));
    }
    return out;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }
}
