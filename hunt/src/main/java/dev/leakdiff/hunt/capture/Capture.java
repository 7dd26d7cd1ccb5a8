package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;

import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One capture: a heap dump (LABEL.hprof) and the facts of its sidecar (LABEL.json). */
public record Capture(Path dump, Path sidecarFile, Sidecar facts) {
  /** The captures in a directory (LABEL.hprof with its LABEL.json), in iteration order, then in time order. */
  public static List<Capture> in(Path dir) {
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
      throw new LeakdiffException(Kind.NO_INPUT, dir + ": cannot read its captures (" + e.getMessage() + ")");
    }
    out.sort(Comparator.comparing((Capture c) -> c.iteration() == null ? Long.MAX_VALUE : c.iteration())
        .thenComparing(c -> c.facts().time() == null ? "" : c.facts().time()));
    return out;
  }

  /** The capture of a dump, from its sidecar. */
  public static Capture read(Path sidecar, Path dump) {
    try {
      return new Capture(dump, sidecar, Sidecar.read(sidecar));
    } catch (IOException e) {
      throw new LeakdiffException(Kind.NO_INPUT, sidecar + ": cannot read the sidecar (" + LeakdiffException.rootMessage(e) + ")");
    }
  }

  public Long iteration() {
    return facts.iteration();
  }
}
