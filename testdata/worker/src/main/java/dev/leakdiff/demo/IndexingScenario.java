package dev.leakdiff.demo;

import java.util.List;

/**
 * The demo's scenario for {@code leakdiff run}: one iteration is one request cycle of the worker. It
 * re-indexes a document (bulk insert of its sections), runs a search, reads the statistics and lists the
 * recent index requests, the way a client of the worker would.
 */
public final class IndexingScenario implements Runnable {
  static final int DOCUMENTS = 40;
  static final int SECTIONS = 6;
  static final int WORDS = 80;
  static final String[] QUERIES = {"kalo", "mitu renka", "sado", "velqui", "nerpa zo", "tuka", "quimi", "zoren"};

  private static final String[] IDS = new String[DOCUMENTS];
  private static final String[] TITLES = new String[DOCUMENTS];

  static {
    for (int d = 0; d < DOCUMENTS; d++) {
      IDS[d] = "doc-" + d;
      TITLES[d] = "Document " + d;
    }
  }

  private final IndexWorker worker = new IndexWorker();
  private int iteration;

  /** Indexes every document once, which also fills the request log: the state before the first iteration. */
  public void setup() {
    for (int d = 0; d < DOCUMENTS; d++) {
      index(d);
    }
  }

  @Override
  public void run() {
    int i = iteration++;
    index(i % DOCUMENTS);
    worker.search(QUERIES[i % QUERIES.length], 20);
    worker.getStats();
    List<IndexWorker.IndexRequest> adds = worker.findIndexRequests("add");
    if (adds.isEmpty()) {
      throw new IllegalStateException("the request log lost the index requests");
    }
  }

  private void index(int d) {
    worker.addSections(IDS[d], TITLES[d], Text.sections(d, SECTIONS, WORDS));
  }

  /** Runs the scenario by hand: prints the statistics and a search after N iterations (default 10). */
  public static void main(String[] args) {
    IndexingScenario s = new IndexingScenario();
    s.setup();
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    for (int i = 0; i < n; i++) {
      s.run();
    }
    System.out.println(s.worker.getStats());
    System.out.println(s.worker.search(QUERIES[0], 5));
  }
}
