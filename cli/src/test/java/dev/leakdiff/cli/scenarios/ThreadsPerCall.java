package dev.leakdiff.cli.scenarios;

import java.util.concurrent.locks.LockSupport;

/**
 * Thread leaks of two makings: {@link #subclass} starts a {@link Poller} (a subclass of Thread) per call,
 * {@link #runnable} a plain Thread running a {@link Sleeper}; each parks for ever.
 */
public class ThreadsPerCall {
  private int calls;

  /** A subclass of Thread that waits for ever. */
  public static final class Poller extends Thread {
    Poller(int n) {
      super("poller-" + n);
      setDaemon(true);
    }

    @Override
    public void run() {
      while (true) {
        LockSupport.park(this);
      }
    }
  }

  /** A task that waits for ever. */
  public static final class Sleeper implements Runnable {
    @Override
    public void run() {
      while (true) {
        LockSupport.park(this);
      }
    }
  }

  public void subclass() {
    new Poller(++calls).start();
  }

  public void runnable() {
    Thread t = new Thread(new Sleeper(), "sleeper-" + ++calls);
    t.setDaemon(true);
    t.start();
  }
}
