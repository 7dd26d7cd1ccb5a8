package dev.leakdiff.cli.scenarios;

/**
 * A hand-written singly linked list under a static head: each call appends its context at the tail (walking
 * there from the head) and nothing unlinks one. Per call a context and a node stay, each node one hop deeper
 * than the one before.
 */
public class ContextsInLinkedList implements Runnable {
  /** One link of the list. */
  public static final class Node {
    final RequestContext context;
    Node next;

    Node(RequestContext context, Node next) {
      this.context = context;
      this.next = next;
    }
  }

  static Node HEAD;
  private long calls;

  @Override
  public void run() {
    long n = calls++;
    Node node = new Node(new RequestContext(n), null);
    if (HEAD == null) {
      HEAD = node;
      return;
    }
    Node last = HEAD;
    while (last.next != null) {
      last = last.next;
    }
    last.next = node;
  }
}
