package dev.leakdiff.hunt.analysis;

import dev.leakdiff.hprof.DumpSelection;
import java.nio.file.Files;
import java.nio.file.Path;

/** A dump named on the command line: FILE, or FILE#N for the N-th (0-based) dump of a file holding several. */
public record DumpRef(Path file, Integer index) {
  public static DumpRef parse(String arg) {
    Path whole = Path.of(arg);
    int hash = arg.lastIndexOf('#');
    if (hash > 0 && !Files.exists(whole)) {
      String n = arg.substring(hash + 1);
      if (n.matches("\\d{1,9}")) {
        return new DumpRef(Path.of(arg.substring(0, hash)), Integer.parseInt(n));
      }
    }
    return new DumpRef(whole, null);
  }

  public DumpSelection selection() {
    return index == null ? DumpSelection.last() : DumpSelection.only(index);
  }

  public String label() {
    return index == null ? file.toString() : file + "#" + index;
  }
}
