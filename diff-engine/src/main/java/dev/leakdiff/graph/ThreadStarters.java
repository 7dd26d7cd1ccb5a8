package dev.leakdiff.graph;

/**
 * Which code made a thread, as far as the dump shows it through reference fields alone (the graph keeps no
 * primitive values): a pool's thread runs a {@code ThreadPoolExecutor$Worker} (its {@code Thread.target} up to JDK
 * 20, {@code Thread.holder.task} from JDK 21 on), whose {@code this$0} is the executor and the executor's {@code
 * threadFactory} the factory; a fork-join worker names its {@code pool} and the pool's {@code factory}; a subclass of
 * Thread names itself; any other thread the class of its Runnable.
 */
public final class ThreadStarters {
  private ThreadStarters() {}

  private static final String THREAD = "java.lang.Thread";
  private static final String WORKER = "java.util.concurrent.ThreadPoolExecutor$Worker";
  private static final String FORK_JOIN_WORKER = "java.util.concurrent.ForkJoinWorkerThread";

  /**
   * What started the thread of this serial, in words: "started by java.util.concurrent.ThreadPoolExecutor (thread
   * factory java.util.concurrent.Executors$DefaultThreadFactory)", "started as com.acme.Poller (a Thread subclass)",
   * "started with com.acme.Task (a Runnable)"; "" when the dump does not tell.
   */
  public static String of(HeapGraph g, int threadSerial) {
    if (threadSerial < 0 || threadSerial >= g.threadObjectBySerial.length) {
      return "";
    }
    int thread = g.threadObjectBySerial[threadSerial];
    if (!isInstance(g, thread)) {
      return "";
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
      return "started as " + threadClass + " (a Thread subclass)";
    }
    return task >= 0 ? "started with " + className(g, task) + " (a Runnable)" : "";
  }

  /** Whether the dump's class of this name is java.lang.Thread or extends it. */
  public static boolean isThreadClass(HeapGraph g, String className) {
    for (int c = 0; c < g.classes.size(); c++) {
      if (g.classes.get(c).name().equals(className) && extendsClass(g, c, THREAD)) {
        return true;
      }
    }
    return false;
  }

  private static String startedBy(HeapGraph g, int executor, int factory) {
    return "started by " + className(g, executor) + (factory >= 0 ? " (thread factory " + className(g, factory) + ")" : "");
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
    return extendsClass(g, g.classOf[object], name);
  }

  private static boolean extendsClass(HeapGraph g, int classIndex, String name) {
    int c = classIndex;
    for (int depth = 0; c >= 0 && depth < 64; depth++) {
      if (g.classes.get(c).name().equals(name)) {
        return true;
      }
      c = g.classes.get(c).superIndex();
    }
    return false;
  }

  private static boolean isInstance(HeapGraph g, int object) {
    return object >= 0 && object < g.classOf.length && !g.isClassObject(object) && !g.classes.get(g.classOf[object]).array();
  }

  private static String className(HeapGraph g, int object) {
    return g.classes.get(g.classIndex(object)).name();
  }
}
