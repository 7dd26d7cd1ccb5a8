package dev.leakdiff.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A synonym table, expensive to build, loaded once and kept: the worker's one-time cache. */
final class Synonyms {
  /** One entry of the table. */
  record Synonym(String term, String alternative) {}

  private final Map<String, List<Synonym>> byTerm = new HashMap<>();

  static Synonyms load() {
    Synonyms s = new Synonyms();
    for (int i = 0; i < 300; i++) {
      Synonym syn = new Synonym(Text.word(i), Text.word((i * 31 + 7) % 300));
      s.byTerm.computeIfAbsent(syn.term(), t -> new ArrayList<>()).add(syn);
    }
    return s;
  }

  /** The terms and their synonyms. */
  List<String> expand(List<String> terms) {
    List<String> out = new ArrayList<>(terms);
    for (String t : terms) {
      for (Synonym s : byTerm.getOrDefault(t, List.of())) {
        out.add(s.alternative());
      }
    }
    return out;
  }
}
