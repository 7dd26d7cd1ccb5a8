package com.example;

import java.util.ArrayList;
import java.util.List;

/** Logs users in, and keeps every session it ever made in a static list: the leak. */
public final class Sessions {
  static final List<Session> ALL = new ArrayList<>();

  /** A logged-in user. */
  public static final class Session {
    final String user;
    final long started = System.nanoTime();

    Session(String user) {
      this.user = user;
    }
  }

  public Session login(String user) {
    Session s = new Session(user);
    ALL.add(s);
    return s;
  }
}
