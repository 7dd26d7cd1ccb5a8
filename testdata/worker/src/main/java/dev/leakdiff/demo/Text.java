package dev.leakdiff.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Words: splitting text into terms, and a deterministic generator of documents to index. */
final class Text {
  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tu", "sa", "vel", "do", "qui", "ner", "pa", "zo"};

  private Text() {}

  static List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  static Map<String, Integer> counts(String text) {
    Map<String, Integer> counts = new HashMap<>();
    for (String t : terms(text)) {
      counts.merge(t, 1, Integer::sum);
    }
    return counts;
  }

  /** The i-th word of the vocabulary: two or three syllables. */
  static String word(int i) {
    String w = SYLLABLES[i % SYLLABLES.length] + SYLLABLES[(i / SYLLABLES.length) % SYLLABLES.length];
    return i >= SYLLABLES.length * SYLLABLES.length ? w + SYLLABLES[(i / 7) % SYLLABLES.length] : w;
  }

  /** Document n's sections: the same text every time it is generated, so re-indexing it changes nothing. */
  static List<Section> sections(int n, int count, int words) {
    Random r = new Random(n * 7919L);
    List<Section> out = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < words; w++) {
        text.append(w == 0 ? "" : " ").append(word(r.nextInt(300)));
      }
      out.add(Section.of(s + 1, "Part " + (s + 1) + ": " + word(r.nextInt(300)), text.toString()));
    }
    return out;
  }
}
