package com.example;

import dev.leakdiff.junit.AllowGrowth;
import dev.leakdiff.junit.LeakTest;
import org.junit.jupiter.api.BeforeEach;

class ExampleLeakTest {
  private Sessions sessions;
  private RecentQueries queries;
  private AuditLog audit;
  private int calls;

  @BeforeEach
  void setUp() {
    sessions = new Sessions();
    queries = new RecentQueries();
    audit = new AuditLog();
  }

  @LeakTest
  void loginKeepsEverySession() {
    sessions.login("user-" + calls++);
  }

  @LeakTest
  void recentQueriesStayBounded() {
    queries.count("query number " + calls++);
  }

  @LeakTest
  void auditWritesJsonWithTheProjectsOwnJackson() throws Exception {
    audit.record("user-" + calls, calls++);
  }

  @LeakTest
  void parsingAllocatesAndDrops() {
    String[] words = ("a b c d " + calls++).split(" ");
    if (words.length != 5) {
      throw new AssertionError(words.length);
    }
  }

  @LeakTest
  @AllowGrowth(value = "com.example.Metrics$Sample", reason = "the report shows every sample")
  void metricsKeepEverySampleOnPurpose() {
    Metrics.record(calls++);
  }

  @LeakTest
  void failsOnTheThirdCall() {
    if (++calls == 3) {
      throw new IllegalStateException("the third call fails");
    }
  }
}
