package dev.leakdiff.hunt.capture;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap's use from the GC.heap_info diagnostic command: the generations' (or regions') used and total summed
 * over the top-level lines (G1, Serial, Parallel), or ZGC's used and capacity. Null for a collector it cannot read.
 * JDK 25 writes the top-level lines without their leading space, and G1's total as "total reserved R, committed C".
 */
public final class HeapInfo {
  private HeapInfo() {}

  /**
   * " def new generation   total 116160K, used 8263K [...", " garbage-first heap   total 397312K, used 4675K [..." and
   * (JDK 25) "garbage-first heap   total reserved 6172672K, committed 393216K, used 12528K [...".
   */
  private static final Pattern GENERATION = Pattern.compile(
      "(?m)^ ?(?!Metaspace|class space)\\S[^\\n]*?total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K");
  /** " ZHeap           used 2M, capacity 378M, max capacity 6028M" (no leading space in JDK 25). */
  private static final Pattern ZGC = Pattern.compile("(?m)^ ?ZHeap\\s+used (\\d+)M, capacity (\\d+)M, max capacity (\\d+)M");

  /** The use GC.heap_info tells, with the maximum heap size (-1 when unknown) for the collectors that do not tell it. */
  public static Sidecar.MemoryUse parse(String heapInfo, long maxHeap) {
    if (heapInfo == null) {
      return null;
    }
    Matcher z = ZGC.matcher(heapInfo);
    if (z.find()) {
      return new Sidecar.MemoryUse(mib(z.group(1)), mib(z.group(2)), mib(z.group(3)));
    }
    long used = 0;
    long total = 0;
    boolean any = false;
    Matcher g = GENERATION.matcher(heapInfo);
    while (g.find()) {
      total += Long.parseLong(g.group(1)) << 10;
      used += Long.parseLong(g.group(2)) << 10;
      any = true;
    }
    return any ? new Sidecar.MemoryUse(used, total, maxHeap) : null;
  }

  private static long mib(String n) {
    return Long.parseLong(n) << 20;
  }
}
