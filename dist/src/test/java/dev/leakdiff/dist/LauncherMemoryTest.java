package dev.leakdiff.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/leakdiff sizes the heap of the graph commands from the machine's memory (here a stand-in,
 * LEAKDIFF_PHYSICAL_MEMORY_MB) and the dump: a dump whose graph fits works with no option where the JVM's default
 * heap (a quarter of the memory) refuses it; one that cannot fit is refused before the passes over the file, from
 * a sample, with an -Xmx that then does.
 */
class LauncherMemoryTest {
  private static final int OBJECTS = 2_000_000;
  private static final Pattern XMX = Pattern.compile("-Xmx([0-9]+)m or more");

  @TempDir
  Path tmp;

  private record Run(int code, String out, String err, double seconds) {}

  private Run leakdiff(Path home, Map<String, String> env, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = home.resolve("bin/leakdiff").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("LEAKDIFF_JAVA_OPTS");
    pb.environment().putAll(env);
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    long t0 = System.nanoTime();
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end in 180 s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1e9);
  }

  private Path unpack() throws Exception {
    Path place = Files.createDirectories(tmp.resolve("elsewhere"));
    Process tar = new ProcessBuilder("tar", "xzf", System.getProperty("leakdiff.archive")).directory(place.toFile()).start();
    assertEquals(0, tar.waitFor());
    return place.resolve("leakdiff-" + System.getProperty("leakdiff.version"));
  }

  /**
   * A dump of OBJECTS instances of com.acme.Node, a binary tree (node i holds 2i+1 and 2i+2) under one com.acme.Root, in
   * segments of about 1 MB, as HotSpot writes.
   */
  private Path tree() throws IOException {
    Path f = tmp.resolve("tree.hprof");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 20))) {
      out.write("JAVA PROFILE 1.0.2\0".getBytes(StandardCharsets.US_ASCII));
      out.writeInt(8);
      out.writeLong(0);
      record(out, 0x01, 8 + 13).writeLong(1);
      out.write("com/acme/Node".getBytes(StandardCharsets.US_ASCII));
      record(out, 0x01, 8 + 4).writeLong(2);
      out.write("left".getBytes(StandardCharsets.US_ASCII));
      record(out, 0x01, 8 + 5).writeLong(3);
      out.write("right".getBytes(StandardCharsets.US_ASCII));
      record(out, 0x01, 8 + 13).writeLong(4);
      out.write("com/acme/Root".getBytes(StandardCharsets.US_ASCII));
      record(out, 0x01, 8 + 4).writeLong(5);
      out.write("tree".getBytes(StandardCharsets.US_ASCII));
      record(out, 0x02, 4 + 8 + 4 + 8).writeInt(1);
      out.writeLong(0x100);
      out.writeInt(0);
      out.writeLong(1);
      record(out, 0x02, 4 + 8 + 4 + 8).writeInt(2);
      out.writeLong(0x200);
      out.writeInt(0);
      out.writeLong(4);
      long base = 0x1000_0000L;
      long root = base - 16;
      int header = 1 + 8 + 4 + 6 * 8 + 4 + 2 + 2 + 2;
      record(out, 0x1C, header + 2 * 9 + header + 9 + (1 + 8 + 4 + 8 + 4 + 8) + (1 + 8));
      classDump(out, 0x100, 16, new long[] {2, 3});
      classDump(out, 0x200, 8, new long[] {5});
      out.write(0x21); // the Root, holding the tree
      out.writeLong(root);
      out.writeInt(0);
      out.writeLong(0x200);
      out.writeInt(8);
      out.writeLong(base);
      out.write(0xFF); // ROOT_UNKNOWN (a root of a thread would need the thread: the dump defines none)
      out.writeLong(root);
      int perSegment = 30_000;
      int instance = 1 + 8 + 4 + 8 + 4 + 16;
      for (int s = 0; s < OBJECTS; s += perSegment) {
        int n = Math.min(perSegment, OBJECTS - s);
        record(out, 0x1C, n * instance);
        for (int i = s; i < s + n; i++) {
          long id = base + 16L * i;
          out.write(0x21);
          out.writeLong(id);
          out.writeInt(0);
          out.writeLong(0x100);
          out.writeInt(16);
          out.writeLong(2L * i + 1 < OBJECTS ? base + 16L * (2L * i + 1) : 0);
          out.writeLong(2L * i + 2 < OBJECTS ? base + 16L * (2L * i + 2) : 0);
        }
      }
      record(out, 0x2C, 0);
    }
    return f;
  }

  private static void classDump(DataOutputStream out, long id, int size, long[] referenceFields) throws IOException {
    out.write(0x20);
    out.writeLong(id);
    out.writeInt(0);
    for (int i = 0; i < 6; i++) {
      out.writeLong(0); // super, loader, signers, protection domain, reserved x2
    }
    out.writeInt(size);
    out.writeShort(0);
    out.writeShort(0);
    out.writeShort(referenceFields.length);
    for (long name : referenceFields) {
      out.writeLong(name);
      out.write(2);
    }
  }

  private static DataOutputStream record(DataOutputStream out, int tag, int length) throws IOException {
    out.write(tag);
    out.writeInt(0);
    out.writeInt(length);
    return out;
  }

  @Test
  void graphCommandsGetTheirHeapFromTheMachineAndARefusalComesEarlyWithAFigureThatDoes() throws Exception {
    Path home = unpack();
    Path dump = tree();
    String[] paths = {"paths", "--type", "Root", dump.toString()};

    // the JVM's own default, a quarter of a 320 MB machine, refuses the graph
    Run jvmDefault = leakdiff(home, Map.of("LEAKDIFF_JAVA_OPTS", "-Xmx80m"), paths);
    assertEquals(6, jvmDefault.code(), jvmDefault.err());
    assertTrue(jvmDefault.err().contains("needs about"), jvmDefault.err());
    // the launcher on a 320 MB machine gives it three quarters, which does
    Run sized = leakdiff(home, Map.of("LEAKDIFF_PHYSICAL_MEMORY_MB", "320"), paths);
    assertEquals(0, sized.code(), sized.err());
    assertTrue(sized.out().contains("1 instances of com.acme.Root") || sized.out().contains("1 instance of com.acme.Root"),
        sized.out());

    // on a 64 MB machine it cannot fit: refused from the sample, before the passes over the file
    Run refused = leakdiff(home, Map.of("LEAKDIFF_PHYSICAL_MEMORY_MB", "64"), paths);
    assertEquals(6, refused.code(), refused.err());
    assertTrue(refused.err().contains("estimated from a sample of the dump"), refused.err());
    Matcher m = XMX.matcher(refused.err());
    assertTrue(m.find(), refused.err());
    // and the figure it gives does, the first time
    Run asked = leakdiff(home, Map.of("LEAKDIFF_JAVA_OPTS", "-Xmx" + m.group(1) + "m"), paths);
    assertEquals(0, asked.code(), "-Xmx" + m.group(1) + "m: " + asked.err());
  }

  @Test
  void aDumpNamedThroughALinkSizesTheHeapAsTheFileItself() throws Exception {
    Path home = unpack();
    Path big = tmp.resolve("big.hprof");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(1536L << 20); // sparse: 1.5 GiB of nothing on disk
    }
    Path link = Files.createSymbolicLink(tmp.resolve("link.hprof"), big);
    for (Path dump : java.util.List.of(big, link)) {
      Run r = leakdiff(home, Map.of("LEAKDIFF_PHYSICAL_MEMORY_MB", "100000", "LEAKDIFF_JAVA_OPTS", "-XX:+PrintFlagsFinal"),
          "paths", "--type", "Root", dump.toString());
      Matcher m = Pattern.compile("size_t MaxHeapSize\\s+=\\s+(\\d+)").matcher(r.out());
      assertTrue(m.find(), r.out());
      assertEquals(3072L << 20, Long.parseLong(m.group(1)), dump + ": twice the dump's size");
    }
  }
}
