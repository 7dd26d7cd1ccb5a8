package dev.leakdiff.hprof;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one reading thread saw of one heap dump that tells whether its records fit together, and the checks made
 * on it once every thread is done. A damaged byte can turn a record into another that parses (a PRIM_ARRAY_DUMP's
 * tag into a root's, whose shorter body lets the array's own bytes parse on as more roots): each record reads, and
 * only how they refer to each other shows the damage.
 *
 * <p>Kept: the roots (a few thousand in a HotSpot dump, whatever its size) and the class dump ids, in growing
 * primitive arrays, and a filter of the object ids: one bit per hash of an id, set for every object read. A clear
 * bit means that no object of an id hashing there was read, so a root whose bit is clear names an object the dump
 * does not hold; a set bit proves nothing (the filter only finds what is missing). Per object that is one multiply
 * and one bit set, no allocation; the filter is sized to the dump and left out on dumps too large for it to tell.
 *
 * <p>What every dump HotSpot writes (JDK 6 to 25, checked on their dumps; Android's 1.0.3 files are not checked)
 * holds, and an error when it does not: one ROOT_THREAD_OBJECT per thread serial; its stack trace serial names a
 * STACK_TRACE of the same thread, or the dummy trace of thread 0 (the Serviceability Agent's writer, jmap -F and
 * jhsdb jmap, names that one for every thread); a root of a thread (Java frame, JNI local, native stack, thread
 * block) names a thread the dump defines; (a ROOT_STICKY_CLASS need not name a class the dump holds: a JDK 17 JVM running a flight recording writes some that
 * name none). Thread serial 0 is
 * "no thread" (the old hprof agent gave it to every thread it did not know) and is not checked. Counted warnings
 * where a writer could differ: a root naming an object the dump does not hold (JNI globals and sticky classes left out:
 * a JDK 17 JVM running a flight recording names classes it does not dump; a JDK 6 dump
 * has two such), a frame number past the end of its thread's own stack trace (the old hprof agent cut its traces
 * short), Android's records in a file that is not Android's.
 */
final class DumpChecks {
  /** Dumps with more heap bytes than this get no object filter: a few bits per object would tell nothing. */
  static final long MAX_FILTERED_BYTES = 64L << 20;
  private static final int MIN_FILTER_BITS = 1 << 12;
  private static final int MAX_FILTER_BITS = 1 << 24;

  private final long[] seen;
  private final int shift;

  private long[] rootIds = new long[64];
  private long[] rootOffsets = new long[64];
  private int[] rootTags = new int[64];
  private int[] rootThreads = new int[64];
  private int[] rootFrames = new int[64];
  private int roots;


  private int android;
  private long firstAndroid = Long.MAX_VALUE;
  private int firstAndroidTag;

  /** With a filter of the given number of bits (a power of 2), or none (0). */
  DumpChecks(int filterBits) {
    if (filterBits > 0) {
      seen = new long[Math.max(1, filterBits >>> 6)];
      shift = 64 - Integer.numberOfTrailingZeros(filterBits);
    } else {
      seen = null;
      shift = 0;
    }
  }

  /**
   * The filter's size for a dump of about this many heap bytes: between half a bit and a bit per byte (some 10 to 40
   * bits per object, so that few bits of ids never read are set), at most 2 MiB; 0 (no filter) past the limit.
   */
  static int filterBits(long heapBytes) {
    if (heapBytes > MAX_FILTERED_BYTES) {
      return 0;
    }
    long bits = Long.highestOneBit(Math.max(1, heapBytes / 2)) << 1;
    return (int) Math.max(MIN_FILTER_BITS, Math.min(MAX_FILTER_BITS, bits));
  }

  /** An object (instance, array or class) of this id was read. */
  void object(long id) {
    if (seen != null) {
      int h = (int) ((id * 0x9E3779B97F4A7C15L) >>> shift);
      seen[h >>> 6] |= 1L << h;
    }
  }

  void classDump(long id) {
    object(id);
  }

  /** A root sub-record at offset; for a ROOT_THREAD_OBJECT, frame is its stack trace serial. */
  void root(int tag, long id, int thread, int frame, long offset) {
    if (roots == rootIds.length) {
      int n = roots * 2;
      rootIds = Arrays.copyOf(rootIds, n);
      rootOffsets = Arrays.copyOf(rootOffsets, n);
      rootTags = Arrays.copyOf(rootTags, n);
      rootThreads = Arrays.copyOf(rootThreads, n);
      rootFrames = Arrays.copyOf(rootFrames, n);
    }
    rootIds[roots] = id;
    rootOffsets[roots] = offset;
    rootTags[roots] = tag;
    rootThreads[roots] = thread;
    rootFrames[roots] = frame;
    roots++;
    if (RootKind.byTag(tag).android) {
      android(tag, offset);
    }
  }

  /** A record only Android writes (a root of its own, HEAP_DUMP_INFO, PRIM_ARRAY_NODATA) at offset. */
  void android(int tag, long offset) {
    android++;
    if (offset < firstAndroid) {
      firstAndroid = offset;
      firstAndroidTag = tag;
    }
  }

  /**
   * Checks one dump from what each reading thread saw of it (whole: no part of it was cut off by a truncation):
   * throws an {@link HprofFormatException} on damage no writer makes, adds a warning for each kind of what
   * should not be but may; returns whether it warned.
   */
  static boolean check(Path file, HprofHeader header, ProfileData profile, List<DumpChecks> parts, boolean whole,
      String which, List<String> warnings) {
    if (parts.isEmpty() || header.version().equals("JAVA PROFILE 1.0.3")) {
      return false; // Android writes roots of its own kinds, without stack traces: none of this holds there
    }
    int before = warnings.size();
    // the threads the dump defines: by ROOT_THREAD_OBJECT (serial -> {offset, stack trace serial})
    Map<Integer, long[]> threadRoots = new HashMap<>();
    LongIntMap threads = new LongIntMap(64);
    long firstBad = Long.MAX_VALUE;
    String bad = null;
    boolean traces = !profile.traces().isEmpty();
    for (DumpChecks p : parts) {
      for (int i = 0; i < p.roots; i++) {
        if (p.rootTags[i] != RootKind.THREAD_OBJECT.tag) {
          continue;
        }
        int serial = p.rootThreads[i];
        long at = p.rootOffsets[i];
        if (serial == 0) {
          continue;
        }
        long[] other = threadRoots.get(serial);
        if (other != null) {
          // report the later of the two, which read first is the one in doubt
          long later = Math.max(at, other[0]);
          if (later < firstBad) {
            firstBad = later;
            bad = String.format("a second ROOT_THREAD_OBJECT of thread serial %d (the first is at offset %,d)",
                serial & 0xFFFFFFFFL, Math.min(at, other[0]));
          }
          if (at < other[0]) {
            threadRoots.put(serial, new long[] {at, p.rootFrames[i]});
          }
          continue;
        }
        threadRoots.put(serial, new long[] {at, p.rootFrames[i]});
        threads.put(serial, 1);
        ProfileData.StackTrace t = profile.trace(p.rootFrames[i]);
        if (traces && (t == null || t.threadSerial() != serial && t.threadSerial() != 0) && at < firstBad) {
          firstBad = at;
          bad = t == null
              ? String.format("a ROOT_THREAD_OBJECT of thread serial %d naming stack trace %d, which no STACK_TRACE record gives",
                  serial & 0xFFFFFFFFL, p.rootFrames[i] & 0xFFFFFFFFL)
              : String.format("a ROOT_THREAD_OBJECT of thread serial %d naming stack trace %d, which is thread %d's",
                  serial & 0xFFFFFFFFL, p.rootFrames[i] & 0xFFFFFFFFL, t.threadSerial() & 0xFFFFFFFFL);
        }
      }
    }
    for (ProfileData.StackTrace t : profile.traces()) {
      threads.put(t.threadSerial(), 1);
    }
    for (int serial : profile.threads().keySet()) {
      threads.put(serial, 1);
    }
    long[] filter = whole ? mergedFilter(parts) : null;
    int shift = parts.get(0).shift;
    long absent = 0;
    long firstAbsent = Long.MAX_VALUE;
    String absentExample = null;
    long farFrames = 0;
    long firstFar = Long.MAX_VALUE;
    String farExample = null;
    for (DumpChecks p : parts) {
      for (int i = 0; i < p.roots; i++) {
        int tag = p.rootTags[i];
        RootKind kind = RootKind.byTag(tag);
        long at = p.rootOffsets[i];
        long id = p.rootIds[i];
        int thread = p.rootThreads[i];
        if (kind.hasThread && kind != RootKind.THREAD_OBJECT && thread != 0 && threads.get(thread) == LongIntMap.MISSING
            && at < firstBad) {
          firstBad = at;
          bad = String.format("a %s root of thread serial %d, which no ROOT_THREAD_OBJECT, STACK_TRACE or START_THREAD record "
              + "gives", kind.name(), thread & 0xFFFFFFFFL);
        }
        // a ROOT_STICKY_CLASS may name a class with no CLASS_DUMP: HotSpot writes such roots when the Flight Recorder runs
        if (kind.extraBytes == 8 && kind.hasThread && kind != RootKind.THREAD_OBJECT && p.rootFrames[i] != -1) {
          long[] threadRoot = threadRoots.get(thread);
          ProfileData.StackTrace t = threadRoot == null ? null : profile.trace((int) threadRoot[1]);
          int frame = p.rootFrames[i];
          if (t != null && t.threadSerial() == thread && (frame < 0 || frame >= t.frameIds().length)) {
            farFrames++;
            if (at < firstFar) {
              firstFar = at;
              farExample = String.format("%s at offset %,d: frame %d of %d", kind.name(), at, frame & 0xFFFFFFFFL,
                  t.frameIds().length);
            }
          }
        }
        if (filter != null && kind != RootKind.JNI_GLOBAL && kind != RootKind.STICKY_CLASS && !held(filter, shift, id)) {
          absent++;
          if (at < firstAbsent) {
            firstAbsent = at;
            absentExample = String.format("%s 0x%X at offset %,d", kind.name(), id, at);
          }
        }
      }
    }
    if (bad != null) {
      throw new HprofFormatException(file, firstBad, tagAt(parts, firstBad), RecordTag.subRecordName(tagAt(parts, firstBad)),
          "damaged heap dump" + which + ": found " + bad);
    }
    if (absent > 0) {
      warnings.add(String.format("%s%s: %,d GC roots (%s, ...) name objects the dump does not hold: the dump is damaged",
          file, which, absent, absentExample));
    }
    if (farFrames > 0) {
      warnings.add(String.format("%s%s: %,d GC roots (%s, ...) name a frame past the end of their thread's stack trace: "
          + "the dump is damaged, or its writer cut the traces short", file, which, farFrames, farExample));
    }
    long androidRecords = 0;
    long firstAndroid = Long.MAX_VALUE;
    int androidTag = 0;
    for (DumpChecks p : parts) {
      androidRecords += p.android;
      if (p.firstAndroid < firstAndroid) {
        firstAndroid = p.firstAndroid;
        androidTag = p.firstAndroidTag;
      }
    }
    if (androidRecords > 0) {
      warnings.add(String.format("%s%s: %,d records only Android writes (%s at offset %,d, ...) in a %s file, which is not "
          + "Android's: the dump is damaged", file, which, androidRecords, RecordTag.subRecordName(androidTag), firstAndroid,
          header.version()));
    }
    return warnings.size() > before;
  }

  private static int tagAt(List<DumpChecks> parts, long offset) {
    for (DumpChecks p : parts) {
      for (int i = 0; i < p.roots; i++) {
        if (p.rootOffsets[i] == offset) {
          return p.rootTags[i];
        }
      }
    }
    return -1;
  }

  private static boolean held(long[] filter, int shift, long id) {
    int h = (int) ((id * 0x9E3779B97F4A7C15L) >>> shift);
    return (filter[h >>> 6] & (1L << h)) != 0;
  }

  /** The union of the threads' filters (all of one size), or null when the dump has none. */
  private static long[] mergedFilter(List<DumpChecks> parts) {
    if (parts.get(0).seen == null) {
      return null;
    }
    long[] all = parts.get(0).seen.clone();
    for (int k = 1; k < parts.size(); k++) {
      long[] s = parts.get(k).seen;
      for (int i = 0; i < all.length; i++) {
        all[i] |= s[i];
      }
    }
    return all;
  }
}
