package dev.leakdiff.cli.scenarios;

import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * No leak: a memo keyed weakly by request objects that die after the call, with values in SoftReferences the
 * GC may clear. The entries of collected keys stay in the map until its next access expunges them.
 */
public class WeakSoftMemo implements Runnable {
  /** A request: the memo's key, dropped after the call. */
  public static final class Request {
    final long n;

    Request(long n) {
      this.n = n;
    }
  }

  /** What the memo keeps for a request. */
  public static final class Answer {
    final long[] values = new long[16];
  }

  private static final Map<Request, SoftReference<Answer>> MEMO = new WeakHashMap<>();
  private long calls;

  @Override
  public void run() {
    Request r = new Request(calls++);
    MEMO.put(r, new SoftReference<>(new Answer()));
  }
}
