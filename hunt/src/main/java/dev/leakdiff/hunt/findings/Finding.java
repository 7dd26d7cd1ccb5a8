package dev.leakdiff.hunt.findings;

/**
 * Something a hunt found, as a value: its kind and the facts that words, JSON and the HTML report are made from
 * ({@code dev.leakdiff.hunt.words}). Which kinds there are is not closed: later versions add kinds (and fields), so
 * code that reads findings keeps a default for a kind it does not know.
 */
public interface Finding {
  /** The kind's name, as JSON gives it: {@code leak}, {@code threadLeak}, {@code loaderLeak}, ... */
  String kind();

  /** Whether it is a leak: what fails a leak test and {@code --fail-on-leak}. */
  boolean leak();
}
