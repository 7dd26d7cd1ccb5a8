package dev.leakdiff.bench;

import java.util.Map;

/** The peers' output: the top classes by count and a total line the benchmark script reads. */
final class Report {
  private Report() {}

  static void print(String tool, Map<String, Long> counts) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(20)
        .forEach(e -> System.out.printf("%,14d  %s%n", e.getValue(), e.getKey()));
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("total objects: %d (%s, %d classes)%n", total, tool, counts.size());
  }
}
