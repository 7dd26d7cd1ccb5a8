package dev.leakdiff.cli.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * Two leaks that keep the same memory: per call, an audit record and a trace, each in a static list of its own, both
 * holding the call's 2,000-byte payload. Fixing one frees its record alone; the payload goes only when both do.
 */
public class SharedPayload implements Runnable {
  /** What the audit keeps. */
  public static final class AuditRecord {
    final byte[] payload;
    final long at;

    AuditRecord(byte[] payload, long at) {
      this.payload = payload;
      this.at = at;
    }
  }

  /** What the tracer keeps. */
  public static final class Trace {
    final byte[] payload;
    final int[] timings = new int[32];

    Trace(byte[] payload) {
      this.payload = payload;
    }
  }

  static final List<AuditRecord> AUDIT = new ArrayList<>();
  static final List<Trace> TRACES = new ArrayList<>();
  private long calls;

  @Override
  public void run() {
    byte[] payload = new byte[2000];
    AUDIT.add(new AuditRecord(payload, calls++));
    TRACES.add(new Trace(payload));
  }
}
