package dev.leakdiff.hprof;

import java.util.HashMap;
import java.util.Map;

/** What the top-level records say: strings, loaded classes, stack frames and traces, threads. */
public final class ProfileData {
  /** A LOAD_CLASS record. */
  public record LoadedClass(int serial, long classId, int stackTraceSerial, long nameId) {}

  /** A STACK_FRAME record; line is &gt;0, or -1 unknown, -2 compiled, -3 native. */
  public record StackFrame(long frameId, long methodNameId, long signatureId, long sourceFileId, int classSerial, int line) {}

  /** A STACK_TRACE record. */
  public record StackTrace(int serial, int threadSerial, long[] frameIds) {}

  /** A START_THREAD record. */
  public record ThreadStart(int serial, long threadObjectId, int stackTraceSerial, long nameId, long groupNameId) {}

  private final StringTable strings = new StringTable();
  private final Map<Long, LoadedClass> classesById = new HashMap<>();
  private final Map<Integer, LoadedClass> classesBySerial = new HashMap<>();
  private final Map<Long, StackFrame> frames = new HashMap<>();
  private final Map<Integer, StackTrace> traces = new HashMap<>();
  private final Map<Integer, ThreadStart> threads = new HashMap<>();

  public StringTable strings() {
    return strings;
  }

  void addClass(LoadedClass c) {
    classesById.put(c.classId(), c);
    classesBySerial.put(c.serial(), c);
    lambdaNames = null;
  }

  void addFrame(StackFrame f) {
    frames.put(f.frameId(), f);
  }

  void addTrace(StackTrace t) {
    traces.put(t.serial(), t);
  }

  void addThread(ThreadStart t) {
    threads.put(t.serial(), t);
  }

  /** The LOAD_CLASS of a class object id, or null. */
  public LoadedClass loadedClass(long classId) {
    return classesById.get(classId);
  }

  public LoadedClass classBySerial(int serial) {
    return classesBySerial.get(serial);
  }

  public Map<Long, LoadedClass> classes() {
    return classesById;
  }

  public StackFrame frame(long id) {
    return frames.get(id);
  }

  public StackTrace trace(int serial) {
    return traces.get(serial);
  }

  /** Every STACK_TRACE record, by no order. */
  public java.util.Collection<StackTrace> traces() {
    return java.util.Collections.unmodifiableCollection(traces.values());
  }

  public Map<Integer, ThreadStart> threads() {
    return threads;
  }

  /**
   * The class name of a class object id as Java source writes it, or a placeholder when the dump does not name it.
   * A lambda's hidden class is named the same in every JVM that runs the same code: Foo$$Lambda#2 for the
   * second lambda class of Foo spun, rather than Foo$$Lambda$127+0x00007f4e00c01234, whose JVM-wide counter and
   * address differ from one run to the next.
   */
  public String className(long classId) {
    if (jvmNames) {
      return rawClassName(classId);
    }
    String lambda = lambdaNames().get(classId);
    return lambda != null ? lambda : rawClassName(classId);
  }

  private volatile boolean jvmNames;

  /** From now on {@link #className} gives the names as the dump gives them, lambdas' counters and addresses included. */
  public void useJvmNames() {
    jvmNames = true;
  }

  /** Whether a LOAD_CLASS record names this class with a name the dump holds (else its name is a placeholder). */
  public boolean named(long classId) {
    LoadedClass c = classesById.get(classId);
    return c != null && strings.get(c.nameId()) != null;
  }

  /** The class name as the dump gives it (a hidden class with its counter and address). */
  public String rawClassName(long classId) {
    LoadedClass c = classesById.get(classId);
    if (c == null) {
      return String.format("<class 0x%x>", classId);
    }
    String raw = strings.get(c.nameId());
    return raw == null ? String.format("<class 0x%x>", classId) : ClassNames.toJava(raw);
  }

  /** HotSpot's names of lambda classes: OUTER$$Lambda$COUNTER then +0xADDRESS (JDK 17+) or /0xADDRESS. */
  private static final java.util.regex.Pattern LAMBDA = java.util.regex.Pattern.compile("(.+\\$\\$Lambda)\\$(\\d+)[+/.]0x[0-9a-fA-F]+");

  private Map<Long, String> lambdaNames;

  /** The stable names of the lambda classes, by class id: their rank by counter among their outer class's lambdas. */
  private synchronized Map<Long, String> lambdaNames() {
    if (lambdaNames == null) {
      Map<String, java.util.TreeMap<Long, Long>> byOuter = new HashMap<>();
      for (LoadedClass c : classesById.values()) {
        String raw = strings.get(c.nameId());
        java.util.regex.Matcher m = raw == null ? null : LAMBDA.matcher(ClassNames.toJava(raw));
        if (m != null && m.matches()) {
          byOuter.computeIfAbsent(m.group(1), k -> new java.util.TreeMap<>()).put(Long.parseLong(m.group(2)), c.classId());
        }
      }
      Map<Long, String> names = new HashMap<>();
      byOuter.forEach((outer, byCounter) -> {
        int rank = 0;
        for (long classId : byCounter.values()) {
          names.put(classId, outer + "#" + ++rank);
        }
      });
      lambdaNames = names;
    }
    return lambdaNames;
  }
}
