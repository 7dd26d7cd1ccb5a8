package dev.leakdiff.suite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Leak. An audit trail in a static list: each login adds a record, nothing ever removes one. */
public class StaticRecordList {
  record AuditRecord(long id, Instant at, String action) {}

  static final List<AuditRecord> RECORDS = new ArrayList<>();
  private long calls;

  public void login() {
    calls++;
    RECORDS.add(new AuditRecord(calls, Instant.now(), "login user-" + calls));
  }
}
