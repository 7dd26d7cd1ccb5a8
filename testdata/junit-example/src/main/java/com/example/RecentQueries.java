package com.example;

import java.util.LinkedHashMap;
import java.util.Map;

/** The results of the 32 latest queries: a bounded LRU cache. */
public final class RecentQueries {
  private final Map<String, Integer> latest = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > 32;
    }
  };

  public int count(String query) {
    return latest.computeIfAbsent(query, q -> q.split(" ").length);
  }
}
