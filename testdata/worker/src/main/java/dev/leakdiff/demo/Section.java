package dev.leakdiff.demo;

import java.util.List;
import java.util.Map;

/** A section of a document: its number, heading, text, and how often each term occurs in it. */
public record Section(int number, String heading, String text, Map<String, Integer> terms) {
  /** A section of the given text, its terms counted. */
  public static Section of(int number, String heading, String text) {
    return new Section(number, heading, text, Text.counts(text));
  }

  /** How well the section matches the terms: occurrences, those in the heading counting double. */
  double score(List<String> query) {
    double s = 0;
    for (String t : query) {
      s += terms.getOrDefault(t, 0);
      if (heading.contains(t)) {
        s += 2;
      }
    }
    return s;
  }
}
