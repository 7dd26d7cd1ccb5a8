package dev.leakdiff.junit.examples;

import dev.leakdiff.junit.AllowGrowth;
import dev.leakdiff.junit.LeakTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Test classes with {@code @LeakTest} methods that LeakTestTest runs through the JUnit Platform. Their names
 * end in neither Test nor Tests, so Surefire does not run them by itself: some of them must fail.
 */
public final class LeakExamples {
  private LeakExamples() {}

  /** What the examples keep or drop. */
  public static final class Item {
    final int n;

    Item(int n) {
      this.n = n;
    }
  }

  /** A metric the application keeps one of per call on purpose. */
  public static final class Metric {
    final long at = System.nanoTime();
  }

  /** Keeps one object per call in a static list: a leak. */
  public static class StaticList {
    static final List<Item> KEPT = new ArrayList<>();

    @LeakTest
    void keepsOnePerCall() {
      KEPT.add(new Item(KEPT.size()));
    }
  }

  /** Keeps one string per call: a leak of the JDK's most common class, whose count the test JVM's own work moves too. */
  public static class StringList {
    static final List<String> KEPT = new ArrayList<>();

    @LeakTest
    void keepsAStringPerCall() {
      KEPT.add("call " + KEPT.size());
    }
  }

  /** Allocates and drops. */
  public static class Clean {
    static int sum;

    @LeakTest
    void allocatesAndDrops() {
      List<Item> temp = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        temp.add(new Item(i));
      }
      sum += temp.size();
    }
  }

  /** A cache of the 16 latest items: it fills, then stays at its size. */
  public static class BoundedLru {
    static final Map<Integer, Item> CACHE = new LinkedHashMap<>(32, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Item> eldest) {
        return size() > 16;
      }
    };
    static int calls;

    @LeakTest
    void cachesTheLatest() {
      int n = calls++;
      CACHE.put(n, new Item(n));
    }
  }

  /** Keeps a metric per call, and says that is intended. */
  public static class AllowedByName {
    static final List<Metric> METRICS = new ArrayList<>();

    @LeakTest(allow = "*Metric")
    void recordsAMetric() {
      METRICS.add(new Metric());
    }
  }

  /** The same, allowed with a reason. */
  @AllowGrowth(value = "dev.leakdiff.junit.examples.LeakExamples$Metric", reason = "the metrics page shows every call")
  public static class AllowedWithReason {
    static final List<Metric> METRICS = new ArrayList<>();

    @LeakTest
    void recordsAMetric() {
      METRICS.add(new Metric());
    }
  }

  /** Throws on its third call. */
  public static class Throws {
    static int calls;

    @LeakTest
    void failsOnTheThirdCall() {
      if (++calls == 3) {
        throw new IllegalStateException("the third call fails");
      }
    }
  }

  /** Does nothing: whatever leakdiff itself allocates between the dumps must not show as growth. */
  public static class Empty {
    @LeakTest
    void nothing() {}
  }

  /** Leak tests in a child JVM: public class, constructor and methods. */
  public static class Forked {
    public static final List<Item> KEPT = new ArrayList<>();

    @LeakTest(fork = true, forkJvmArgs = "-Xmx64m")
    public void keepsOnePerCall() {
      KEPT.add(new Item(KEPT.size()));
    }

    @LeakTest(fork = true)
    public void keepsNothing() {
      KEPT.size();
    }
  }

  /** Counts its lifecycle methods and its body. */
  public static class Lifecycle {
    public static int before;
    public static int after;
    public static int body;

    @BeforeEach
    void before() {
      before++;
    }

    @AfterEach
    void after() {
      after++;
    }

    @LeakTest(iterations = {0, 2, 5})
    void counts() {
      body++;
    }
  }
}
