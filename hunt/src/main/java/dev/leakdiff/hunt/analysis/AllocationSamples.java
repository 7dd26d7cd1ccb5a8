package dev.leakdiff.hunt.analysis;

import dev.leakdiff.graph.Frame;
import dev.leakdiff.hprof.ClassNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What an allocation recording ({@code dev.leakdiff.hunt.capture.AllocationRecording}) holds: the sampled objects still
 * alive with their addresses and allocation stacks, the lines that made lambda classes, and the JVM's class path.
 */
final class AllocationSamples {
  /**
   * A sampled object.
   *
   * @param address its address when the recording was written: its id in the dump written just before
   * @param className its class, as Java writes it (a hidden class as the JVM names it)
   * @param allocated when it was allocated
   * @param stack where, the innermost frame first
   */
  record Sample(long address, String className, Instant allocated, List<Frame> stack) {}

  /**
   * A recording read.
   *
   * @param samples the samples of objects alive
   * @param lambdaMadeAt the frame that made each lambda class, by {@link #lambdaKey}
   * @param classPath the JVM's class path entries (empty when not recorded)
   * @param command the JVM's main class or jar and its arguments, or null
   * @param sampledWell the JVM ran without allocation buffers, or with small fixed ones: small objects were sampled
   */
  record Recording(List<Sample> samples, Map<String, Frame> lambdaMadeAt, List<String> classPath, String command,
      boolean sampledWell) {
    UserCode userCode() {
      return UserCode.of(classPath, command);
    }
  }

  private AllocationSamples() {}

  static Recording read(Path file) throws IOException {
    List<Sample> samples = new ArrayList<>();
    Map<String, Frame> madeAt = new HashMap<>();
    List<String> classPath = new ArrayList<>();
    String[] command = {null};
    Map<String, Boolean> flags = new HashMap<>();
    Map<Long, List<Frame>> stacks = new HashMap<>(); // many samples share a stack
    try (RecordingFile in = new RecordingFile(file)) {
      while (in.hasMoreEvents()) {
        RecordedEvent e = in.readEvent();
        switch (e.getEventType().getName()) {
          case "jdk.OldObjectSample" -> {
            RecordedObject o = e.getValue("object");
            RecordedClass type = o == null ? null : o.getValue("type");
            if (type != null) {
              samples.add(new Sample(o.getLong("address"), ClassNames.toJava(type.getName()), e.getInstant("allocationTime"),
                  stack(e.getStackTrace(), stacks)));
            }
          }
          case "jdk.ClassLoad" -> {
            RecordedClass loaded = e.getValue("loadedClass");
            String key = loaded == null ? null : lambdaKey(loaded.getName());
            if (key != null) {
              Frame site = callSite(stack(e.getStackTrace(), stacks));
              if (site != null) {
                madeAt.putIfAbsent(key, site);
              }
            }
          }
          case "jdk.BooleanFlag" -> flags.put(e.getString("name"), e.getBoolean("value"));
          case "jdk.InitialSystemProperty" -> {
            if ("sun.java.command".equals(e.getString("key"))) {
              command[0] = e.getString("value");
            } else if ("java.class.path".equals(e.getString("key")) && classPath.isEmpty()) {
              String value = e.getString("value");
              if (value != null && !value.isEmpty()) {
                classPath.addAll(List.of(value.split(java.io.File.pathSeparator)));
              }
            }
          }
          default -> {}
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + " is not an allocation recording leakdiff can read (" + e.getMessage() + ")", e);
    }
    boolean well = Boolean.FALSE.equals(flags.get("UseTLAB")) || Boolean.FALSE.equals(flags.get("ResizeTLAB"));
    return new Recording(samples, madeAt, classPath, command[0], well);
  }

  private static List<Frame> stack(RecordedStackTrace trace, Map<Long, List<Frame>> seen) {
    if (trace == null) {
      return List.of();
    }
    List<Frame> out = new ArrayList<>();
    for (RecordedFrame f : trace.getFrames()) {
      RecordedMethod m = f.getMethod();
      if (m == null || m.getType() == null) {
        continue;
      }
      String cls = m.getType().getName();
      int line = f.getLineNumber();
      out.add(new Frame(cls, m.getName(), sourceFile(cls), line > 0 ? line : Frame.UNKNOWN));
    }
    return out;
  }

  /** The source file of a class, as javac names it from the top-level class: Foo.java for com.acme.Foo$Inner. */
  static String sourceFile(String className) {
    String top = className;
    int lambda = top.indexOf("$$");
    if (lambda > 0) {
      top = top.substring(0, lambda);
    }
    int dot = top.lastIndexOf('.');
    top = top.substring(dot + 1);
    int inner = top.indexOf('$');
    if (inner > 0) {
      top = top.substring(0, inner);
    }
    return top + ".java";
  }

  /** The frames of the JDK that spin a lambda's class, above the call site that asked for it. */
  private static boolean spinning(String cls) {
    return cls.startsWith("java.lang.invoke.") || cls.startsWith("jdk.internal.") || cls.startsWith("sun.invoke.")
        || cls.equals("java.lang.ClassLoader") || cls.startsWith("java.lang.System$") || cls.startsWith("java.lang.Class");
  }

  /** The first frame under the JDK's spinning of a lambda class: the line with the lambda or method reference. */
  private static Frame callSite(List<Frame> stack) {
    for (Frame f : stack) {
      if (!spinning(f.className())) {
        return f;
      }
    }
    return null;
  }

  private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]+)");

  /**
   * What names one lambda class alike in a recording and in a dump: its outer class and the address in its name
   * (Foo$$Lambda$79+0x00007f3c15007c18 in both), or null for a class that is no lambda's.
   */
  static String lambdaKey(String jvmName) {
    if (jvmName == null) {
      return null;
    }
    int at = jvmName.indexOf("$$Lambda");
    if (at < 0) {
      return null;
    }
    Matcher hex = HEX.matcher(jvmName);
    if (!hex.find(at)) {
      return null;
    }
    return jvmName.substring(0, at) + "@" + Long.toHexString(Long.parseUnsignedLong(hex.group(1), 16));
  }
}
