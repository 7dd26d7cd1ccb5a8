package com.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes each audit event as a JSON line with the project's own Jackson (2.9.10, the version this project pins):
 * leakdiff must bring no Jackson of its own onto the tests' classpath. The last 16 lines are kept.
 */
public final class AuditLog {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final List<String> lines = new ArrayList<>();

  public String record(String user, int action) throws Exception {
    String line = MAPPER.writeValueAsString(Map.of("user", user, "action", action));
    lines.add(line);
    if (lines.size() > 16) {
      lines.remove(0);
    }
    return line;
  }
}
