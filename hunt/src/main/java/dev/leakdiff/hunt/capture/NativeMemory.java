package dev.leakdiff.hunt.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native memory summary of a JVM run with {@code -XX:NativeMemoryTracking=summary} (the output of
 * {@code VM.native_memory summary}), parsed: for each category (Java Heap, Class, Thread, Code, GC, Other, ...) and
 * the Total, the bytes reserved and committed. In JSON an object, category to {@code {"reserved", "committed"}}.
 *
 * <p>Held as two arrays of primitives indexed by a table of category names shared by every instance: a leak test
 * dumps its own JVM and keeps its captures' facts from one dump to the next, so that a capture must hold a handful of
 * objects, not one per category (see {@link Sidecar.MemoryUse}).
 *
 * <p>The lines read are the same in JDK 17, 21 and 25 (memReporter.cpp): {@code Total: reserved=7845971KB,
 * committed=488315KB} and, one per category, {@code -                    Thread (reserved=19506KB, committed=890KB)},
 * JDK 25 adding {@code , readonly=0KB} to the shared class space. Amounts are in the scale asked for (KB, the
 * default, is KiB); categories weighing less than one unit of it are left out of the text, and read as absent.
 */
public final class NativeMemory {
  /** The name of the sum of the categories, as the text has it. */
  public static final String TOTAL = "Total";

  private static final Pattern TOTAL_LINE =
      Pattern.compile("(?m)^Total: reserved=(\\d+)([KMG]?B), committed=(\\d+)([KMG]?B)");
  private static final Pattern CATEGORY_LINE =
      Pattern.compile("(?m)^-\\s*(\\S[^(\\n]*?) \\(reserved=(\\d+)([KMG]?B), committed=(\\d+)([KMG]?B)");

  /**
   * Every category name met so far, in the order the JVMs print them; an index into it is a column of
   * {@link #reserved} and {@link #committed}. The known names of JDK 17 to 25 come first, so that a capture adds
   * nothing here; a name not among them is added once, the first time it is met.
   */
  private static final List<String> NAMES = new ArrayList<>(List.of(TOTAL, "Java Heap", "Class", "Thread", "Thread Stack",
      "Code", "GC", "GCCardSet", "Compiler", "JVMCI", "Internal", "Other", "Symbol", "Native Memory Tracking",
      "Shared class space", "Arena Chunk", "Test", "Tracing", "Logging", "Statistics", "Arguments", "Module", "Safepoint",
      "Synchronization", "Serviceability", "Metaspace", "String Deduplication", "Object Monitors", "Unknown"));

  /** Bytes by category index; -1 where the text has no such category. */
  private final long[] reserved;
  private final long[] committed;

  private NativeMemory(long[] reserved, long[] committed) {
    this.reserved = reserved;
    this.committed = committed;
  }

  /** A category's reserved and committed bytes. */
  public record Amount(long reserved, long committed) {}

  /** The summary in this text, or null when it holds none (native memory tracking off: "not enabled"). */
  public static NativeMemory parse(String summary) {
    if (summary == null) {
      return null;
    }
    Matcher t = TOTAL_LINE.matcher(summary);
    if (!t.find()) {
      return null;
    }
    Map<String, Amount> amounts = new LinkedHashMap<>();
    amounts.put(TOTAL, new Amount(bytes(t.group(1), t.group(2)), bytes(t.group(3), t.group(4))));
    Matcher c = CATEGORY_LINE.matcher(summary);
    while (c.find()) {
      amounts.putIfAbsent(c.group(1).strip(), new Amount(bytes(c.group(2), c.group(3)), bytes(c.group(4), c.group(5))));
    }
    return of(amounts);
  }

  private static long bytes(String amount, String unit) {
    long n = Long.parseLong(amount);
    return switch (unit) {
      case "KB" -> n << 10;
      case "MB" -> n << 20;
      case "GB" -> n << 30;
      default -> n;
    };
  }

  /** The summary of these amounts by category (as the sidecar's JSON holds it). */
  public static NativeMemory of(Map<String, Amount> amounts) {
    int[] index = new int[amounts.size()];
    int i = 0;
    int size;
    synchronized (NAMES) {
      for (String name : amounts.keySet()) {
        int at = NAMES.indexOf(name);
        if (at < 0) {
          at = NAMES.size();
          NAMES.add(name);
        }
        index[i++] = at;
      }
      size = NAMES.size();
    }
    long[] r = new long[size];
    long[] c = new long[size];
    Arrays.fill(r, -1);
    Arrays.fill(c, -1);
    i = 0;
    for (Amount a : amounts.values()) {
      r[index[i]] = a == null ? -1 : a.reserved();
      c[index[i]] = a == null ? -1 : a.committed();
      i++;
    }
    return new NativeMemory(r, c);
  }

  /** The categories this summary has, the Total first, each with its amounts. */
  public Map<String, Amount> categories() {
    Map<String, Amount> out = new LinkedHashMap<>();
    for (int i = 0; i < committed.length; i++) {
      if (committed[i] >= 0) {
        out.put(name(i), new Amount(reserved[i], committed[i]));
      }
    }
    return out;
  }

  /** A category's committed bytes, or -1 when the summary does not have it (it weighed less than 1 KiB). */
  public long committed(String category) {
    int i = index(category);
    return i < 0 || i >= committed.length ? -1 : committed[i];
  }

  /** The bytes committed outside the Java heap: the Total less the Java Heap category; -1 without a Total. */
  public long committedOutsideHeap() {
    long total = committed(TOTAL);
    return total < 0 ? -1 : total - Math.max(0, committed("Java Heap"));
  }

  /** A category's reserved bytes, or -1 when the summary does not have it. */
  public long reserved(String category) {
    int i = index(category);
    return i < 0 || i >= reserved.length ? -1 : reserved[i];
  }

  private static String name(int index) {
    synchronized (NAMES) {
      return NAMES.get(index);
    }
  }

  private static int index(String category) {
    synchronized (NAMES) {
      return NAMES.indexOf(category);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NativeMemory n && n.categories().equals(categories());
  }

  @Override
  public int hashCode() {
    return categories().hashCode();
  }

  @Override
  public String toString() {
    return "NativeMemory" + categories();
  }
}
