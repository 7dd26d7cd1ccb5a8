package dev.leakdiff.cli.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario for leakdiff run's tests: once() keeps five Items in a static list (a leak of 5 per iteration);
 * setup() and teardown() leave marks in the file named by -Dcounting.marks, to show they ran.
 */
public class CountingScenario {
  /** What once() leaks. */
  public static final class Item {
    final long n;

    Item(long n) {
      this.n = n;
    }
  }

  static final List<Item> ITEMS = new ArrayList<>();

  private long calls;

  public void setup() throws IOException {
    mark("setup");
  }

  public void once() {
    for (int i = 0; i < 5; i++) {
      ITEMS.add(new Item(calls * 5 + i));
    }
    calls++;
  }

  public void teardown() throws IOException {
    mark("teardown after " + calls);
  }

  private static void mark(String what) throws IOException {
    String marks = System.getProperty("counting.marks");
    if (marks != null) {
      Files.writeString(Path.of(marks), what + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
  }
}
