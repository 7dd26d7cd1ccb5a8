package dev.leakdiff.hunt;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Dumps the scenario's JVM of {@code leakdiff run} through the attach mechanism, then asks that JVM itself for its
 * buffer pools over the runner's line protocol (no diagnostic command tells them), after the dump's GC.
 */
final class ScenarioDumper implements HeapDumper {
  private final ScenarioProcess child;
  private final HeapDumper attach;

  ScenarioDumper(ScenarioProcess child) {
    this.child = child;
    this.attach = HeapDumper.attach(child.pid());
  }

  @Override
  public String target() {
    return attach.target();
  }

  @Override
  public void check() {
    attach.check();
  }

  @Override
  public Sidecar dump(Path file, boolean live, Duration timeout) {
    Sidecar facts = attach.dump(file, live, timeout);
    return facts.withBufferPools(child.pools());
  }
}
