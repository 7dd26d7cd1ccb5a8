package dev.leakdiff.hunt.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** GC.heap_info as JDK 17 and JDK 25 print it (real outputs), for the collectors leakdiff reads. */
class HeapInfoTest {
  private static final long K = 1024;
  private static final long M = 1024 * 1024;

  @Test
  void jdk17() {
    assertEquals(new Sidecar.MemoryUse(19258 * K, 397312 * K, -1), HeapInfo.parse("""
         garbage-first heap   total 397312K, used 19258K [0x0000000687400000, 0x0000000800000000)
          region size 4096K, 4 young (16384K), 0 survivors (0K)
         Metaspace       used 9008K, committed 9216K, reserved 1114112K
          class space    used 1076K, committed 1152K, reserved 1048576K
        """, -1));
    assertEquals(new Sidecar.MemoryUse(20659 * K, (116160 + 258048) * K, 7), HeapInfo.parse("""
         def new generation   total 116160K, used 20659K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
          eden space 103296K,  20% used [0x0000000687400000, 0x000000068882cf50, 0x000000068d8e0000)
          from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
          to   space 12864K,   0% used [0x000000068e570000, 0x000000068e570000, 0x000000068f200000)
         tenured generation   total 258048K, used 0K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
           the space 258048K,   0% used [0x0000000704d50000, 0x0000000704d50000, 0x0000000704d50200, 0x0000000714950000)
         Metaspace       used 9018K, committed 9216K, reserved 1114112K
          class space    used 1076K, committed 1152K, reserved 1048576K
        """, 7));
    assertEquals(new Sidecar.MemoryUse(52 * M, 378 * M, 6028 * M), HeapInfo.parse("""
         ZHeap           used 52M, capacity 378M, max capacity 6028M
         Metaspace       used 8991K, committed 9152K, reserved 1114112K
        """, -1));
  }

  @Test
  void jdk25() {
    // the top-level lines lose their leading space; G1 tells its total as reserved and committed
    assertEquals(new Sidecar.MemoryUse(12528 * K, 393216 * K, -1), HeapInfo.parse("""
        garbage-first heap   total reserved 6172672K, committed 393216K, used 12528K [0x0000000687400000, 0x0000000800000000)
         region size 4096K, 3 young (12288K), 1 survivors (4096K)
        """, -1));
    assertEquals(new Sidecar.MemoryUse((31021 + 1166) * K, (116160 + 258048) * K, -1), HeapInfo.parse("""
        DefNew     total 116160K, used 31021K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
         eden space 103296K,  30% used [0x0000000687400000, 0x000000068924b598, 0x000000068d8e0000)
         from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
         to   space 12864K,   0% used [0x000000068e570000, 0x000000068e570000, 0x000000068f200000)
        Tenured    total 258048K, used 1166K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
         the  space 258048K,   0% used [0x0000000704d50000, 0x0000000704e73ab8, 0x0000000714950000)
        """, -1));
    assertEquals(new Sidecar.MemoryUse(62 * M, 378 * M, 6028 * M), HeapInfo.parse("""
        ZHeap            used 62M, capacity 378M, max capacity 6028M
         Cache           316M (1)
          size classes   256M (1)
        """, -1));
  }
}
