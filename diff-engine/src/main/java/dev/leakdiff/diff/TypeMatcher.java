package dev.leakdiff.diff;

import dev.leakdiff.graph.ClassTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which classes a --type NAME means: a simple name (DataFrame), a fully qualified name, a glob (*Cache*), an
 * array type (byte[]), and unless exact, the subclasses of what matched.
 */
public final class TypeMatcher {
  private TypeMatcher() {}

  /** The class indices a name matches, directly and (unless exact) through subclasses. */
  public static boolean[] match(ClassTable classes, String name, boolean exact) {
    boolean[] direct = new boolean[classes.size()];
    Pattern glob = globOrNull(name);
    for (int i = 0; i < classes.size(); i++) {
      direct[i] = matches(classes.get(i).name(), name, glob);
    }
    if (exact) {
      return direct;
    }
    boolean[] all = direct.clone();
    for (int i = 0; i < classes.size(); i++) {
      for (int c = classes.get(i).superIndex(), depth = 0; c >= 0 && !all[i] && depth < 1000; c = classes.get(c).superIndex(), depth++) {
        if (direct[c]) {
          all[i] = true;
        }
      }
    }
    return all;
  }

  /** Whether a class name is one a name means by itself (no subclasses): as {@link #match} with exact, for one name. */
  public static boolean matchesName(String className, String name) {
    return matches(className, name, globOrNull(name));
  }

  private static boolean matches(String n, String name, Pattern glob) {
    if (glob != null) {
      return glob.matcher(n).matches() || glob.matcher(simpleName(n)).matches();
    } else if (name.contains(".")) {
      return n.equals(name);
    }
    return n.equals(name) || simpleName(n).equals(name) || n.substring(n.lastIndexOf('.') + 1).equals(name);
  }

  private static Pattern globOrNull(String name) {
    return name.contains("*") || name.contains("?") ? globPattern(name) : null;
  }

  /** The part of a class name after its package: com.acme.Outer$Inner[] -> Outer$Inner[]; also matches Inner. */
  static String simpleName(String n) {
    String s = n.substring(n.lastIndexOf('.') + 1);
    int dollar = s.lastIndexOf('$');
    return dollar >= 0 && dollar < s.length() - 1 && !Character.isDigit(s.charAt(dollar + 1)) ? s.substring(dollar + 1) : s;
  }

  private static Pattern globPattern(String glob) {
    StringBuilder re = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      switch (ch) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** Up to limit class names closest to a name that matched nothing: containing it first, then by edit distance. */
  public static List<String> closest(List<String> names, String wanted, int limit) {
    String w = wanted.toLowerCase(Locale.ROOT).replace("*", "");
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(Comparator.comparingInt((String n) -> n.toLowerCase(Locale.ROOT).contains(w) ? 0 : 1)
        .thenComparingInt(n -> distance(simpleName(n).toLowerCase(Locale.ROOT), w))
        .thenComparing(n -> n));
    return sorted.subList(0, Math.min(limit, sorted.size()));
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
