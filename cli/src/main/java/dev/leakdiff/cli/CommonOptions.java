package dev.leakdiff.cli;

import dev.leakdiff.layout.Layout;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** Options every report command shares: the output format, the row limit and the object layout. */
final class CommonOptions {
  enum Format { table, json, csv }

  @Option(names = "--format", defaultValue = "table", description = "table (default), json or csv.")
  Format format;

  @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "Rows to show (default ${DEFAULT-VALUE}; 0 for all).")
  int top;

  @Option(names = "--layout", paramLabel = "NAME",
      description = "State the JVM's object layout instead of inferring it from the dump: compressed-oops, "
          + "compact-headers, uncompressed-oops, uncompressed, uncompressed-packed, wide-class-pointers, "
          + "wide-class-pointers-packed, compact-headers-uncompressed-oops, compressed-oops-align16, 32-bit.")
  String layout;

  Layout layout() {
    if (layout == null) {
      return null;
    }
    Layout l = Layout.named(layout);
    if (l == null) {
      throw new UserError(ExitCodes.USAGE, "unknown --layout '" + layout + "'; one of: "
          + Arrays.stream(Layout.NAMED).map(Layout::name).collect(Collectors.joining(", ")));
    }
    return l;
  }

  int limit(int size) {
    return top <= 0 ? size : Math.min(top, size);
  }
}
