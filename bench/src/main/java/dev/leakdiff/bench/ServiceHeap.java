package dev.leakdiff.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario with a service-sized heap, for timing {@code leakdiff run}: its setup fills a map with 4 million customers
 * (six objects each: the map's node, a boxed key, the customer, its name and the name's bytes, its recent orders: 24
 * million objects, about 740 MiB live), and each iteration keeps one small audit entry in a static list, the leak the
 * run must find among them. Needs a heap of 2 GiB or more ({@code --jvm-arg=-Xmx3g}).
 */
public class ServiceHeap implements Runnable {
  /** What the service keeps per customer. */
  static final class Customer {
    final String name;
    final long[] recentOrders;
    final long since;

    Customer(long id) {
      this.name = "customer-" + id;
      this.recentOrders = new long[2];
      this.since = id;
    }
  }

  /** The leak: one per call, never removed. */
  static final class AuditEntry {
    final long at;

    AuditEntry(long at) {
      this.at = at;
    }
  }

  static final int CUSTOMERS = Integer.getInteger("serviceheap.customers", 4_000_000);
  static final Map<Long, Customer> CUSTOMERS_BY_ID = new HashMap<>(CUSTOMERS * 2);
  static final List<AuditEntry> AUDIT = new ArrayList<>();
  private long calls;

  public ServiceHeap() {
    for (long id = 0; id < CUSTOMERS; id++) {
      CUSTOMERS_BY_ID.put(1_000_000L + id, new Customer(id));
    }
  }

  @Override
  public void run() {
    AUDIT.add(new AuditEntry(calls++));
  }
}
