package dev.leakdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.hprof.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the field values of a dump say about suspects, read from the written file in one pass: how alike a class's
 * instances are, and the native memory the buffers they hold own.
 */
class SuspectValuesTest {
  @TempDir
  Path tmp;

  private static SuspectValues.Result values(HeapGraph g, List<String> suspects, boolean alike) throws Exception {
    ShortestPaths paths = ShortestPaths.compute(g, false);
    ValueRequest request = new ValueRequest();
    SuspectValues.Plan plan = SuspectValues.ask(g, paths, suspects, alike, request);
    return SuspectValues.of(plan, g.read(request, new Progress()));
  }

  /**
   * Requests with an int, a long, a String (each its own object), a boxed number (each its own) and a session (an
   * object with references, compared by identity): three alike, five each differing in one field; one more alike held
   * only weakly and one unreachable, neither counted.
   */
  @Test
  void instancesAlikeFieldByField() throws Exception {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls integer = h.cls("java.lang.Integer", null, "value:I");
    TestHeap.Cls session = h.cls("com.acme.Session", null, "user", "started:J");
    TestHeap.Cls request = h.cls("com.acme.Request", null, "id:I", "ts:J", "user", "amount", "session");
    long s1 = h.instance(session, "started", 1);
    long s2 = h.instance(session, "started", 1);
    java.util.function.BiFunction<String, Object[], Long> req = (user, more) -> {
      TestHeap.Obj o = h.obj(request).set("id", 1).set("ts", 5).set("amount", h.instance(integer, "value", 7)).set("session", s1);
      if (user != null) {
        o.set("user", h.string(user));
      }
      for (int i = 0; i < more.length; i += 2) {
        o.set((String) more[i], ((Number) more[i + 1]).longValue());
      }
      return o.id;
    };
    long[] held = {
        req.apply("alice", new Object[0]), req.apply("alice", new Object[0]), req.apply("alice", new Object[0]),
        req.apply("alice", new Object[] {"id", 2}),
        req.apply("bobby", new Object[0]), // as long as alice: the characters differ
        req.apply("alice", new Object[] {"amount", h.instance(integer, "value", 8)}),
        req.apply("alice", new Object[] {"session", s2}), // an equal session, another object
        req.apply(null, new Object[0])};
    long weak = h.instance(jdk.weakReference, "referent", req.apply("alice", new Object[0]));
    req.apply("alice", new Object[0]); // unreachable
    h.cls("com.acme.Registry").set("REQUESTS", jdk.arrayList(held)).set("WEAK", weak);
    HeapGraph g = h.graph(tmp.resolve("alike.hprof"));

    SuspectValues.Result r = values(g, List.of("com.acme.Request"), true);
    assertEquals(Map.of("com.acme.Request", new SuspectValues.Alike(3, 8)), r.alike());
    assertEquals(Map.of(), r.owned());

    assertEquals(Map.of(), values(g, List.of("com.acme.Request"), false).alike(), "not asked");
  }

  /** Strings of equal characters in UTF-16 (coder 1) are alike too; of other characters not. */
  @Test
  void utf16StringsAlikeByTheirCharacters() throws Exception {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls label = h.cls("com.acme.Label", null, "text");
    h.cls("com.acme.Registry").set("LABELS", jdk.arrayList(h.instance(label, "text", h.string("日本")),
        h.instance(label, "text", h.string("日本")), h.instance(label, "text", h.string("本日")),
        h.instance(label, "text", h.string("日本語"))));
    HeapGraph g = h.graph(tmp.resolve("utf16.hprof"));
    assertEquals(new SuspectValues.Alike(2, 4), values(g, List.of("com.acme.Label"), true).alike().get("com.acme.Label"));
  }

  /** A class whose instances are all alike: each of its instances in the largest group. */
  @Test
  void allAlike() throws Exception {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls point = h.cls("com.acme.Point", null, "x:D", "y:D");
    long[] points = new long[5];
    for (int i = 0; i < points.length; i++) {
      points[i] = h.instance(point, "x", Double.doubleToLongBits(1.5), "y", Double.doubleToLongBits(-2));
    }
    h.cls("com.acme.Registry").set("POINTS", jdk.arrayList(points));
    HeapGraph g = h.graph(tmp.resolve("points.hprof"));
    assertEquals(new SuspectValues.Alike(5, 5), values(g, List.of("com.acme.Point"), true).alike().get("com.acme.Point"));
  }

  /**
   * JDK 17's direct buffers (Buffer, ByteBuffer, MappedByteBuffer, DirectByteBuffer) held by a pool: each owns its
   * capacity, a view (att set) owns nothing, a mapped one (fd set) owns mapped bytes; a pooled Netty direct buffer owns
   * its maxLength, and its chunk's own buffer is not counted again. The bytes go to the first suspect on the chain.
   */
  @Test
  void nativeMemoryOfDirectBuffers() throws Exception {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls buffer = h.cls("java.nio.Buffer", null, "mark:I", "position:I", "limit:I", "capacity:I", "address:J", "segment");
    TestHeap.Cls byteBuffer = h.cls("java.nio.ByteBuffer", buffer, "hb", "offset:I", "isReadOnly:Z", "bigEndian:Z",
        "nativeByteOrder:Z");
    TestHeap.Cls mapped = h.cls("java.nio.MappedByteBuffer", byteBuffer, "fd", "isSync:Z");
    TestHeap.Cls direct = h.cls("java.nio.DirectByteBuffer", mapped, "cleaner", "att");
    TestHeap.Cls fd = h.cls("java.io.FileDescriptor", null, "fd:I");
    TestHeap.Cls pooled = h.cls("io.netty.buffer.PooledByteBuf", byteBuffer, "chunk", "length:I", "maxLength:I");
    TestHeap.Cls pooledDirect = h.cls("io.netty.buffer.PooledUnsafeDirectByteBuf", pooled);
    TestHeap.Cls chunk = h.cls("io.netty.buffer.PoolChunk", null, "memory");
    TestHeap.Cls pool = h.cls("com.acme.Pool", null, "buffers");
    long big = h.instance(direct, "capacity", 1000, "limit", 1000);
    long small = h.instance(direct, "capacity", 24);
    long view = h.instance(direct, "capacity", 1000, "att", big);
    long file = h.instance(direct, "capacity", 4096, "fd", h.instance(fd, "fd", 3));
    long chunkMemory = h.instance(direct, "capacity", 1 << 20);
    long c = h.instance(chunk, "memory", chunkMemory);
    long fromChunk = h.instance(pooledDirect, "chunk", c, "maxLength", 256, "length", 100);
    long p = h.instance(pool, "buffers", jdk.arrayList(big, small, view, file, fromChunk));
    long loose = h.instance(direct, "capacity", 77); // no suspect holds it
    h.cls("com.acme.Registry").set("POOL", p).set("LOOSE", loose).set("CHUNK", c);
    HeapGraph g = h.graph(tmp.resolve("buffers.hprof"));

    SuspectValues.Result r = values(g, List.of("com.acme.Pool"), true);
    assertEquals(Map.of("com.acme.Pool", new SuspectValues.Owned(4, 1000 + 24 + 256, 4096)), r.owned());
    assertEquals(new SuspectValues.Alike(1, 1), r.alike().get("com.acme.Pool"));

    // the buffer class a suspect too: each buffer is its own first suspect
    SuspectValues.Result both = values(g, List.of("com.acme.Pool", "java.nio.DirectByteBuffer"), true);
    assertEquals(new SuspectValues.Owned(4, 1000 + 24 + 77, 4096), both.owned().get("java.nio.DirectByteBuffer"));
    assertEquals(new SuspectValues.Owned(1, 256, 0), both.owned().get("com.acme.Pool"));
    assertFalse(both.alike().containsKey("java.nio.DirectByteBuffer"), "buffers are not compared: their addresses differ anyway");
    assertTrue(both.alike().containsKey("com.acme.Pool"));
  }
}
