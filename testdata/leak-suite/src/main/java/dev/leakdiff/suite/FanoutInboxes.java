package dev.leakdiff.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * Leak, accelerating. Each call subscribes one more client and broadcasts one message to every subscriber; each
 * subscriber keeps its inbox for ever. Call N adds N deliveries: the count of deliveries grows faster and faster.
 */
public class FanoutInboxes {
  record Message(long id, String text) {}

  record Delivery(Message message, long deliveredAt) {}

  static final class Subscriber {
    final String name;
    final List<Delivery> inbox = new ArrayList<>();

    Subscriber(String name) {
      this.name = name;
    }
  }

  static final List<Subscriber> SUBSCRIBERS = new ArrayList<>();
  private long calls;

  public void broadcast() {
    calls++;
    SUBSCRIBERS.add(new Subscriber("client-" + calls));
    Message m = new Message(calls, "tick " + calls);
    for (Subscriber s : SUBSCRIBERS) {
      s.inbox.add(new Delivery(m, calls));
    }
  }
}
