package dev.leakdiff.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * No leak. Each call builds its own ObjectMapper (a common mistake for speed, not for memory), writes a small order
 * as JSON, reads it back and drops the mapper with everything it cached.
 */
public class JacksonPerCall {
  /** The POJO: public fields and a no-argument constructor, the way Jackson binds it. */
  public static class Order {
    public String id;
    public int quantity;
    public List<String> tags;

    public Order() {}

    Order(String id, int quantity, List<String> tags) {
      this.id = id;
      this.quantity = quantity;
      this.tags = tags;
    }
  }

  private int calls;

  public void roundTrip() throws Exception {
    calls++;
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(new Order("order-" + calls, calls % 7, List.of("web", "eu")));
    Order back = mapper.readValue(json, Order.class);
    if (back.quantity != calls % 7 || !back.id.equals("order-" + calls)) {
      throw new IllegalStateException("round trip changed the order: " + json);
    }
  }
}
