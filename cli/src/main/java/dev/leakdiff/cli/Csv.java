package dev.leakdiff.cli;

/** CSV quoting (RFC 4180). */
final class Csv {
  private Csv() {}

  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
