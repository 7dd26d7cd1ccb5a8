package dev.leakdiff.cli.scenarios;

/**
 * A debug trace kept in a static StringBuilder that every call appends a line of about a kilobyte to and nobody
 * clears: one builder and one array for ever, the array ever larger.
 */
public class DebugTrace implements Runnable {
  static final StringBuilder DEBUG_LOG = new StringBuilder();
  private long calls;

  @Override
  public void run() {
    DEBUG_LOG.append("call ").append(calls++).append(": ");
    for (int i = 0; i < 100; i++) {
      DEBUG_LOG.append("step-").append(i % 10).append(' ');
    }
    DEBUG_LOG.append('\n');
  }
}
