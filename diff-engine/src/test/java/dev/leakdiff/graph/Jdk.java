package dev.leakdiff.graph;

/**
 * The JDK classes the engine knows by name, declared in a {@link TestHeap} with the fields (and super classes) of JDK 17
 * that the engine reads, and a few lines to make their instances: a HashMap and its nodes, an ArrayList, a TreeMap, a
 * ConcurrentLinkedQueue, a thread with its ThreadLocalMap.
 */
final class Jdk {
  final TestHeap h;
  final TestHeap.Cls reference;
  final TestHeap.Cls weakReference;
  final TestHeap.Cls thread;
  final TestHeap.Cls threadLocal;
  final TestHeap.Cls threadLocalMap;
  final TestHeap.Cls threadLocalEntry;
  final TestHeap.Cls hashMap;
  final TestHeap.Cls node;
  final TestHeap.Cls linkedEntry;
  final TestHeap.Cls treeNode;
  final TestHeap.Cls arrayList;
  final TestHeap.Cls treeMap;
  final TestHeap.Cls treeEntry;
  final TestHeap.Cls queue;
  final TestHeap.Cls queueNode;

  Jdk(TestHeap h) {
    this.h = h;
    reference = h.cls("java.lang.ref.Reference", null, "referent", "queue", "next", "discovered");
    weakReference = h.cls("java.lang.ref.WeakReference", reference);
    thread = h.cls("java.lang.Thread", null, "tid:J", "name", "priority:I", "daemon:Z", "target", "threadLocals",
        "inheritableThreadLocals");
    threadLocal = h.cls("java.lang.ThreadLocal", null, "threadLocalHashCode:I");
    threadLocalMap = h.cls("java.lang.ThreadLocal$ThreadLocalMap", null, "table", "size:I", "threshold:I");
    threadLocalEntry = h.cls("java.lang.ThreadLocal$ThreadLocalMap$Entry", weakReference, "value");
    hashMap = h.cls("java.util.HashMap", null, "table", "entrySet", "size:I", "modCount:I", "threshold:I", "loadFactor:F");
    node = h.cls("java.util.HashMap$Node", null, "hash:I", "key", "value", "next");
    linkedEntry = h.cls("java.util.LinkedHashMap$Entry", node, "before", "after");
    treeNode = h.cls("java.util.HashMap$TreeNode", linkedEntry, "parent", "left", "right", "prev", "red:Z");
    arrayList = h.cls("java.util.ArrayList", null, "modCount:I", "size:I", "elementData");
    treeMap = h.cls("java.util.TreeMap", null, "comparator", "root", "size:I", "modCount:I");
    treeEntry = h.cls("java.util.TreeMap$Entry", null, "key", "value", "left", "right", "parent", "color:Z");
    queue = h.cls("java.util.concurrent.ConcurrentLinkedQueue", null, "head", "tail");
    queueNode = h.cls("java.util.concurrent.ConcurrentLinkedQueue$Node", null, "item", "next");
  }

  /** An ArrayList of these elements, its array two slots longer (null). */
  long arrayList(long... elements) {
    long[] data = java.util.Arrays.copyOf(elements, elements.length + 2);
    return h.instance(arrayList, "size", elements.length, "elementData", h.array("java.lang.Object[]", data));
  }

  /** A HashMap whose table holds these nodes (0: an empty bucket). */
  long hashMap(long... table) {
    return h.instance(hashMap, "size", table.length, "table", h.array("java.util.HashMap$Node[]", table));
  }

  /** A bucket's node: key, value, next. */
  long node(long key, long value, long next) {
    return h.instance(node, "hash", (int) key, "key", key, "value", value, "next", next);
  }

  /** A thread object named by a String of its own. */
  long thread(String name) {
    return h.instance(thread, "name", h.string(name), "tid", 1);
  }
}
