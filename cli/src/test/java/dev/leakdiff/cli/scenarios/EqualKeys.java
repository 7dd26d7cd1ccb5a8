package dev.leakdiff.cli.scenarios;

import java.util.HashSet;
import java.util.Set;

/**
 * A set that grows because its keys lack equals and hashCode: each call adds a key equal by value to the last,
 * and the set keeps them all apart.
 */
public class EqualKeys implements Runnable {
  /** A key without equals and hashCode. */
  public static final class Key {
    final String user;
    final int tenant;

    Key(String user, int tenant) {
      this.user = user;
      this.tenant = tenant;
    }
  }

  static final Set<Key> SEEN = new HashSet<>();

  @Override
  public void run() {
    SEEN.add(new Key(new String(new char[] {'a', 'l', 'i', 'c', 'e'}), 42)); // equal characters, other objects
  }
}
