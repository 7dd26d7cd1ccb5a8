package dev.leakdiff.hunt.words;

import dev.leakdiff.diff.Trend;
import dev.leakdiff.diff.Verdict;
import dev.leakdiff.hunt.capture.Capture;
import dev.leakdiff.hunt.watch.Fact;
import dev.leakdiff.hunt.watch.Sample;
import dev.leakdiff.hunt.watch.Watch;
import java.nio.file.Path;
import java.util.Locale;

/** The words of a watch, made from its values with a {@link Words}: rates per unit of work, verdict changes, the ending. */
public final class WatchWords {
  private final Words w;
  private final String unit;

  /** unit: the unit of work, singular ("minute", "request"). */
  public WatchWords(Words words, String unit) {
    this.w = words;
    this.unit = unit;
  }

  public Words words() {
    return w;
  }

  /** "+1.02 obj per request", or "" while there is no rate. */
  public String rate(double perUnit, String what) {
    if (Double.isNaN(perUnit)) {
      return "";
    }
    return (perUnit > 0 ? "+" : "") + w.rate(perUnit) + (what.isEmpty() ? "" : " " + what) + " per " + unit;
  }

  /** A verdict's word, or "-" while there is none (too few samples). */
  public String verdict(Verdict v) {
    return v == null ? "-" : w.verdict(v);
  }

  /** "threads", "RSS", "heap in use", "loaded classes", "native memory". */
  public String fact(Fact f) {
    return switch (f) {
      case THREADS -> "threads";
      case RSS_MIB -> "RSS";
      case HEAP_MIB -> "heap in use";
      case LOADED_CLASSES -> "loaded classes";
      case NATIVE_KIB -> "native memory";
    };
  }

  /** A fact's value in a sample: "19", "45.2 MiB". */
  public String factValue(Fact f, Sample s) {
    Double v = f.of(s);
    if (v == null) {
      return "?";
    }
    return switch (f) {
      case THREADS, LOADED_CLASSES -> w.count(Math.round(v));
      case RSS_MIB, HEAP_MIB -> w.bytes(Math.round(v * 1048576));
      case NATIVE_KIB -> w.bytes(Math.round(v * 1024));
    };
  }

  /** A fact's rate: "+2 per minute", "+1.5 MiB per request". */
  public String factRate(Fact f, double perUnit) {
    return switch (f) {
      case THREADS, LOADED_CLASSES -> rate(perUnit, "");
      case RSS_MIB -> Double.isNaN(perUnit) ? "" : w.signedBytes(Math.round(perUnit * 1048576)) + " per " + unit;
      case HEAP_MIB -> Double.isNaN(perUnit) ? "" : w.signedBytes(Math.round(perUnit * 1048576)) + " per " + unit;
      case NATIVE_KIB -> Double.isNaN(perUnit) ? "" : w.signedBytes(Math.round(perUnit * 1024)) + " per " + unit;
    };
  }

  /** A class's growth: "+100 obj, +3.1 KiB per request". */
  public String classRate(Trend t, double averageBytes) {
    double rate = t.verdict() == Verdict.LATE ? t.lateRate() : t.rate(); // late: the rate since it began to grow
    if (Double.isNaN(rate)) {
      return "";
    }
    return (rate > 0 ? "+" : "") + w.rate(rate) + " obj, " + w.signedBytes(Math.round(rate * averageBytes)) + " per " + unit
        + (t.verdict() == Verdict.LATE ? " lately" : "");
  }

  /** "sample 9: com.acme.Entry: leak (was grows), +100 obj, +3.1 KiB per request over 9 samples". */
  public String change(Watch.Change c, double averageBytes) {
    String what = c.className() != null ? c.className() : fact(c.fact());
    String rate = c.className() != null ? classRate(c.trend(), averageBytes) : factRate(c.fact(), c.trend().rate());
    return "sample " + c.sample() + ": " + what + ": " + verdict(c.to()) + (c.from() == null ? "" : " (was " + verdict(c.from()) + ")")
        + (rate.isEmpty() || c.to() == Verdict.STABLE ? "" : ", " + rate + " over " + c.trend().samples() + " samples");
  }

  /** One sample on one line, for a pipe: "sample 3 at 13:02:05, work 12 request: heap in use 3.1 MiB, RSS ..., ...". */
  public String sampleLine(Sample s) {
    StringBuilder b = new StringBuilder("sample " + s.index() + " at " + clock(s.time()) + ", " + work(s.work()) + ":");
    String sep = " ";
    for (Fact f : Fact.values()) {
      if (f.of(s) != null) {
        b.append(sep).append(fact(f)).append(' ').append(factValue(f, s));
        sep = ", ";
      }
    }
    return b.append(sep).append("GC pause ").append(pause(s.gcPauseMillis())).toString();
  }

  /** The work done: "12.5 minutes", "1,200 request(s)". */
  public String work(double work) {
    String n = work == Math.rint(work) && Math.abs(work) < 1e15 ? w.count(Math.round(work)) : String.format(Locale.ROOT, "%,.2f", work);
    return n + " " + unit + (work == 1 ? "" : "s");
  }

  /** "HH:MM:SS" of an ISO-8601 time. */
  public String clock(String isoTime) {
    int t = isoTime.indexOf('T');
    return t < 0 || isoTime.length() < t + 9 ? isoTime : isoTime.substring(t + 1, t + 9);
  }

  /** "12 ms", or "?" where the target keeps no counters. */
  public String pause(Double millis) {
    return millis == null ? "?" : String.format(Locale.ROOT, "%.1f ms", millis);
  }

  /**
   * What each sample cost the target: "Cost per sample: one full GC in pid 123, its pause 12.0 ms (median of 30; at most
   * 31.2 ms); a sample took 85 ms in all (median)".
   */
  public String cost(Watch.Result r) {
    Watch.Cost c = r.cost();
    String pause = c.pausesKnown() == 0 ? "its pause unknown (the target keeps no performance counters)"
        : "its pause " + pause(c.pauseMillisMedian()) + " (median of " + c.pausesKnown() + "; at most " + pause(c.pauseMillisMax())
            + ")";
    return "Cost per sample: one full GC in pid " + r.pid() + ", " + pause + "; a sample took "
        + String.format(Locale.ROOT, "%.0f ms", c.sampleMillisMedian()) + " in all (median), attach to detach.";
  }

  /** Why the watch ended, and that what it gathered follows. */
  public String ending(Watch.Result r) {
    int n = r.samples().size();
    String samples = w.count(n) + " sample" + (n == 1 ? "" : "s");
    return switch (r.ending()) {
      case DURATION -> "The watch of pid " + r.pid() + " ended as asked (--for) after " + samples + ".";
      case SAMPLES -> "The watch of pid " + r.pid() + " ended as asked (--samples) after " + samples + ".";
      case STOPPED -> "The watch of pid " + r.pid() + " was stopped after " + samples + ".";
      case TARGET_ENDED -> "The target ended: pid " + r.pid() + " is gone after " + samples + " (" + r.failure().getMessage()
          + "); the report of the samples so far follows.";
      case FAILED -> "The watch of pid " + r.pid() + " failed after " + samples + ": " + r.failure().getMessage()
          + "; the report of the samples so far follows.";
    };
  }

  /** "not dumping: 1.2 GiB free in DIR, and two dumps need about twice the heap in use (800 MiB)". */
  public String dumpSkipped(Path dir, long free, long heapUsed) {
    return "not dumping: " + w.bytes(free) + " free in " + dir + ", and two dumps need about twice the heap in use ("
        + w.bytes(heapUsed) + ")";
  }

  /** "dumped pid 123 to DIR/watch-1.hprof (12.3 MiB in 0.4 s)". */
  public String dumped(Capture c) {
    return "dumped to " + c.dump() + " (" + w.bytes(c.facts().dumpBytes()) + " in "
        + String.format(Locale.ROOT, "%.1f s", c.facts().dumpMillis() / 1000.0) + ")";
  }

  /** No suspect in the histograms. */
  public String noSuspect(int samples, int needed) {
    return samples < needed ? "No verdict yet: a trend needs " + needed + " samples, and there " + (samples == 1 ? "is " : "are ")
        + w.count(samples) + "." : "No class grows in proportion to the work: no leak suspect.";
  }

  /** What a suspect from the histograms is, until dumps confirm it. */
  public String suspectsFromHistograms(int n) {
    return n + " leak suspect(s) from the class histograms: they count everything alive after a full GC, softly held caches"
        + " included; --dumps DIR counts the strongly held instances and shows who holds them.";
  }

  /** "com.acme.Entry: 1,000 -> 2,000 strongly held (+100 per request)". */
  public String strongly(String className, Watch.Confirmation c) {
    long[] counts = c.strong().get(className);
    double rate = c.strongRate(className);
    return className + ": " + w.count(counts[0]) + " -> " + w.count(counts[counts.length - 1])
        + " instances held through strong references" + (Double.isNaN(rate) ? "" : " (" + rate(rate, "obj") + ")");
  }
}
