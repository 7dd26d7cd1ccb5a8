package dev.leakdiff.suite;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;

/**
 * Leak. Each call opens an order widget that registers itself on the application's Guava EventBus and is never
 * unregistered when the widget is closed: the bus keeps every widget.
 */
public class EventBusListeners implements Runnable {
  record OrderPlaced(long orderId) {}

  /** A listener with a little state of its own. */
  public static final class OrderWidget {
    final long[] shownOrders = new long[16];
    int shown;

    @Subscribe
    public void onOrder(OrderPlaced e) {
      shownOrders[shown++ % shownOrders.length] = e.orderId();
    }
  }

  static final EventBus BUS = new EventBus("orders");
  private long calls;

  @Override
  public void run() {
    calls++;
    OrderWidget widget = new OrderWidget();
    BUS.register(widget); // the widget is "closed" at the end of the call, but never unregistered
    BUS.post(new OrderPlaced(calls));
  }
}
