package dev.leakdiff.graph;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an object on a chain from a GC root is held: by the object before it (a field, an array element, a collection's
 * key or value, ...), or, for the first object of a chain, by its root (a static field, a thread's stack, a JNI
 * global, ...). A value: two chains through the same fields compare equal; words are made from it elsewhere.
 *
 * @param owner the class whose field, element or slot holds the object (for a root: the class of the root's holder,
 *     or null); for {@link Kind#SYSTEM_CLASS} the loader's class
 * @param name the field or slot name ({@link Kind#STATIC_FIELD}, {@link Kind#FIELD}, {@link Kind#SCENARIO_FIELD},
 *     {@link Kind#CLASS_SLOT}); for a repeated field the names the run went through, joined by '|'; for {@link
 *     Kind#ROOT} the root's kind; else null
 * @param loader for a static field, the class of its class's loader; null for the bootstrap loader
 * @param thread for a thread's root, the thread (and the frame for a local variable); else null
 * @param via for a ThreadLocal's value, the static field that holds the ThreadLocal, when one does; else null
 * @param repeated a run of one or more references of the same class to itself (a linked list's next, a tree's left and
 *     right) taken as one step, whatever its length
 */
public record Reference(Kind kind, String owner, String name, String loader, ThreadRoot thread, Reference via,
    boolean repeated) {
  /** What kind of reference; more may come. */
  public enum Kind {
    STATIC_FIELD(true),
    /** A field of the scenario object a chain is re-rooted at (the object the scenario's runner holds). */
    SCENARIO_FIELD(true),
    FIELD(false),
    ARRAY_ELEMENT(false),
    MAP_KEY(false),
    MAP_VALUE(false),
    /** An element of a list, set or queue. */
    ELEMENT(false),
    /** The collection's own internals held as the object itself (its entry nodes, its table). */
    ENTRY(false),
    /** The value a ThreadLocal holds in a thread's ThreadLocalMap. */
    THREAD_LOCAL_VALUE(false),
    /** A class object's implicit reference: its super class, loader, signers, protection domain, constant pool. */
    CLASS_SLOT(false),
    /** An instance's class. */
    CLASS_OF(false),
    /** The chain's object is a class of a loader that lives as long as the JVM. */
    SYSTEM_CLASS(true),
    THREAD(true),
    LOCAL(true),
    JNI_LOCAL(true),
    NATIVE_STACK(true),
    THREAD_BLOCK(true),
    JNI_GLOBAL(true),
    MONITOR(true),
    /** Any other root: {@code name} says which. */
    ROOT(true);

    /** Whether a chain starts with it. */
    public final boolean root;

    Kind(boolean root) {
      this.root = root;
    }

    /** The word JSON gives it: staticField, mapValue, ... */
    public String word() {
      StringBuilder sb = new StringBuilder();
      for (String part : name().toLowerCase(Locale.ROOT).split("_")) {
        sb.append(sb.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
      }
      return sb.toString();
    }
  }

  /** A thread a root belongs to: its serial, its name (null when the dump does not give it), and a frame of its stack. */
  public record ThreadRoot(int serial, String name, Frame frame) {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** What makes threads of one kind one route: the name with every run of digits as N, no serial, no line. */
    ThreadRoot shape() {
      return new ThreadRoot(0, name == null ? null : DIGITS.matcher(name).replaceAll("N"),
          frame == null ? null : frame.withoutLine());
    }

    /** The same thread root, the digits of its name that differ from another's as N ("pool-N-thread-1"). */
    ThreadRoot merged(ThreadRoot other) {
      if (name == null || other.name == null || name.equals(other.name)) {
        return this;
      }
      return new ThreadRoot(serial, Names.mergeDigits(name, other.name), frame);
    }
  }

  public static Reference staticField(String owner, String name, String loader) {
    return new Reference(Kind.STATIC_FIELD, owner, name, loader, null, null, false);
  }

  public static Reference field(String owner, String name) {
    return new Reference(Kind.FIELD, owner, name, null, null, null, false);
  }

  public static Reference of(Kind kind, String owner) {
    return new Reference(kind, owner, null, null, null, null, false);
  }

  public static Reference named(Kind kind, String owner, String name) {
    return new Reference(kind, owner, name, null, null, null, false);
  }

  public static Reference thread(Kind kind, ThreadRoot thread) {
    return new Reference(kind, null, null, null, thread, null, false);
  }

  /** What makes two references the same step of a route: thread names' numbers, lines, and repeated names left out. */
  public Reference shape() {
    if (thread == null && !repeated) {
      return this;
    }
    return new Reference(kind, owner, repeated ? null : name, loader, thread == null ? null : thread.shape(), via, repeated);
  }

  /** The same reference as two chains of one route show it: thread names' differing numbers as N, field names joined. */
  Reference merged(Reference other) {
    if (equals(other)) {
      return this;
    }
    String names = repeated ? Names.union(name, other.name) : name;
    return new Reference(kind, owner, names, loader, thread == null || other.thread == null ? thread : thread.merged(other.thread),
        via, repeated);
  }
}
