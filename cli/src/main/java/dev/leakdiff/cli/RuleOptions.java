package dev.leakdiff.cli;

import dev.leakdiff.diff.VerdictRule;
import picocli.CommandLine.Option;

/** The thresholds of the verdict rule, shared by compare and run; docs/method.md explains them. */
final class RuleOptions {
  @Option(names = "--noise", defaultValue = "" + VerdictRule.DEFAULT_NOISE, paramLabel = "OBJECTS",
      description = "A change of at most this many objects between two dumps is noise (default ${DEFAULT-VALUE}).")
  long noise;

  @Option(names = "--noise-fraction", defaultValue = "" + VerdictRule.DEFAULT_NOISE_FRACTION, paramLabel = "F",
      description = "... or of at most this fraction of the class's count (default ${DEFAULT-VALUE}).")
  double noiseFraction;

  @Option(names = "--min-rate", defaultValue = "" + VerdictRule.DEFAULT_MIN_RATE, paramLabel = "R",
      description = "A class grows only if it adds at least R objects per iteration in the last interval (default ${DEFAULT-VALUE}).")
  double minRate;

  @Option(names = "--tolerance", defaultValue = "" + VerdictRule.DEFAULT_TOLERANCE, paramLabel = "T",
      description = "How far (relative) an interval's growth may stray from the steady rate and still be a leak (default ${DEFAULT-VALUE}).")
  double tolerance;

  VerdictRule rule() {
    return new VerdictRule(noise, noiseFraction, minRate, tolerance);
  }
}
