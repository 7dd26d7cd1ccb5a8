package dev.leakdiff.hunt.scenarios;

import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.check.CheckResult;
import dev.leakdiff.hunt.check.LeakDiff;
import java.nio.file.Path;

/**
 * A leak test of an empty body in a JVM of its own (run with native memory tracking on): dumps after every iteration,
 * so that whatever a capture keeps of its facts would grow like a leak. Prints "passed" and the first capture's
 * native memory categories and direct pool, or the finding.
 */
public final class SelfCheckWithNmt {
  private SelfCheckWithNmt() {}

  public static void main(String[] args) {
    CheckResult f = LeakDiff.builder().name("empty").iterations(0, 1, 2, 3, 4, 5, 6).dir(Path.of(args[0]))
        .check(() -> {});
    if (f.leaking()) {
      System.out.println("failed: " + f.message());
      return;
    }
    Capture c = f.result().captures().get(0);
    System.out.println("passed; categories " + c.facts().nativeMemory().categories().size() + "; direct "
        + c.facts().bufferPools().direct() + "; warnings " + f.result().process().findings().stream().map(f.words()::finding).toList());
  }
}
