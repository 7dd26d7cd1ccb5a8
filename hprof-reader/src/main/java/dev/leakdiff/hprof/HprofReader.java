package dev.leakdiff.hprof;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Reads an hprof file: the header, the top-level records, and the heap dump sub-records of the selected
 * dumps, handed to {@link HeapVisitor}s. A plain file is read in two steps, a scan of the top-level records
 * and then the heap dump segments in parallel with positional reads; a gzip-compressed file is read in one
 * sequential pass. Either way memory stays proportional to the number of classes and strings.
 */
public final class HprofReader implements Closeable {
  /**
   * The scan of a plain file seeks past every heap segment and refills at the next record header: a small
   * window keeps it from reading each segment's first megabyte for nothing (the workers read them anyway).
   */
  private static final int SCAN_BUFFER = 16 << 10;
  private static final int STREAM_BUFFER = 1 << 20;
  /**
   * The longest STRING record body past its id: HotSpot's symbols are at most 65,535 bytes. A longer one is a
   * damaged length, or a heap segment (HotSpot's are about 1 MB) whose tag was damaged into STRING's.
   */
  private static final long MAX_STRING = 65_535;

  private final Path file;
  private final FileChannel channel;
  private final long fileSize;
  private final boolean gzip;
  private final int threads;

  private HprofReader(Path file, FileChannel channel, boolean gzip, int threads) throws IOException {
    this.file = file;
    this.channel = channel;
    this.fileSize = channel.size();
    this.gzip = gzip;
    this.threads = threads;
  }

  /** Opens a dump, plain or gzip-compressed (told by its magic bytes, not its name). */
  public static HprofReader open(Path file) throws IOException {
    return open(file, Runtime.getRuntime().availableProcessors());
  }

  /** Opens a dump, reading its heap with at most the given number of threads. */
  public static HprofReader open(Path file, int threads) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ByteBuffer magic = ByteBuffer.allocate(2);
      channel.read(magic, 0);
      boolean gzip = magic.position() == 2 && (magic.get(0) & 0xFF) == 0x1F && (magic.get(1) & 0xFF) == 0x8B;
      return new HprofReader(file, channel, gzip, Math.max(1, threads));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  /** Size of the file on disk. */
  public long fileSize() {
    return fileSize;
  }

  public boolean compressed() {
    return gzip;
  }

  /** Reads the file, visiting the heap of the selected dumps with visitors from the factory. */
  public <V extends HeapVisitor> HprofContents<V> read(DumpSelection selection, Supplier<V> visitors, Progress progress) {
    progress.begin(fileSize); // a plain file: its records' headers; a gzip file: the one pass, over its compressed bytes
    try {
      return gzip ? readStream(selection, visitors, progress) : readFile(selection, visitors, progress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  // ---------------------------------------------------------------- the sequential pass

  private <V extends HeapVisitor> HprofContents<V> readFile(DumpSelection selection, Supplier<V> visitors, Progress progress) {
    Scan<V> scan = new Scan<>(file);
    Cursor c = new Cursor(new ByteSource.FileRange(channel, 0, fileSize), 0, SCAN_BUFFER);
    scanRecords(scan, c, null, null, progress);
    int count = scan.dumps.size();
    List<long[]> work = new ArrayList<>();
    long heapBytes = 0;
    for (long[] s : scan.segments) {
      if (selection.selects((int) s[0], count)) {
        work.add(s);
        heapBytes += Math.min(s[2], fileSize) - s[1];
      }
    }
    progress.begin(heapBytes); // the second pass: the selected heap records
    SegmentReader.read(file, channel, fileSize, threads, scan, work, visitors, progress, true);
    scan.checkDumps();
    return scan.contents();
  }

  /**
   * Reads a sample of the selected dump's heap: whole segments spread evenly over it, about maxBytes in all,
   * for an estimate of what a full read will meet (a plain file only: returns null for a compressed one, or
   * for a dump whose one heap record is larger than maxBytes). The contents' dumps give the whole dump's bytes.
   */
  public <V extends HeapVisitor> Sample<V> readSample(DumpSelection selection, Supplier<V> visitors, long maxBytes) {
    if (gzip) {
      return null;
    }
    Scan<V> scan = new Scan<>(file);
    Cursor c = new Cursor(new ByteSource.FileRange(channel, 0, fileSize), 0, SCAN_BUFFER);
    scanRecords(scan, c, null, null, new Progress());
    int count = scan.dumps.size();
    List<long[]> mine = new ArrayList<>();
    long total = 0;
    for (long[] seg : scan.segments) {
      if (selection.selects((int) seg[0], count)) {
        mine.add(seg);
        total += Math.min(seg[2], fileSize) - seg[1];
      }
    }
    if (mine.isEmpty() || total == 0) {
      return null;
    }
    int stride = (int) Math.max(1, Math.min(mine.size(), total / Math.max(1, maxBytes)));
    List<long[]> work = new ArrayList<>();
    long sampled = 0;
    // the first segment (where HotSpot writes the class dumps), then every stride-th from the middle of the first stride
    for (int i = 0; i < mine.size(); i = i == 0 && stride > 1 ? stride / 2 : i + stride) {
      long[] seg = mine.get(i);
      long bytes = Math.min(seg[2], fileSize) - seg[1];
      if (bytes > 4 * maxBytes) {
        return null; // one huge record: sampling it would read all of it
      }
      work.add(seg);
      sampled += bytes;
    }
    SegmentReader.read(file, channel, fileSize, threads, scan, work, visitors, new Progress(), false);
    return new Sample<>(scan.contents(), sampled, total);
  }

  /** A sample of a dump's heap: what was read, the heap bytes read and the dump's heap bytes in all. */
  public record Sample<V extends HeapVisitor>(HprofContents<V> contents, long sampledBytes, long heapBytes) {}

  private <V extends HeapVisitor> HprofContents<V> readStream(DumpSelection selection, Supplier<V> visitors, Progress progress)
      throws IOException {
    Scan<V> scan = new Scan<>(file);
    CountingStream raw = new CountingStream(new BufferedInputStream(Channels.newInputStream(channel.position(0)), 1 << 16),
        progress);
    InputStream in;
    try {
      in = new GZIPInputStream(raw, 1 << 16);
    } catch (IOException e) {
      throw new HprofFormatException(file, 0, -1, "not a readable gzip file (" + e.getMessage() + ")");
    }
    Cursor c = new Cursor(new ByteSource.Stream(in), 0, STREAM_BUFFER);
    try {
      scanRecords(scan, c, selection, visitors, progress);
    } catch (UncheckedIOException e) {
      // a gzip stream cut short or damaged: what was read stands, like a truncated plain file
      scan.truncated(c.position(), "the gzip stream ends early or is damaged: " + e.getCause().getMessage());
    }
    if (!selection.isAll()) {
      int chosen = selection.isLast() ? scan.dumps.size() - 1 : selection.index();
      scan.visited.keySet().removeIf(k -> k != chosen);
    }
    scan.checkDumps();
    return scan.contents();
  }

  /**
   * The top-level loop. With visitors (a stream), heap records are parsed inline; without (a plain file),
   * their places are noted for the parallel step and skipped.
   */
  private <V extends HeapVisitor> void scanRecords(Scan<V> scan, Cursor c, DumpSelection selection, Supplier<V> visitors,
      Progress progress) {
    scan.header = HprofHeader.read(file, c);
    long limit = gzip ? Long.MAX_VALUE : fileSize;
    HeapRecordParser parser = new HeapRecordParser(file, limit);
    // one call per record rather than one loop body: a dump opens with tens of thousands of small records
    // (names), and a method called that often is compiled after a few hundred calls, a loop only much later
    while (scanRecord(scan, c, limit, parser, selection, visitors, progress)) {
      // next record
    }
  }

  /** Reads or notes one top-level record; false at the end of the data. */
  private <V extends HeapVisitor> boolean scanRecord(Scan<V> scan, Cursor c, long limit, HeapRecordParser parser,
      DumpSelection selection, Supplier<V> visitors, Progress progress) {
    long start = c.position();
    if (!gzip) {
      progress.set(start);
    }
    if (!c.ensure(1)) {
      return false;
    }
    if (!c.ensure(9)) {
      scan.truncated(start, "the file ends inside a record header");
      return false;
    }
    int tag = c.u1Unchecked();
    c.skipUnchecked(4); // time
    long length = c.u4Unchecked() & 0xFFFFFFFFL;
    long body = c.position();
    long end = body + length;
    if (tag == RecordTag.HEAP_DUMP || tag == RecordTag.HEAP_DUMP_SEGMENT) {
      return heapRecord(scan, c, tag, start, body, end, limit, parser, selection, visitors);
    }
    if (tag == RecordTag.HEAP_DUMP_END) {
      scan.openSegmentDump = -1;
    }
    if (end > limit) {
      if (!RecordTag.isTopLevel(tag)) {
        throw new HprofFormatException(file, start, tag, "damaged record: unknown tag with a length past the end of the file");
      }
      scan.truncated(start, "its last " + RecordTag.nameOf(tag) + " record runs past the end of the file");
      return false;
    }
    try {
      if (!topLevelRecord(scan, c, tag, start, body, end)) {
        scan.truncated(start, "the file ends inside a " + RecordTag.nameOf(tag) + " record");
        return false;
      }
    } catch (Cursor.EndOfData e) {
      scan.truncated(start, "the file ends inside a " + RecordTag.nameOf(tag) + " record");
      return false;
    }
    return true;
  }

  /** Handles a HEAP_DUMP or HEAP_DUMP_SEGMENT record; false when reading must stop (truncation). */
  private <V extends HeapVisitor> boolean heapRecord(Scan<V> scan, Cursor c, int tag, long start, long body, long end,
      long limit, HeapRecordParser parser, DumpSelection selection, Supplier<V> visitors) {
    int dump;
    boolean openEnded = false;
    if (tag == RecordTag.HEAP_DUMP) {
      scan.openSegmentDump = -1;
      dump = scan.newDump(start);
      if (end == body || (end < limit && !startsRecord(end))) {
        // a length written as 0 or overflowed on a heap over 4 GB: read to the end of the file, as MAT does
        scan.warnings.add(String.format("%s: the HEAP_DUMP record at offset %,d has a wrong length (%,d); read to the end of the file",
            file, start, end - body));
        end = limit;
        openEnded = true;
      }
    } else {
      if (scan.openSegmentDump < 0) {
        scan.openSegmentDump = scan.newDump(start);
      }
      dump = scan.openSegmentDump;
    }
    int ordinal = scan.dumps.get(dump).records();
    scan.grow(dump, Math.min(end, limit) - body);
    if (visitors == null) {
      scan.segments.add(new long[] {dump, body, end, openEnded ? 1 : 0, ordinal});
      if (end > limit) {
        scan.truncated(Math.max(body, fileSize), "its last heap dump record runs past the end of the file");
      }
      return c.seek(Math.min(end, limit));
    }
    if (!selection.isAll() && !selection.isLast() && dump != selection.index()) {
      // one dump named by its index: the others are not visited (their objects are not that dump's)
      if (!c.seek(end)) {
        scan.truncated(start, "the file ends inside a heap dump record");
        return false;
      }
      return true;
    }
    V v = scan.visited.computeIfAbsent(dump, k -> new ArrayList<>(List.of(visitors.get()))).get(0);
    v.segment(ordinal);
    // the size of a compressed file's heap is not known before it is read: the usual gzip ratio tells how large a filter
    DumpChecks checks = scan.checks.computeIfAbsent(dump, k -> new ArrayList<>(List.of(new DumpChecks(
        DumpChecks.filterBits(4 * fileSize))))).get(0);
    try {
      parser.parse(c, end, openEnded, v, checks);
      return true;
    } catch (HeapRecordParser.Truncated t) {
      scan.truncated(t.offset, "the file ends inside a heap dump sub-record");
      return false;
    }
  }

  /** Whether the byte at offset is a known top-level tag: used to tell a wrong HEAP_DUMP length. */
  private boolean startsRecord(long offset) {
    if (gzip) {
      return true;
    }
    try {
      ByteBuffer b = ByteBuffer.allocate(1);
      return channel.read(b, offset) == 1 && RecordTag.isTopLevel(b.get(0) & 0xFF);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one non-heap top-level record; false when the data ends first. */
  private boolean topLevelRecord(Scan<?> scan, Cursor c, int tag, long start, long body, long end) {
    int id = c.idSize;
    ProfileData p = scan.profile;
    if ((tag == RecordTag.STRING || tag == RecordTag.LOAD_CLASS) && scan.openSegmentDump >= 0 && !scan.warnedAmongSegments) {
      // HotSpot writes every name before the heap: one among the segments is most likely a segment's tag damaged
      scan.warnedAmongSegments = true;
      scan.warnings.add(String.format("%s: a %s record at offset %,d among the heap dump's segments (a damaged record tag?); "
          + "if it was a segment, its objects are not counted", file, RecordTag.nameOf(tag), start));
    }
    switch (tag) {
      case RecordTag.STRING -> {
        if (end - body < id) {
          throw new HprofFormatException(file, start, tag, "damaged record: shorter than an id");
        }
        if (end - body - id > MAX_STRING) {
          // the JVM's names (symbols) are at most 65,535 bytes: a longer one is a damaged length, which in a
          // compressed file nothing else bounds
          throw new HprofFormatException(file, start, tag, String.format(
              "damaged record: a name of %,d bytes (the JVM's are at most 65,535)", end - body - id));
        }
        long sid = c.id();
        p.strings().add(sid, c, (int) (end - body - id));
      }
      case RecordTag.LOAD_CLASS -> p.addClass(new ProfileData.LoadedClass(c.u4(), c.id(), c.u4(), c.id()));
      case RecordTag.STACK_FRAME -> p.addFrame(new ProfileData.StackFrame(c.id(), c.id(), c.id(), c.id(), c.u4(), c.u4()));
      case RecordTag.STACK_TRACE -> {
        int serial = c.u4();
        int thread = c.u4();
        int frames = c.u4();
        if (frames < 0 || (long) frames * id > end - c.position()) {
          throw new HprofFormatException(file, start, tag, "damaged record: frame count " + frames + " does not fit its length");
        }
        // grown as read: in a compressed file the length bounds nothing, and memory follows what the file holds
        long[] ids = new long[Math.min(frames, 1024)];
        for (int i = 0; i < frames; i++) {
          if (i == ids.length) {
            ids = java.util.Arrays.copyOf(ids, (int) Math.min(frames, 2L * i));
          }
          ids[i] = c.id();
        }
        p.addTrace(new ProfileData.StackTrace(serial, thread, ids));
      }
      case RecordTag.START_THREAD -> {
        int serial = c.u4();
        long object = c.id();
        int trace = c.u4();
        long name = c.id();
        long group = c.id();
        c.id();
        p.addThread(new ProfileData.ThreadStart(serial, object, trace, name, group));
      }
      default -> {
        int fixed = switch (tag) {
          case RecordTag.UNLOAD_CLASS, RecordTag.END_THREAD -> 4;
          case RecordTag.HEAP_SUMMARY -> 24;
          case RecordTag.CONTROL_SETTINGS -> 6;
          case RecordTag.HEAP_DUMP_END -> 0;
          default -> -1;
        };
        if (fixed >= 0 && end - body != fixed) {
          throw new HprofFormatException(file, start, tag, "damaged record: its length says " + (end - body)
              + " bytes, a " + RecordTag.nameOf(tag) + " record has " + fixed);
        }
        if (!RecordTag.isTopLevel(tag) && !scan.warnedUnknown) {
          scan.warnedUnknown = true;
          scan.warnings.add(String.format("%s: skipped a record with unknown tag 0x%02X at offset %,d", file, tag, start));
        }
        return c.seek(end);
      }
    }
    if (c.position() != end) {
      throw new HprofFormatException(file, start, tag,
          "damaged record: its length says " + (end - body) + " bytes, its fields take " + (c.position() - body));
    }
    return true;
  }
}
