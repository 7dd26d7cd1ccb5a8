package dev.leakdiff.hunt.analysis;

import dev.leakdiff.graph.SuspectValues;
import dev.leakdiff.hunt.findings.Leak;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the field values of the last two dumps say about a leak suspect: the native memory its instances hold
 * (direct buffers' capacity, and pooled Netty buffers' share of their chunks) and its growth per iteration, and how
 * many of its instances have identical field values (the values themselves are never kept or shown).
 *
 * @param directBytes the direct memory the suspect holds in the last dump
 * @param alike the largest group of its instances with identical field values in the last dump; 0 when not compared
 */
public record SuspectFacts(long directBytes, double directBytesPerIteration, double buffersPerIteration,
    double mappedBytesPerIteration, long alike, long instances) {
  /** Below this, growth of native memory per iteration is not worth a word: a buffer of a page or two. */
  private static final double WORTH_SAYING = 1024;

  public static Map<String, SuspectFacts> of(SuspectValues.Result before, SuspectValues.Result now, double span) {
    Set<String> names = new HashSet<>(before.owned().keySet());
    names.addAll(now.owned().keySet());
    names.addAll(now.alike().keySet());
    Map<String, SuspectFacts> out = new HashMap<>();
    SuspectValues.Owned none = new SuspectValues.Owned(0, 0, 0);
    for (String name : names) {
      SuspectValues.Owned a = before.owned().getOrDefault(name, none);
      SuspectValues.Owned b = now.owned().getOrDefault(name, none);
      SuspectValues.Alike alike = now.alike().get(name);
      out.put(name, new SuspectFacts(b.directBytes(), (b.directBytes() - a.directBytes()) / span, (b.buffers() - a.buffers()) / span,
          (b.mappedBytes() - a.mappedBytes()) / span, alike == null ? 0 : alike.alike(), alike == null ? 0 : alike.instances()));
    }
    return out;
  }

  /** Whether most of its instances (nine in ten, and at least ten of them) are alike field by field. */
  public boolean mostlyAlike() {
    return instances >= 10 && alike * 10 >= instances * 9;
  }

  /** No facts: nothing held outside the heap, instances not compared. */
  public static final SuspectFacts NONE = new SuspectFacts(0, 0, 0, 0, 0, 0);

  /** The native memory these suspects take more per iteration, or null below 1 KiB of both kinds. */
  public static Leak.OffHeap offHeap(Map<String, SuspectFacts> facts, Collection<String> names) {
    double direct = 0;
    double mapped = 0;
    for (String n : names) {
      SuspectFacts f = facts.get(n);
      if (f != null) {
        direct += f.directBytesPerIteration;
        mapped += f.mappedBytesPerIteration;
      }
    }
    return direct >= WORTH_SAYING || mapped >= WORTH_SAYING
        ? new Leak.OffHeap(direct >= WORTH_SAYING ? direct : 0, mapped >= WORTH_SAYING ? mapped : 0) : null;
  }
}
