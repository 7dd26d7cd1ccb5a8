package dev.leakdiff.suite;

import java.util.HashSet;
import java.util.Set;

/**
 * Leak. A set of active sessions keyed by a class without equals and hashCode: every call adds
 * {@code new SessionKey("user", 42)}, meant to be the same key each time, and the set grows by one per call.
 */
public class KeysWithoutEquals implements Runnable {
  static final class SessionKey {
    final String realm;
    final int userId;

    SessionKey(String realm, int userId) {
      this.realm = realm;
      this.userId = userId;
    }
    // no equals, no hashCode: identity
  }

  static final Set<SessionKey> ACTIVE = new HashSet<>();

  @Override
  public void run() {
    ACTIVE.add(new SessionKey("user", 42));
  }
}
