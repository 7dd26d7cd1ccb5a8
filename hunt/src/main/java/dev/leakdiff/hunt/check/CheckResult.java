package dev.leakdiff.hunt.check;

import dev.leakdiff.diff.ClassSeries;
import dev.leakdiff.hunt.analysis.HuntResult;
import dev.leakdiff.hunt.findings.AllowedGrowth;
import dev.leakdiff.hunt.findings.Finding;
import dev.leakdiff.hunt.json.Json;
import dev.leakdiff.hunt.json.JsonObject;
import dev.leakdiff.hunt.words.FindingsJson;
import dev.leakdiff.hunt.words.Words;
import java.util.List;

/**
 * What a leak check found, its allowances applied.
 *
 * @param result the whole hunt (its directory is null when the dumps were deleted)
 * @param leaks the findings that are leaks and that no allowance covers, in the order run prints them
 * @param suspects the suspects no allowance covers
 * @param allowed the growth allowances covered, with the reasons given
 * @param words the wording of the message
 */
public record CheckResult(HuntResult result, List<Finding> leaks, List<ClassSeries> suspects, List<AllowedGrowth> allowed,
    Words words) {
  public CheckResult {
    leaks = List.copyOf(leaks);
    suspects = List.copyOf(suspects);
    allowed = List.copyOf(allowed);
  }

  /** Whether something not allowed leaks. */
  public boolean leaking() {
    return !leaks.isEmpty() || !suspects.isEmpty();
  }

  /** The finding as a failure message: the leaks as run prints them, then the suspects' rows, the dumps. */
  public String message() {
    return words.checkFailure(result.subject(), result.comparison().iterations(), leaks, suspects, result::facts, allowed,
        result.directory());
  }

  /**
   * The result as a JSON document (schema version 2, as run's findings): whether it leaks, the findings that are
   * leaks and the suspects no allowance covers, the allowed growth, and every other finding of the hunt.
   */
  public String json() {
    FindingsJson json = new FindingsJson(words);
    return Json.write(new JsonObject().with("schemaVersion", 2).with("test", result.subject()).with("leaking", leaking())
        .with("iterations", result.comparison().iterations())
        .with("leaks", leaks.stream().map(json::finding).toList())
        .with("suspects", suspects.stream().map(ClassSeries::name).toList())
        .with("allowed", allowed.stream().map(json::finding).toList())
        .with("findings", result.findings().stream().filter(f -> !f.leak()).map(json::finding).toList())
        .with("directory", result.directory() == null ? null : result.directory().toString()));
  }

  /** The same, its dumps deleted. */
  CheckResult withoutDirectory() {
    return new CheckResult(result.withoutDirectory(), leaks, suspects, allowed, words);
  }
}
