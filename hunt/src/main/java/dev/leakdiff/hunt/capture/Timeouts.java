package dev.leakdiff.hunt.capture;

import dev.leakdiff.hunt.LeakdiffException;

import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Dumps that must finish in time, and a timeout as the user gave it: in seconds, with no trailing zeros ("600", "0.5"). */
public final class Timeouts {
  private Timeouts() {}

  public static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
  }

  /** What the dump returns, unless it takes longer than the timeout (zero: no limit) or fails. */
  static <T> T within(Duration timeout, String target, Callable<T> dump) {
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "leakdiff-capture");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<T> written = worker.submit(dump);
      try {
        return written.get(timeout.isZero() ? Long.MAX_VALUE / 4 : timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // the target goes on writing: wait (a while) for it to close the file, so that deleting it leaves nothing
        try {
          written.get(60, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // deleted by the caller all the same
        }
        throw new LeakdiffException(Kind.CAPTURE_TIMEOUT, "the dump of " + target + " did not finish in " + seconds(timeout)
            + " s (--timeout); nothing was kept");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof LeakdiffException l) {
          throw l;
        }
        throw new LeakdiffException(Kind.CAPTURE_FAILED, target + " could not write its dump: "
            + LeakdiffException.rootMessage(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LeakdiffException(Kind.CAPTURE_FAILED, "the dump of " + target + " was interrupted");
      }
    } finally {
      worker.shutdownNow();
    }
  }
}
