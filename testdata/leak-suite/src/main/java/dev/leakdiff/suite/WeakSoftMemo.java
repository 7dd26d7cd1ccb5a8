package dev.leakdiff.suite;

import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * No leak. Two memos the GC may clear: a WeakHashMap keyed by the request (each call's request is dropped, so its
 * entry goes stale and is expunged on a later access), and a report per region (8 regions) held through a
 * SoftReference, recomputed when the GC cleared it.
 */
public class WeakSoftMemo {
  /** A request: identity is the key of the weak memo (no equals, on purpose: one entry per request). */
  static final class Request {
    final String path;

    Request(String path) {
      this.path = path;
    }
  }

  record Parsed(String[] segments) {}

  record Report(String region, double[] figures) {}

  private final Map<Request, Parsed> parsedByRequest = new WeakHashMap<>();
  private final Map<String, SoftReference<Report>> reportByRegion = new ConcurrentHashMap<>();
  private int calls;

  public void handle() {
    calls++;
    Request request = new Request("/orders/" + calls + "/lines");
    Parsed parsed = parsedByRequest.computeIfAbsent(request, r -> new Parsed(r.path.split("/")));
    String region = "region-" + (calls % 8);
    SoftReference<Report> ref = reportByRegion.get(region);
    Report report = ref == null ? null : ref.get();
    if (report == null) {
      report = new Report(region, new double[2048]);
      reportByRegion.put(region, new SoftReference<>(report));
    }
    if (parsed.segments().length != 4 || !report.region().equals(region)) {
      throw new IllegalStateException("bad memo");
    }
  }
}
