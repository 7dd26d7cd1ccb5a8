package dev.leakdiff.graph;

import java.util.Arrays;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Merging the names two chains of one route show: threads of one kind, and the fields of a repeated run. */
final class Names {
  /** A run of digits, or an N that stands for one (a name merged before: an N between no letters). */
  private static final Pattern DIGITS = Pattern.compile("\\d+|(?<![\\p{L}])N(?![\\p{L}])");

  private Names() {}

  /**
   * Two names that differ only in runs of digits, with the runs that differ as N; the first if they differ otherwise. A
   * name merged before counts its N as such a run: pool-N-thread-1 and pool-3-thread-2 give pool-N-thread-N.
   */
  static String mergeDigits(String a, String b) {
    String[] ta = DIGITS.split(a, -1);
    String[] tb = DIGITS.split(b, -1);
    if (!Arrays.equals(ta, tb)) {
      return a;
    }
    Matcher ma = DIGITS.matcher(a);
    Matcher mb = DIGITS.matcher(b);
    StringBuilder out = new StringBuilder(ta[0]);
    for (int i = 1; i < ta.length; i++) {
      ma.find();
      mb.find();
      out.append(ma.group().equals(mb.group()) ? ma.group() : "N").append(ta[i]);
    }
    return out.toString();
  }

  /** Two sets of field names joined by '|', as one sorted set. */
  static String union(String a, String b) {
    TreeSet<String> all = new TreeSet<>();
    if (a != null) {
      all.addAll(Arrays.asList(a.split("\\|")));
    }
    if (b != null) {
      all.addAll(Arrays.asList(b.split("\\|")));
    }
    return String.join("|", all);
  }
}
