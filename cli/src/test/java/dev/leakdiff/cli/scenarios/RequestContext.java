package dev.leakdiff.cli.scenarios;

/** What a request keeps about itself, in the scenarios that keep one per call: an id, a time and a small payload. */
public final class RequestContext {
  final String id;
  final long startedAt;
  final byte[] payload;

  RequestContext(long n) {
    this.id = "req-" + n;
    this.startedAt = n;
    this.payload = new byte[16];
  }
}
