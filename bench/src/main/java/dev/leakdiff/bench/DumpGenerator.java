package dev.leakdiff.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the live object graph of a busy service, deterministic, until its live heap dump reaches the asked
 * size, then writes that dump: strings, maps, lists, small objects of mixed fields, arrays, linked
 * structures and a few large buffers, and 200,000 {@link Record}s held by static REGISTRY -> HashMap ->
 * ArrayList -> Record (the type the paths benchmark looks for).
 *
 * <p>java -Xmx8g -cp leakdiff-bench.jar dev.leakdiff.bench.DumpGenerator OUT.hprof [TARGET_MB]
 */
public final class DumpGenerator {
  /** The type with many instances that the paths benchmark asks about. */
  public static final class Record {
    final long id;
    final String name;
    final int[] values;
    Record parent;

    Record(long id, String name, int[] values) {
      this.id = id;
      this.name = name;
      this.values = values;
    }
  }

  /** A small object with mixed fields, the bulk of a service's heap. */
  static final class Session {
    final String user;
    final long started;
    int hits;
    double score;
    boolean active;
    Map<String, Object> attributes;
    Session previous;

    Session(String user, long started) {
      this.user = user;
      this.started = started;
    }
  }

  static final class Event {
    final long at;
    final short kind;
    final byte[] payload;

    Event(long at, short kind, byte[] payload) {
      this.at = at;
      this.kind = kind;
      this.payload = payload;
    }
  }

  static final Map<String, List<Record>> REGISTRY = new HashMap<>();
  static final List<Object> ROOTS = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    long targetBytes = (args.length > 1 ? Long.parseLong(args[1]) : 900) << 20;
    if (Files.exists(out)) {
      System.err.println(out + ": exists; not overwritten");
      System.exit(2);
    }
    Random random = new Random(20261124);
    for (int i = 0; i < 200_000; i++) {
      String group = "group-" + (i % 2_000);
      Record r = new Record(i, "record-" + i, new int[1 + random.nextInt(6)]);
      List<Record> list = REGISTRY.computeIfAbsent(group, k -> new ArrayList<>());
      r.parent = list.isEmpty() ? null : list.get(list.size() - 1);
      list.add(r);
    }
    // the dump writes about 1.6 bytes per byte of live heap in this mix (ids of 8 bytes, record headers)
    long dumpEstimate = 0;
    int round = 0;
    while (dumpEstimate < targetBytes) {
      dumpEstimate += addRound(random, round++);
    }
    System.out.printf("rounds %d, estimated dump %,d bytes%n", round, dumpEstimate);
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(out.toString(), true);
    System.out.printf("%s: %,d bytes%n", out, Files.size(out));
  }

  /** One slice of the heap, about 10 MB of dump; returns its estimated dump size. */
  private static long addRound(Random random, int round) {
    long bytes = 0;
    Map<String, Session> sessions = new HashMap<>();
    Session previous = null;
    for (int i = 0; i < 20_000; i++) {
      String user = "user-" + round + "-" + i;
      Session s = new Session(user, 1_700_000_000_000L + i);
      s.hits = random.nextInt(1000);
      s.score = random.nextDouble();
      s.active = (i & 1) == 0;
      s.previous = previous;
      if (i % 4 == 0) {
        s.attributes = new ConcurrentHashMap<>();
        s.attributes.put("locale", "en-" + (i % 7));
        s.attributes.put("visits", (long) i);
      }
      previous = s;
      sessions.put(user, s);
      bytes += 330;
    }
    LinkedList<Event> events = new LinkedList<>();
    for (int i = 0; i < 30_000; i++) {
      events.add(new Event(i, (short) (i % 40), new byte[16 + random.nextInt(48)]));
      bytes += 220;
    }
    Object[] table = new Object[10_000];
    for (int i = 0; i < table.length; i++) {
      table[i] = switch (i % 4) {
        case 0 -> new long[1 + random.nextInt(8)];
        case 1 -> Integer.valueOf(random.nextInt());
        case 2 -> new char[random.nextInt(20)];
        default -> null;
      };
      bytes += 60;
    }
    if (round % 20 == 0) {
      ROOTS.add(new byte[1 << 20]);
      bytes += 1 << 20;
    }
    ROOTS.add(sessions);
    ROOTS.add(events);
    ROOTS.add(table);
    return bytes;
  }
}
