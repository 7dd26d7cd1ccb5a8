package dev.leakdiff.cli.scenarios;

import java.io.ByteArrayOutputStream;

/**
 * Responses written to a ByteArrayOutputStream that a service keeps as its "last output" and never resets: 1,500
 * bytes a call, one stream and one buffer for ever.
 */
public class GrowingOutput implements Runnable {
  static final class Service {
    final ByteArrayOutputStream lastOutput = new ByteArrayOutputStream();
  }

  static final Service SERVICE = new Service();

  @Override
  public void run() {
    byte[] response = new byte[1500];
    SERVICE.lastOutput.write(response, 0, response.length);
  }
}
