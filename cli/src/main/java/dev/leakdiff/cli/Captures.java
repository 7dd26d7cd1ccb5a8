package dev.leakdiff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The captures in a directory (LABEL.hprof with its LABEL.json sidecar), in iteration order. */
final class Captures {
  /** One capture: the dump and the facts its sidecar records (null where it has none). */
  record Capture(Path dump, Long iteration, String time, Long rssBytes, Long threads, Long heapUsed, Long dumpBytes,
      Long dumpMillis) {}

  private Captures() {}

  static List<Capture> in(Path dir) {
    List<Capture> out = new ArrayList<>();
    try (var files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path sidecar : files) {
        String name = sidecar.getFileName().toString();
        Path dump = dir.resolve(name.substring(0, name.length() - ".json".length()) + ".hprof");
        if (name.startsWith(".") || !Files.isRegularFile(dump)) {
          continue;
        }
        out.add(read(sidecar, dump));
      }
    } catch (IOException e) {
      throw new UserError(ExitCodes.NO_INPUT, dir + ": cannot read its captures (" + e.getMessage() + ")");
    }
    out.sort(Comparator.comparing((Capture c) -> c.iteration() == null ? Long.MAX_VALUE : c.iteration())
        .thenComparing(c -> c.time() == null ? "" : c.time()));
    return out;
  }

  /** The capture of a dump, from its sidecar. */
  static Capture read(Path sidecar, Path dump) throws IOException {
    JsonNode n = Json.MAPPER.readTree(sidecar.toFile());
    return new Capture(dump, number(n, "iteration"), n.path("time").asText(null), number(n, "rssBytes"),
        number(n, "threads"), n.path("heapAfter").has("used") ? n.path("heapAfter").get("used").asLong() : null,
        number(n, "dumpBytes"), number(n, "dumpMillis"));
  }

  private static Long number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asLong();
  }
}
