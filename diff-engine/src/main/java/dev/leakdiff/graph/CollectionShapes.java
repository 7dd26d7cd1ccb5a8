package dev.leakdiff.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The JDK collections whose internals a route takes as one hop ({@code java.util.HashMap[value]}): for each, the
 * classes inside it, and what each field that leaves them holds (a key, a value, an element).
 */
final class CollectionShapes {
  /**
   * A collection: the classes of its internals, the kind of reference of each field that leaves them, and whether an
   * element of an internal array leaves them (an ArrayList's elementData holds the elements; a HashMap's table holds
   * more internals).
   */
  record Shape(Set<String> internals, Map<String, Reference.Kind> exits, boolean elementsExit) {
    Shape(Set<String> internals, Map<String, Reference.Kind> exits) {
      this(internals, exits, false);
    }

    /** Whether the reference to chain object j (by field, or null for an array element) leaves the internals. */
    boolean leaves(String field, boolean fromInternalArray) {
      return field == null ? elementsExit && fromInternalArray : exits.containsKey(field);
    }

    /** The kind of reference a field leaving the internals is; an element when the field (null: an array element) is not one it names. */
    Reference.Kind exit(String field) {
      return field == null ? Reference.Kind.ELEMENT : exits.getOrDefault(field, Reference.Kind.ELEMENT);
    }

    /** Whether the field (null: an array element) is one that leaves the internals. */
    boolean exits(String field) {
      return field != null && exits.containsKey(field);
    }
  }

  private static final Map<String, Shape> SHAPES = new HashMap<>();

  private static final Reference.Kind KEY = Reference.Kind.MAP_KEY;
  private static final Reference.Kind VALUE = Reference.Kind.MAP_VALUE;
  private static final Reference.Kind ELEMENT = Reference.Kind.ELEMENT;

  static {
    Set<String> hashMap = Set.of("java.util.HashMap$Node", "java.util.HashMap$TreeNode", "java.util.HashMap$Node[]",
        "java.util.LinkedHashMap$Entry");
    Map<String, Reference.Kind> keyValue = Map.of("value", VALUE, "key", KEY);
    SHAPES.put("java.util.HashMap", new Shape(hashMap, keyValue));
    SHAPES.put("java.util.LinkedHashMap", new Shape(hashMap, keyValue));
    Set<String> hashSet = with(hashMap, "java.util.HashMap", "java.util.LinkedHashMap");
    SHAPES.put("java.util.HashSet", new Shape(hashSet, Map.of("key", ELEMENT)));
    SHAPES.put("java.util.LinkedHashSet", new Shape(hashSet, Map.of("key", ELEMENT)));
    Set<String> concurrentHashMap = Set.of("java.util.concurrent.ConcurrentHashMap$Node",
        "java.util.concurrent.ConcurrentHashMap$Node[]", "java.util.concurrent.ConcurrentHashMap$TreeBin",
        "java.util.concurrent.ConcurrentHashMap$TreeNode", "java.util.concurrent.ConcurrentHashMap$ForwardingNode");
    SHAPES.put("java.util.concurrent.ConcurrentHashMap", new Shape(concurrentHashMap, Map.of("val", VALUE, "key", KEY)));
    SHAPES.put("java.util.concurrent.ConcurrentHashMap$KeySetView",
        new Shape(with(concurrentHashMap, "java.util.concurrent.ConcurrentHashMap"), Map.of("key", ELEMENT)));
    SHAPES.put("java.util.Hashtable", new Shape(Set.of("java.util.Hashtable$Entry", "java.util.Hashtable$Entry[]"), keyValue));
    SHAPES.put("java.util.Properties", new Shape(with(concurrentHashMap, "java.util.concurrent.ConcurrentHashMap"),
        Map.of("val", VALUE, "key", KEY)));
    SHAPES.put("java.util.WeakHashMap", new Shape(Set.of("java.util.WeakHashMap$Entry", "java.util.WeakHashMap$Entry[]"),
        keyValue));
    SHAPES.put("java.util.IdentityHashMap", new Shape(Set.of("java.lang.Object[]"), Map.of(), true));
    SHAPES.put("java.lang.ThreadLocal$ThreadLocalMap", new Shape(Set.of("java.lang.ThreadLocal$ThreadLocalMap$Entry",
        "java.lang.ThreadLocal$ThreadLocalMap$Entry[]"), Map.of("value", Reference.Kind.THREAD_LOCAL_VALUE)));
    Set<String> treeMap = Set.of("java.util.TreeMap$Entry");
    SHAPES.put("java.util.TreeMap", new Shape(treeMap, keyValue));
    SHAPES.put("java.util.TreeSet", new Shape(with(treeMap, "java.util.TreeMap"), Map.of("key", ELEMENT)));
    Set<String> skipList = Set.of("java.util.concurrent.ConcurrentSkipListMap$Node",
        "java.util.concurrent.ConcurrentSkipListMap$Index", "java.util.concurrent.ConcurrentSkipListMap$HeadIndex");
    SHAPES.put("java.util.concurrent.ConcurrentSkipListMap", new Shape(skipList, Map.of("val", VALUE, "value", VALUE, "key", KEY)));
    SHAPES.put("java.util.concurrent.ConcurrentSkipListSet",
        new Shape(with(skipList, "java.util.concurrent.ConcurrentSkipListMap"), Map.of("key", ELEMENT)));
    Set<String> objects = Set.of("java.lang.Object[]");
    for (String list : new String[] {"java.util.ArrayList", "java.util.ArrayDeque", "java.util.Vector", "java.util.Stack",
        "java.util.concurrent.CopyOnWriteArrayList", "java.util.PriorityQueue", "java.util.concurrent.ArrayBlockingQueue",
        "java.util.concurrent.PriorityBlockingQueue"}) {
      SHAPES.put(list, new Shape(objects, Map.of(), true));
    }
    SHAPES.put("java.util.concurrent.CopyOnWriteArraySet",
        new Shape(with(objects, "java.util.concurrent.CopyOnWriteArrayList"), Map.of(), true));
    linked("java.util.LinkedList");
    linked("java.util.concurrent.ConcurrentLinkedQueue");
    linked("java.util.concurrent.ConcurrentLinkedDeque");
    linked("java.util.concurrent.LinkedBlockingQueue");
    linked("java.util.concurrent.LinkedBlockingDeque");
  }

  private CollectionShapes() {}

  /** A list or queue of linked nodes (CLASS$Node) whose field item holds the element. */
  private static void linked(String collection) {
    SHAPES.put(collection, new Shape(Set.of(collection + "$Node"), Map.of("item", ELEMENT)));
  }

  private static Set<String> with(Set<String> a, String... more) {
    Set<String> all = new HashSet<>(a);
    all.addAll(Set.of(more));
    return Set.copyOf(all);
  }

  /** The shape of a collection class, or null. */
  static Shape of(String className) {
    return SHAPES.get(className);
  }

  /** Whether a class is a hash-based map or set: equal keys are one entry only if the key's class says when they are. */
  static boolean hashed(String className) {
    Shape s = SHAPES.get(className);
    return s != null && (s.internals().contains("java.util.HashMap$Node")
        || s.internals().contains("java.util.concurrent.ConcurrentHashMap$Node") || className.equals("java.util.Hashtable"));
  }
}
