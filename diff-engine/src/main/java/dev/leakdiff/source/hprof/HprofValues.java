package dev.leakdiff.source.hprof;

import dev.leakdiff.graph.DumpValues;
import dev.leakdiff.graph.Frame;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.ValueRequest;
import dev.leakdiff.hprof.BasicType;
import dev.leakdiff.hprof.Cursor;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.HeapVisitor;
import dev.leakdiff.hprof.HprofReader;
import dev.leakdiff.hprof.LongIntMap;
import dev.leakdiff.hprof.ProfileData;
import dev.leakdiff.hprof.Progress;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The values of an HPROF dump a graph does not keep: threads' stack frames from the top-level records (kept from the
 * graph's build), and field values, strings and hashes, read for a whole request in one pass over the heap records.
 */
final class HprofValues implements DumpValues {
  /** Past this many characters a string is not read (thread names, keys: short). */
  private static final int MAX_STRING = 1 << 16;

  private final Path file;
  private final DumpSelection selection;
  private final int idSize;
  private final HprofClasses classes;
  private final ProfileData profile;
  private final int[] traceBySerial;

  HprofValues(Path file, DumpSelection selection, int idSize, HprofClasses classes, ProfileData profile, int[] traceBySerial) {
    this.file = file;
    this.selection = selection;
    this.idSize = idSize;
    this.classes = classes;
    this.profile = profile;
    this.traceBySerial = traceBySerial;
  }

  @Override
  public String jvmClassName(long classId) {
    return profile.named(classId) ? profile.rawClassName(classId) : null;
  }

  @Override
  public Frame frame(int threadSerial, int n) {
    if (threadSerial >= traceBySerial.length) {
      return null;
    }
    ProfileData.StackTrace trace = profile.trace(traceBySerial[threadSerial]);
    if (trace == null || n >= trace.frameIds().length) {
      return null;
    }
    ProfileData.StackFrame f = profile.frame(trace.frameIds()[n]);
    if (f == null) {
      return null;
    }
    ProfileData.LoadedClass c = profile.classBySerial(f.classSerial());
    return new Frame(c == null ? "?" : profile.className(c.classId()), profile.strings().getOr(f.methodNameId()),
        profile.strings().getOr(f.sourceFileId()), f.line());
  }

  @Override
  public ValueRequest.Answers read(HeapGraph g, ValueRequest r, Progress progress) throws IOException {
    ValueRequest.Answers answers = r.answers();
    LongIntMap strings = new LongIntMap(64);
    LongIntMap stringArrays = new LongIntMap(64);
    for (int i = 0; i < r.strings(); i++) {
      int s = r.stringObject(i);
      int v = g.slotTarget(s, "value");
      if (v >= 0) {
        strings.put(g.idOf(s), i);
        stringArrays.put(g.idOf(v), i);
      }
    }
    LongIntMap ints = new LongIntMap(256);
    for (int i = 0; i < r.ints(); i++) {
      ints.put(g.idOf(r.intObject(i)), i);
    }
    LongIntMap hashes = new LongIntMap(256);
    for (int i = 0; i < r.hashes(); i++) {
      hashes.put(g.idOf(r.hashObject(i)), i);
    }
    byte[] coders = new byte[r.strings()];
    byte[][] characters = new byte[r.strings()][];
    boolean[] utf16Arrays = new boolean[r.strings()];
    try (HprofReader reader = HprofReader.open(file)) {
      reader.read(selection, () -> new Reading(r, answers, strings, stringArrays, ints, hashes, coders, characters, utf16Arrays),
          progress);
    }
    for (int i = 0; i < r.strings(); i++) {
      if (characters[i] != null) {
        Charset cs = utf16Arrays[i] ? StandardCharsets.UTF_16BE
            : coders[i] == 1 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1;
        answers.setString(i, new String(characters[i], cs));
      }
    }
    return answers;
  }

  /** One reading thread's visitor: each wanted object's fields copied once into a buffer, then read from it. */
  private final class Reading implements HeapVisitor {
    private final ValueRequest request;
    private final ValueRequest.Answers answers;
    private final LongIntMap strings;
    private final LongIntMap stringArrays;
    private final LongIntMap ints;
    private final LongIntMap hashes;
    private final byte[] coders;
    private final byte[][] characters;
    private final boolean[] utf16Arrays;
    private byte[] buffer = new byte[256];

    Reading(ValueRequest request, ValueRequest.Answers answers, LongIntMap strings, LongIntMap stringArrays, LongIntMap ints,
        LongIntMap hashes, byte[] coders, byte[][] characters, boolean[] utf16Arrays) {
      this.request = request;
      this.answers = answers;
      this.strings = strings;
      this.stringArrays = stringArrays;
      this.ints = ints;
      this.hashes = hashes;
      this.coders = coders;
      this.characters = characters;
      this.utf16Arrays = utf16Arrays;
    }

    @Override
    public void instance(long id, long classId, int fieldBytes, Cursor fields) {
      int s = strings.get(id);
      int i = ints.get(id);
      int h = hashes.get(id);
      if (s == LongIntMap.MISSING && i == LongIntMap.MISSING && h == LongIntMap.MISSING) {
        return;
      }
      int c = classes.table.indexOf(classId);
      if (c < 0 || fieldBytes < 0) {
        return;
      }
      if (buffer.length < fieldBytes) {
        buffer = new byte[Math.max(fieldBytes, buffer.length * 2)];
      }
      fields.bytes(buffer, 0, fieldBytes);
      byte[] types = classes.fieldTypes.get(c);
      if (s != LongIntMap.MISSING) {
        coders[s] = (byte) byteField(types, fieldBytes);
      }
      if (i != LongIntMap.MISSING) {
        int at = classes.fieldOffset(c, request.intField(i), BasicType.INT, idSize);
        int wide = at >= 0 ? -1 : classes.fieldOffset(c, request.intField(i), BasicType.LONG, idSize);
        if (at >= 0 && at + 4 <= fieldBytes) {
          answers.setInt(i, (buffer[at] & 0xFFL) << 24 | (buffer[at + 1] & 0xFF) << 16 | (buffer[at + 2] & 0xFF) << 8
              | (buffer[at + 3] & 0xFF));
        } else if (wide >= 0 && wide + 8 <= fieldBytes) {
          long v = 0;
          for (int k = 0; k < 8; k++) {
            v = v << 8 | (buffer[wide + k] & 0xFFL);
          }
          answers.setInt(i, v);
        }
      }
      if (h != LongIntMap.MISSING) {
        answers.setHash(h, primitiveHash(types, fieldBytes));
      }
    }

    /** The value of the first byte field (a String's coder: 0 Latin-1, 1 UTF-16; JDK 8 Strings have none). */
    private int byteField(byte[] types, int fieldBytes) {
      int at = 0;
      for (byte t : types) {
        int size = t == BasicType.OBJECT.code ? idSize : BasicType.byCode(t).size;
        if (at + size > fieldBytes) {
          return 0;
        }
        if (t == BasicType.BYTE.code) {
          return buffer[at];
        }
        at += size;
      }
      return 0;
    }

    /** A hash of an instance's primitive field values, its references skipped. */
    private long primitiveHash(byte[] types, int fieldBytes) {
      long hash = 0xCBF29CE484222325L;
      int at = 0;
      for (byte t : types) {
        int size = t == BasicType.OBJECT.code ? idSize : BasicType.byCode(t).size;
        if (at + size > fieldBytes) {
          break;
        }
        if (t != BasicType.OBJECT.code) {
          for (int k = 0; k < size; k++) {
            hash = (hash ^ (buffer[at + k] & 0xFF)) * 0x100000001B3L;
          }
        }
        at += size;
      }
      return hash;
    }

    @Override
    public void primitiveArray(long id, BasicType type, int length, boolean hasData, Cursor elements) {
      int s = stringArrays.get(id);
      int h = hashes.get(id);
      if (!hasData || (s == LongIntMap.MISSING && h == LongIntMap.MISSING)) {
        return;
      }
      long bytes = (long) length * type.size;
      if (s != LongIntMap.MISSING && length <= MAX_STRING) {
        byte[] b = new byte[(int) bytes]; // a wanted string's characters: the answer itself
        elements.bytes(b, 0, b.length);
        characters[s] = b;
        utf16Arrays[s] = type == BasicType.CHAR;
        if (h != LongIntMap.MISSING) {
          answers.setHash(h, arrayHash(length, b));
        }
        return;
      }
      if (h != LongIntMap.MISSING) {
        long hash = 0x9E3779B97F4A7C15L ^ length;
        for (long k = bytes; k > 0; k--) {
          hash = (hash ^ elements.u1()) * 0x100000001B3L;
        }
        answers.setHash(h, hash);
      }
    }

    private long arrayHash(int length, byte[] b) {
      long hash = 0x9E3779B97F4A7C15L ^ length;
      for (byte x : b) {
        hash = (hash ^ (x & 0xFF)) * 0x100000001B3L;
      }
      return hash;
    }
  }
}
