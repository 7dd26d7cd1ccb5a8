package dev.leakdiff.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A small document-indexing worker, the shape of many real ones: sections are bulk-inserted into an
 * in-memory index, searches come back as a table (Tablesaw's {@link Table}), statistics scan everything,
 * and the last index requests can be listed.
 *
 * <p>It has one planted leak: every search's result table is kept in {@link #RESULT_HISTORY} "for the
 * analytics page", and nothing ever evicts it. With the system property {@code leakdiff.demo.fixed=true}
 * the history keeps only the latest table per query, which is the fix. Everything else is bounded: the
 * index holds a fixed set of documents (re-indexing one replaces it), the request log keeps the last
 * {@value #REQUEST_LOG} requests, and the synonym table is loaded once, on the first search.
 */
public final class IndexWorker {
  /** The planted leak: every result table, by query, never evicted. */
  static final Map<String, List<Table>> RESULT_HISTORY = new HashMap<>();

  static final int REQUEST_LOG = 32;

  private static final boolean FIXED = Boolean.getBoolean("leakdiff.demo.fixed");

  private final Map<String, Document> index = new HashMap<>();
  private final ArrayDeque<IndexRequest> requests = new ArrayDeque<>();
  private Synonyms synonyms; // the one-time cache: loaded by the first search, then kept
  private long nextRequest = 1;

  /** Indexes a document's sections, replacing what was indexed under that id before. */
  public void addSections(String docId, String title, List<Section> sections) {
    long start = System.nanoTime();
    index.put(docId, new Document(docId, title, List.copyOf(sections)));
    log(new IndexRequest(nextRequest++, "add", docId, sections.size(), System.nanoTime() - start));
  }

  /** The best sections for a query, best first, as a table: doc, section, heading, score. */
  public Table search(String query, int limit) {
    long start = System.nanoTime();
    List<String> terms = synonyms().expand(Text.terms(query));
    StringColumn doc = StringColumn.create("doc");
    IntColumn number = IntColumn.create("section");
    StringColumn heading = StringColumn.create("heading");
    DoubleColumn score = DoubleColumn.create("score");
    for (Document d : index.values()) {
      for (Section s : d.sections()) {
        double sc = s.score(terms);
        if (sc > 0) {
          doc.append(d.id());
          number.append(s.number());
          heading.append(s.heading());
          score.append(sc);
        }
      }
    }
    Table all = Table.create("search: " + query, doc, number, heading, score);
    Table best = all.sortDescendingOn("score").first(limit);
    keep(query, best);
    log(new IndexRequest(nextRequest++, "search", null, best.rowCount(), System.nanoTime() - start));
    return best;
  }

  private static void keep(String query, Table result) {
    List<Table> history = RESULT_HISTORY.computeIfAbsent(query, q -> new ArrayList<>());
    if (FIXED) {
      history.clear();
    }
    history.add(result);
  }

  /** Counts over the whole index: documents, sections, words, distinct terms, the most frequent term. */
  public Stats getStats() {
    Map<String, Integer> termCounts = new HashMap<>();
    long words = 0;
    int sections = 0;
    for (Document d : index.values()) {
      for (Section s : d.sections()) {
        sections++;
        for (Map.Entry<String, Integer> e : s.terms().entrySet()) {
          termCounts.merge(e.getKey(), e.getValue(), Integer::sum);
          words += e.getValue();
        }
      }
    }
    String top = termCounts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    return new Stats(index.size(), sections, words, termCounts.size(), top);
  }

  /** The logged requests of one kind ("add", "search"), newest first. */
  public List<IndexRequest> findIndexRequests(String kind) {
    List<IndexRequest> found = new ArrayList<>();
    for (IndexRequest r : requests) {
      if (r.kind().equals(kind)) {
        found.add(r);
      }
    }
    Collections.reverse(found);
    return found;
  }

  private void log(IndexRequest r) {
    if (requests.size() == REQUEST_LOG) {
      requests.removeFirst();
    }
    requests.addLast(r);
  }

  private Synonyms synonyms() {
    if (synonyms == null) {
      synonyms = Synonyms.load();
    }
    return synonyms;
  }

  /** An indexed document. */
  record Document(String id, String title, List<Section> sections) {}

  /** One logged request: what, on which document, how many sections or rows, how long. */
  public record IndexRequest(long id, String kind, String docId, int size, long nanos) {}

  /** What getStats reports. */
  public record Stats(int documents, int sections, long words, int terms, String topTerm) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d documents, %d sections, %d words, %d terms (top: %s)",
          documents, sections, words, terms, topTerm);
    }
  }
}
