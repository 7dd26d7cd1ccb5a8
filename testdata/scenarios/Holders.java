import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Objects with known holders, for the tests of `leakdiff paths`. Run as a single-file program:
 *
 *   java Holders.java OUT.hprof
 *
 * writes a heap dump that keeps unreachable objects (live=false), taken right after a full GC, holding:
 * HeldByStatic (a static ArrayList), HeldByThreadLocal (a ThreadLocal of a live, parked thread named
 * "holder-thread"), Listener (a CopyOnWriteArrayList of listeners in a static bus), Owner (captured as this$0
 * by an anonymous Runnable in a static list), CycleA and CycleB (a cycle held by a static), WeaklyHeld (only a
 * WeakReference holds it), TwoWays (a static field and, three hops further, a chain of wrappers), MapKey and
 * MapValue (a static HashMap), and Unreachable (garbage).
 */
public class Holders {
  static final class HeldByStatic {}
  static final class HeldByThreadLocal {}
  static final class Listener {}
  static final class EventBus {
    final List<Listener> listeners = new CopyOnWriteArrayList<>();
  }
  static final class Owner {
    Runnable task() {
      return new Runnable() {
        @Override
        public void run() {
          System.out.println(Owner.this);
        }
      };
    }
  }
  static final class CycleA {
    CycleB partner;
  }
  static final class CycleB {
    CycleA partner;
  }
  static final class WeaklyHeld {}
  static final class TwoWays {}
  static final class Wrapper {
    Object inner;

    Wrapper(Object inner) {
      this.inner = inner;
    }
  }
  static final class MapKey {}
  static final class MapValue {}
  static final class Unreachable {}

  static final List<HeldByStatic> STATIC_LIST = new ArrayList<>();
  static final EventBus BUS = new EventBus();
  static final List<Runnable> TASKS = new ArrayList<>();
  static CycleA CYCLE;
  static WeakReference<WeaklyHeld> WEAK;
  static TwoWays SHORT_WAY;
  static Wrapper LONG_WAY;
  static final Map<MapKey, MapValue> MAP = new HashMap<>();
  static final ThreadLocal<HeldByThreadLocal> LOCAL = new ThreadLocal<>();
  static Object sink;

  public static void main(String[] args) throws Exception {
    for (int i = 0; i < 3; i++) {
      STATIC_LIST.add(new HeldByStatic());
      BUS.listeners.add(new Listener());
      MAP.put(new MapKey(), new MapValue());
    }
    TASKS.add(new Owner().task());
    CYCLE = new CycleA();
    CYCLE.partner = new CycleB();
    CYCLE.partner.partner = CYCLE;
    TwoWays both = new TwoWays();
    SHORT_WAY = both;
    LONG_WAY = new Wrapper(new Wrapper(both));
    both = null;
    CountDownLatch ready = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      install();
      ready.countDown();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "holder-thread");
    holder.setDaemon(true);
    holder.start();
    ready.await();
    System.gc();
    WEAK = new WeakReference<>(new WeaklyHeld());
    sink = new Unreachable();
    sink = null;
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(args[0], false);
    System.out.println("dumped " + WEAK.get());
  }

  /** Sets the thread-local in a frame of its own, so that no local variable of the parked frame holds the value. */
  private static void install() {
    LOCAL.set(new HeldByThreadLocal());
  }
}
