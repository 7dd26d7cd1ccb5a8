package dev.leakdiff.hunt.findings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code --fail-on-leak} (and anything else that gates on a hunt) makes of its findings: one row per kind of
 * finding, and the worst effect among the findings decides. The one place the rule is written; docs/exit-codes.md shows
 * the same table (a test compares them).
 */
public final class Gate {
  private Gate() {}

  /** What a series comes to. */
  public enum Outcome {
    /** Judged, and nothing leaks. */
    PASS,
    /** Something leaks. */
    LEAK,
    /** No verdict could be made for the whole series. */
    CANNOT_JUDGE
  }

  /** What a kind of finding does to the outcome, in rising order of weight: the heaviest among the findings wins. */
  public enum Effect {
    /** Reported, and passes. */
    PASSES(Outcome.PASS),
    /** A class no verdict was made for: could not judge, unless something else leaks. */
    UNCLEAR(Outcome.CANNOT_JUDGE),
    /** A leak. */
    LEAK(Outcome.LEAK),
    /** The series itself cannot be judged: could not judge, even beside a leak (its figures are not to be trusted). */
    SERIES(Outcome.CANNOT_JUDGE);

    public final Outcome outcome;

    Effect(Outcome outcome) {
      this.outcome = outcome;
    }
  }

  /** The rule: each kind of finding (as {@link Finding#kind} names it) and its effect. A new kind adds a row. */
  public static final Map<String, Effect> TABLE = table(
      "leak", Effect.LEAK,
      "threadLeak", Effect.LEAK,
      "loaderLeak", Effect.LEAK,
      "bytesGrowth", Effect.LEAK,
      "suspect", Effect.LEAK,
      "cannotJudge", Effect.SERIES,
      "lateGrowth", Effect.UNCLEAR,
      "outsideHeap", Effect.PASSES,
      "heldOffHeap", Effect.PASSES,
      "clearableCache", Effect.PASSES,
      "loaderGrowth", Effect.PASSES,
      "allowedGrowth", Effect.PASSES);

  /**
   * The effect of a finding: its kind's row; a kind with no row counts as what its {@link Finding#leak} says (a bounded
   * cache: a leak past its bound, or when its bound, full, would not fit in the heap).
   */
  public static Effect effect(Finding f) {
    Effect e = TABLE.get(f.kind());
    return e != null ? e : f.leak() ? Effect.LEAK : Effect.PASSES;
  }

  /** The outcome of a series' findings: that of the heaviest effect among them; a pass when there are none. */
  public static Outcome decide(List<? extends Finding> findings) {
    Effect worst = Effect.PASSES;
    for (Finding f : findings) {
      Effect e = effect(f);
      if (e.compareTo(worst) > 0) {
        worst = e;
      }
    }
    return worst.outcome;
  }

  private static Map<String, Effect> table(Object... rows) {
    Map<String, Effect> out = new LinkedHashMap<>();
    for (int i = 0; i < rows.length; i += 2) {
      out.put((String) rows[i], (Effect) rows[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }
}
