package dev.leakdiff.graph;

/**
 * Which code made a thread, as far as the dump shows it through reference fields alone (the graph keeps no
 * primitive values): a pool's thread runs a {@code ThreadPoolExecutor$Worker} (its {@code Thread.target} up to JDK
 * 20, {@code Thread.holder.task} from JDK 21 on), whose {@code this$0} is the executor and the executor's {@code
 * threadFactory} the factory; a fork-join worker names its {@code pool} and the pool's {@code factory}; a subclass of
 * Thread names itself; any other thread the class of its Runnable. And where a thread waits.
 */
public final class ThreadStarters {
  /**
   * What started a thread.
   *
   * @param how whether the thread was started by an executor (or fork-join pool), is a Thread subclass, or runs a Runnable
   * @param className the executor's, the subclass's or the Runnable's class
   * @param factory the executor's thread factory class, or null
   */
  public record Starter(How how, String className, String factory) {
    /** How the dump tells what started a thread. */
    public enum How {
      EXECUTOR,
      SUBCLASS,
      RUNNABLE
    }
  }

  private ThreadStarters() {}

  private static final String THREAD = "java.lang.Thread";
  private static final String WORKER = "java.util.concurrent.ThreadPoolExecutor$Worker";
  private static final String FORK_JOIN_WORKER = "java.util.concurrent.ForkJoinWorkerThread";

  /** What started the thread of this serial; null when the dump does not tell. */
  public static Starter of(HeapGraph g, int threadSerial) {
    int thread = g.threadObject(threadSerial);
    if (!isInstance(g, thread)) {
      return null;
    }
    int pool = isA(g, thread, FORK_JOIN_WORKER) ? field(g, thread, "pool") : HeapGraph.NONE;
    if (pool >= 0) {
      return startedBy(g, pool, field(g, pool, "factory"));
    }
    String threadClass = className(g, thread);
    int task = field(g, thread, "target");
    if (task < 0) {
      int holder = field(g, thread, "holder");
      task = holder >= 0 ? field(g, holder, "task") : HeapGraph.NONE;
    }
    if (task >= 0 && className(g, task).equals(WORKER)) {
      int executor = field(g, task, "this$0");
      if (executor >= 0) {
        return startedBy(g, executor, field(g, executor, "threadFactory"));
      }
    }
    if (!threadClass.equals(THREAD)) {
      return new Starter(Starter.How.SUBCLASS, threadClass, null);
    }
    return task >= 0 ? new Starter(Starter.How.RUNNABLE, className(g, task), null) : null;
  }

  /**
   * Where a thread waits: the first frame of its stack in the dump that is not the JDK's parking, locking or queue
   * code; the top frame if all are; null when the dump has no stack for it.
   */
  public static Frame waitingIn(HeapGraph g, int threadSerial) {
    Frame top = g.frame(threadSerial, 0);
    for (int n = 0; n < 32; n++) {
      Frame f = g.frame(threadSerial, n);
      if (f == null) {
        break;
      }
      String cls = f.className();
      boolean waiting = cls.equals("jdk.internal.misc.Unsafe") || cls.equals("java.lang.Object") || cls.equals("java.lang.Thread")
          || cls.startsWith("java.util.concurrent.locks.") || cls.startsWith("java.util.concurrent.ForkJoinPool")
          || cls.startsWith("java.util.concurrent.") && cls.endsWith("Queue");
      if (!waiting) {
        return f;
      }
    }
    return top;
  }

  /** Whether the dump's class of this name is java.lang.Thread or extends it. */
  public static boolean isThreadClass(HeapGraph g, String className) {
    for (int c = 0; c < g.classes.size(); c++) {
      if (g.classes.get(c).name().equals(className) && g.classes.isA(c, THREAD)) {
        return true;
      }
    }
    return false;
  }

  private static Starter startedBy(HeapGraph g, int executor, int factory) {
    return new Starter(Starter.How.EXECUTOR, className(g, executor), factory >= 0 ? className(g, factory) : null);
  }

  /** The object in an instance's reference field of this name, or NONE when it has no such field or it is null. */
  private static int field(HeapGraph g, int object, String name) {
    if (!isInstance(g, object)) {
      return HeapGraph.NONE;
    }
    int t = g.slotTarget(object, name);
    return t >= 0 && t < g.classOf.length ? t : HeapGraph.NONE;
  }

  /** Whether an instance's class is this class or extends it. */
  private static boolean isA(HeapGraph g, int object, String name) {
    return g.classes.isA(g.classOf[object], name);
  }

  private static boolean isInstance(HeapGraph g, int object) {
    return object >= 0 && object < g.classOf.length && !g.isClassObject(object) && !g.classes.get(g.classOf[object]).array();
  }

  private static String className(HeapGraph g, int object) {
    return g.classes.get(g.classIndex(object)).name();
  }
}
