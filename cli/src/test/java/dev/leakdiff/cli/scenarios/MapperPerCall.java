package dev.leakdiff.cli.scenarios;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** No leak: each call makes a Jackson ObjectMapper, writes a small map with it, and drops it. */
public class MapperPerCall implements Runnable {
  private long calls;

  @Override
  public void run() {
    try {
      new ObjectMapper().writeValueAsString(Map.of("call", calls++, "name", "x" + calls));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
