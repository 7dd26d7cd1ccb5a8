package dev.leakdiff.cli.scenarios;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A listener registered as a lambda per call and never removed: an event hub keeps every one (each captures the call's
 * number, so each is a new object of the one lambda class).
 */
public class LambdaListeners implements Runnable {
  /** The hub: what is registered here is called on each event, for ever. */
  static final List<Consumer<String>> LISTENERS = new CopyOnWriteArrayList<>();
  private long calls;
  private long seen;

  @Override
  public void run() {
    long call = calls++;
    LISTENERS.add(event -> seen += event.length() + call); // the listener's lambda
    LISTENERS.get(LISTENERS.size() - 1).accept("order-" + call);
  }
}
