package dev.leakdiff.cli;

import java.io.PrintWriter;

/** Prints a JSON document of {@link JsonDocs}: the one place the command line writes JSON. */
final class Json {
  private Json() {}

  static void print(PrintWriter out, Object document) {
    out.println(dev.leakdiff.hunt.json.Json.write(document));
  }
}
