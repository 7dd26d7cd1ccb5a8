package dev.leakdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakdiff.hprof.testing.HprofWriter;
import dev.leakdiff.hprof.testing.HprofWriter.Field;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on the command line: one sentence naming the file and what is wrong, a documented exit code, no stack trace. */
class BadInputTest {
  @TempDir
  Path tmp;

  private static void assertOneSentence(ScenarioDumps.Result r, int code, String... fragments) {
    assertEquals(code, r.code(), r.err());
    assertEquals("", r.out());
    String err = r.err().strip();
    assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    assertEquals(1, err.lines().count(), err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "'" + f + "' not in: " + err);
    }
  }

  private Path realDump() {
    return ScenarioDumps.planted().resolve("iter-10.hprof");
  }

  @Test
  void missingFile() {
    Path f = tmp.resolve("nope.hprof");
    assertOneSentence(ScenarioDumps.run("histo", f.toString()), ExitCode.NO_INPUT.code, f.toString(), "no such file");
  }

  @Test
  void directory() {
    assertOneSentence(ScenarioDumps.run("histo", tmp.toString()), ExitCode.NO_INPUT.code, tmp.toString(), "is a directory");
  }

  @Test
  void specialFilesAreRefusedBeforeAnyRead() throws Exception {
    Path fifo = tmp.resolve("dump.fifo");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    for (String command : new String[] {"histo", "compare", "paths"}) {
      for (Path special : new Path[] {fifo, Path.of("/dev/zero")}) {
        List<String> args = new ArrayList<>(List.of(command));
        if (command.equals("paths")) {
          args.addAll(List.of("--type", "*"));
        }
        args.add(special.toString());
        if (command.equals("compare")) {
          args.add(special.toString());
        }
        ScenarioDumps.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> ScenarioDumps.run(args.toArray(new String[0])), command + " " + special);
        assertOneSentence(r, ExitCode.NO_INPUT.code, special.toString(), "is not a regular file");
      }
      List<String> dir = new ArrayList<>(List.of(command));
      if (command.equals("paths")) {
        dir.addAll(List.of("--type", "*"));
      }
      dir.add(tmp.toString());
      if (command.equals("compare")) {
        dir.add(tmp.toString());
      }
      ScenarioDumps.Result r = ScenarioDumps.run(dir.toArray(new String[0]));
      assertTrue(r.code() == ExitCode.NO_INPUT.code || r.code() == ExitCode.USAGE.code, command + ": " + r.err());
    }
  }

  @Test
  void emptyFile() throws Exception {
    Path f = Files.createFile(tmp.resolve("empty.hprof"));
    assertOneSentence(ScenarioDumps.run("histo", f.toString()), ExitCode.BAD_DUMP.code, f.toString(), "the file is empty");
  }

  @Test
  void notADump() throws Exception {
    Path f = Files.writeString(tmp.resolve("notes.hprof"), "password=hunter2\nthese are not the bytes you want\n");
    ScenarioDumps.Result r = ScenarioDumps.run("histo", f.toString());
    assertOneSentence(r, ExitCode.BAD_DUMP.code, f.toString(), "not a heap dump", "byte offset");
    assertFalse(r.err().contains("hunter2"), "never print file contents");
  }

  @Test
  void garbageAfterAValidHeader() throws Exception {
    byte[] real = Files.readAllBytes(realDump());
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    byte[] bytes = Arrays.copyOf(real, 31 + garbage.length);
    System.arraycopy(garbage, 0, bytes, 31, garbage.length);
    Path f = Files.write(tmp.resolve("garbage.hprof"), bytes);
    assertOneSentence(ScenarioDumps.run("histo", f.toString()), ExitCode.BAD_DUMP.code, f.toString());
  }

  @Test
  void headerCutShort() throws Exception {
    Path f = Files.write(tmp.resolve("short.hprof"), Arrays.copyOf(Files.readAllBytes(realDump()), 22));
    assertOneSentence(ScenarioDumps.run("histo", f.toString()), ExitCode.BAD_DUMP.code, f.toString(), "header");
  }

  @Test
  void damagedSubRecordNamesItsOffset() throws Exception {
    byte[] bytes = Files.readAllBytes(realDump());
    long body = firstSegmentBody(bytes);
    bytes[(int) body] = 0x77;
    Path f = Files.write(tmp.resolve("damaged.hprof"), bytes);
    assertOneSentence(ScenarioDumps.run("histo", f.toString()), ExitCode.BAD_DUMP.code, f.toString(),
        "unknown heap dump sub-record tag 0x77", "at byte offset " + body);
  }

  @Test
  void truncatedDumpsGiveWhatWasReadAndSaySo() throws Exception {
    byte[] bytes = Files.readAllBytes(realDump());
    long full = objects(ScenarioDumps.run("histo", "--format=json", realDump().toString()));
    long previous = 0;
    long heap = firstSegmentBody(bytes);
    for (double cut : new double[] {0.1, 0.5, 0.9, 0.97}) {
      int n = (int) (heap + (bytes.length - heap) * cut);
      Path f = Files.write(tmp.resolve("cut-" + n + ".hprof"), Arrays.copyOf(bytes, n));
      ScenarioDumps.Result r = ScenarioDumps.run("histo", "--format=json", f.toString());
      assertEquals(ExitCode.OK.code, r.code(), r.err());
      assertTrue(r.err().contains(f + " is truncated at offset "), r.err());
      JsonNode json = new ObjectMapper().readTree(r.out());
      assertTrue(json.get("dump").get("truncated").asBoolean());
      long objects = json.get("dump").get("objects").asLong();
      assertTrue(objects > previous && objects < full, cut + ": " + objects + " of " + full);
      previous = objects;
    }
  }

  @Test
  void truncatedBeforeTheHeap() throws Exception {
    Path f = Files.write(tmp.resolve("early.hprof"), Arrays.copyOf(Files.readAllBytes(realDump()), 200));
    ScenarioDumps.Result r = ScenarioDumps.run("histo", f.toString());
    assertEquals(ExitCode.BAD_DUMP.code, r.code(), r.err());
    assertTrue(r.err().contains("holds no heap dump") && r.err().contains("cut off"), r.err());
  }

  @Test
  void truncatedGzip() throws Exception {
    Path gz = ScenarioDumps.planted().resolve("iter-10.hprof.gz");
    byte[] bytes = Files.readAllBytes(gz);
    Path f = Files.write(tmp.resolve("cut.hprof.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    ScenarioDumps.Result r = ScenarioDumps.run("histo", "--format=json", f.toString());
    assertEquals(ExitCode.OK.code, r.code(), r.err());
    assertTrue(r.err().contains("truncated"), r.err());
    assertTrue(objects(r) > 0);
  }

  @Test
  void gzipIsToldByItsMagicBytesAndEqualsThePlainDump() throws Exception {
    Path dir = ScenarioDumps.planted();
    Path renamed = Files.copy(dir.resolve("iter-100.hprof.gz"), tmp.resolve("no-suffix.bin"));
    byte[] head = new byte[2];
    try (var in = Files.newInputStream(renamed)) {
      assertEquals(2, in.read(head));
    }
    assertEquals(0x1f, head[0] & 0xFF);
    // jcmd -gz writes many members: more than one gzip header inside the file
    byte[] all = Files.readAllBytes(renamed);
    int members = 0;
    for (int i = 0; i + 2 < all.length; i++) {
      if ((all[i] & 0xFF) == 0x1f && (all[i + 1] & 0xFF) == 0x8b && all[i + 2] == 8) {
        members++;
      }
    }
    assertTrue(members > 1, "members: " + members);
    ScenarioDumps.Result gz = ScenarioDumps.run("histo", "--format=json", "--top=0", renamed.toString());
    ScenarioDumps.Result plain = ScenarioDumps.run("histo", "--format=json", "--top=0", dir.resolve("iter-100.hprof").toString());
    JsonNode a = new ObjectMapper().readTree(gz.out());
    JsonNode b = new ObjectMapper().readTree(plain.out());
    for (String cls : new String[] {"PlantedLeak$LeakedItem", "PlantedLeak$Tag", "PlantedLeak$CacheEntry"}) {
      assertEquals(find(b, cls), find(a, cls), cls);
    }
    try (var in = new GZIPInputStream(Files.newInputStream(renamed))) {
      assertTrue(new String(in.readNBytes(18)).startsWith("JAVA PROFILE 1.0."));
    }
  }

  @Test
  void unknownLayoutAndMissingDumpIndexAreUsageErrors() {
    assertOneSentence(ScenarioDumps.run("histo", "--layout", "weird", realDump().toString()), ExitCode.USAGE.code, "unknown --layout 'weird'");
    assertOneSentence(ScenarioDumps.run("histo", realDump() + "#3"), ExitCode.USAGE.code, realDump().toString(), "#3 does not exist");
  }

  private static String find(JsonNode report, String cls) {
    for (JsonNode c : report.get("classes")) {
      if (c.get("name").asText().equals(cls)) {
        return c.get("instances") + "/" + c.get("bytes");
      }
    }
    return null;
  }

  private static long objects(ScenarioDumps.Result r) throws Exception {
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out()).get("dump").get("objects").asLong();
  }

  /** Offset of the first byte of the first HEAP_DUMP_SEGMENT's body, found by walking the top-level records. */
  static long firstSegmentBody(byte[] b) {
    int p = 0;
    while (b[p] != 0) {
      p++;
    }
    ByteBuffer bb = ByteBuffer.wrap(b);
    p += 1 + 4 + 8;
    while (true) {
      int tag = b[p] & 0xFF;
      long len = bb.getInt(p + 5) & 0xFFFFFFFFL;
      if (tag == 0x1C || tag == 0x0C) {
        return p + 9;
      }
      p += 9 + (int) len;
    }
  }

  /** A class name with a newline in it (a damaged name) quoted in a message: still one line, the newline as \x0A. */
  @Test
  void aControlCharacterInANameLeavesTheMessageOnOneLine() {
    HprofWriter w = new HprofWriter(8);
    long object = w.className(0x10, "java/lang/Object");
    long a = w.className(0x20, "com/acme/A");
    long b = w.className(0x30, "com/acme/A\nB");
    w.heapDumpSegment()
        .classDump(object, 0, 0, 0, new Field[0], new Field[0])
        .classDump(a, object, 0, 0, new Field[0], new Field[0])
        .classDump(b, a, 0, 0, new Field[0], new Field[0])
        .instance(0x1000, a, new byte[0])
        .instance(0x1010, b, new byte[0])
        .root(0xFF, 0x1000)
        .root(0xFF, 0x1010)
        .endHeap().heapDumpEnd();
    Path f = w.writeTo(tmp.resolve("names.hprof"));
    ScenarioDumps.Result r = ScenarioDumps.run("paths", "--type", "com.acme.A", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("'com.acme.A' matches 2 classes in " + f + ": com.acme.A, com.acme.A\\x0AB"), r.err());
    assertTrue(r.err().lines().allMatch(l -> l.startsWith("leakdiff: ")), r.err());
  }
}
