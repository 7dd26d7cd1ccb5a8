package dev.leakdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakdiff.graph.ThreadStarters.Starter;
import dev.leakdiff.graph.ThreadStarters.Starter.How;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads as a dump shows them: their names (Strings read from the file), what started them (reference fields
 * alone), and where they wait (their stacks).
 */
class ThreadsTest {
  @TempDir
  Path tmp;

  private static TestHeap.StackFrame frame(String cls, String method, int line) {
    String simple = cls.substring(cls.lastIndexOf('.') + 1);
    int dollar = simple.indexOf('$');
    return new TestHeap.StackFrame(cls, method, (dollar < 0 ? simple : simple.substring(0, dollar)) + ".java", line);
  }

  private static Frame expected(TestHeap.StackFrame f) {
    return new Frame(f.className(), f.method(), f.file(), f.line());
  }

  /** JDK 17 Strings, Latin-1 and UTF-16; a thread without a name; serials with a gap. */
  @Test
  void threadNamesAreReadFromTheirStrings() throws Exception {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    h.thread(1, jdk.thread("main"));
    h.thread(2, jdk.thread("wörker-€")); // the euro sign makes it UTF-16
    h.thread(3, h.instance(jdk.thread));
    h.thread(5, jdk.thread("after-a-gap"));
    HeapGraph g = h.graph(tmp.resolve("names.hprof"));
    assertEquals(Map.of(1, "main", 2, "wörker-€", 5, "after-a-gap"), ThreadNames.read(g));
  }

  /** A JDK 8 String: a char[] value and no coder. */
  @Test
  void threadNamesOfJdk8Strings() throws Exception {
    TestHeap h = new TestHeap();
    TestHeap.Cls string = h.cls("java.lang.String", null, "value", "hash:I");
    TestHeap.Cls thread = h.cls("java.lang.Thread", null, "name", "priority:I", "target");
    h.thread(1, h.instance(thread, "name", h.instance(string, "value", h.chars("Finalizer"))));
    h.thread(2, h.instance(thread, "name", h.instance(string, "value", h.chars("Ünïcödé-€"))));
    HeapGraph g = h.graph(tmp.resolve("jdk8.hprof"));
    assertEquals(Map.of(1, "Finalizer", 2, "Ünïcödé-€"), ThreadNames.read(g));
  }

  private static final TestHeap.StackFrame[] POOL_STACK = {
      frame("jdk.internal.misc.Unsafe", "park", -3),
      frame("java.util.concurrent.locks.LockSupport", "park", 341),
      frame("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "await", 1623),
      frame("java.util.concurrent.LinkedBlockingQueue", "take", 435),
      frame("java.util.concurrent.ThreadPoolExecutor", "getTask", 1062),
      frame("java.util.concurrent.ThreadPoolExecutor", "runWorker", 1122)};
  private static final TestHeap.StackFrame[] FORK_JOIN_STACK = {
      frame("jdk.internal.misc.Unsafe", "park", -3),
      frame("java.util.concurrent.ForkJoinPool", "awaitWork", 1724),
      frame("java.util.concurrent.ForkJoinPool", "runWorker", 1623),
      frame("java.util.concurrent.ForkJoinWorkerThread", "run", 165)};
  private static final TestHeap.StackFrame[] POLLER_STACK = {
      frame("java.lang.Thread", "sleep", -3),
      frame("com.acme.Poller", "run", 21)};
  private static final TestHeap.StackFrame[] JOINING_STACK = {
      frame("java.lang.Object", "wait", -3),
      frame("java.lang.Thread", "join", 1304)};

  /**
   * A pool's thread (its target a ThreadPoolExecutor$Worker), a fork-join worker, a Thread subclass, a thread running a
   * Runnable, a plain thread, and a thread without a stack.
   */
  private HeapGraph starters(String file) {
    TestHeap h = new TestHeap();
    Jdk jdk = new Jdk(h);
    TestHeap.Cls factory = h.cls("com.acme.NamedFactory");
    TestHeap.Cls executor = h.cls("java.util.concurrent.ThreadPoolExecutor", null, "workQueue", "threadFactory", "corePoolSize:I");
    TestHeap.Cls worker = h.cls("java.util.concurrent.ThreadPoolExecutor$Worker", null, "thread", "firstTask", "this$0");
    TestHeap.Cls forkJoinPool = h.cls("java.util.concurrent.ForkJoinPool", null, "factory", "mode:I");
    TestHeap.Cls forkJoinFactory = h.cls("java.util.concurrent.ForkJoinPool$DefaultForkJoinWorkerThreadFactory");
    TestHeap.Cls forkJoinWorker = h.cls("java.util.concurrent.ForkJoinWorkerThread", jdk.thread, "pool", "workQueue");
    TestHeap.Cls poller = h.cls("com.acme.Poller", jdk.thread, "interval:J");
    TestHeap.Cls task = h.cls("com.acme.Task", null, "n:I");
    long pool = h.instance(executor, "threadFactory", h.instance(factory));
    h.thread(1, h.instance(jdk.thread, "target", h.instance(worker, "this$0", pool), "name", h.string("pool-1-thread-1")),
        POOL_STACK);
    long fj = h.instance(forkJoinPool, "factory", h.instance(forkJoinFactory));
    h.thread(2, h.instance(forkJoinWorker, "pool", fj), FORK_JOIN_STACK);
    h.thread(3, h.instance(poller, "interval", 1000), POLLER_STACK);
    h.thread(4, h.instance(jdk.thread, "target", h.instance(task)), JOINING_STACK);
    h.thread(5, h.instance(jdk.thread));
    return h.graph(tmp.resolve(file));
  }

  @Test
  void whatStartedAThread() {
    HeapGraph g = starters("starters.hprof");
    assertEquals(new Starter(How.EXECUTOR, "java.util.concurrent.ThreadPoolExecutor", "com.acme.NamedFactory"), ThreadStarters.of(g, 1));
    assertEquals(new Starter(How.EXECUTOR, "java.util.concurrent.ForkJoinPool",
        "java.util.concurrent.ForkJoinPool$DefaultForkJoinWorkerThreadFactory"), ThreadStarters.of(g, 2));
    assertEquals(new Starter(How.SUBCLASS, "com.acme.Poller", null), ThreadStarters.of(g, 3));
    assertEquals(new Starter(How.RUNNABLE, "com.acme.Task", null), ThreadStarters.of(g, 4));
    assertNull(ThreadStarters.of(g, 5), "a plain Thread, no Runnable: the dump does not tell");
    assertNull(ThreadStarters.of(g, 6), "no such thread");
    assertNull(ThreadStarters.of(g, -1));
    assertTrue(ThreadStarters.isThreadClass(g, "com.acme.Poller"));
    assertTrue(ThreadStarters.isThreadClass(g, "java.util.concurrent.ForkJoinWorkerThread"));
    assertTrue(ThreadStarters.isThreadClass(g, "java.lang.Thread"));
    assertFalse(ThreadStarters.isThreadClass(g, "com.acme.Task"));
  }

  /** JDK 21 keeps a thread's Runnable in Thread.holder.task (Thread has no target field). */
  @Test
  void whatStartedAThreadOnJdk21() {
    TestHeap h = new TestHeap();
    TestHeap.Cls thread = h.cls("java.lang.Thread", null, "tid:J", "name", "holder", "threadLocals");
    TestHeap.Cls holder = h.cls("java.lang.Thread$FieldHolder", null, "group", "task", "stackSize:J", "priority:I", "daemon:Z");
    TestHeap.Cls executor = h.cls("java.util.concurrent.ScheduledThreadPoolExecutor", null, "threadFactory");
    TestHeap.Cls worker = h.cls("java.util.concurrent.ThreadPoolExecutor$Worker", null, "thread", "this$0");
    long pool = h.instance(executor, "threadFactory", h.instance(h.cls("com.acme.NamedFactory")));
    h.thread(1, h.instance(thread, "holder", h.instance(holder, "task", h.instance(worker, "this$0", pool))));
    h.thread(2, h.instance(thread, "holder", h.instance(holder, "task", h.instance(h.cls("com.acme.Task")))));
    HeapGraph g = h.graph(tmp.resolve("jdk21.hprof"));
    assertEquals(new Starter(How.EXECUTOR, "java.util.concurrent.ScheduledThreadPoolExecutor", "com.acme.NamedFactory"),
        ThreadStarters.of(g, 1));
    assertEquals(new Starter(How.RUNNABLE, "com.acme.Task", null), ThreadStarters.of(g, 2));
  }

  /** The first frame that is not the JDK's parking, locking or queue code; the top one if all are; null without a stack. */
  @Test
  void whereAThreadWaits() {
    HeapGraph g = starters("waiting.hprof");
    assertEquals(expected(POOL_STACK[4]), ThreadStarters.waitingIn(g, 1), "ThreadPoolExecutor.getTask, past the queue's take");
    assertEquals(expected(FORK_JOIN_STACK[3]), ThreadStarters.waitingIn(g, 2));
    assertEquals(expected(POLLER_STACK[1]), ThreadStarters.waitingIn(g, 3));
    assertEquals(expected(JOINING_STACK[0]), ThreadStarters.waitingIn(g, 4), "all the JDK's waiting: the top frame");
    assertEquals(Frame.NATIVE, ThreadStarters.waitingIn(g, 4).line());
    assertNull(ThreadStarters.waitingIn(g, 5), "a thread without frames");
    assertNull(ThreadStarters.waitingIn(g, 9), "no such thread");
    // the frames as the dump gives them
    assertEquals(expected(POOL_STACK[0]), g.frame(1, 0));
    assertEquals(expected(POOL_STACK[5]), g.frame(1, 5));
    assertNull(g.frame(1, 6));
  }
}
