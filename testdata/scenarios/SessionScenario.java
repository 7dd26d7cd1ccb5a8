import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario for `leakdiff run`, the example of docs/commands/run.md (scripts/refresh-docs runs it):
 *
 *   javac -d classes testdata/scenarios/SessionScenario.java
 *   leakdiff run --classpath classes --scenario SessionScenario#login
 *
 * Each login opens a Session that goes into a static map and is never removed (the leak). The first login
 * fills a 500-entry permission cache (a one-time cost), and every login builds a request log it drops.
 */
public class SessionScenario {
  static final Map<Long, Session> OPEN = new HashMap<>();
  static final Map<String, String> PERMISSIONS = new HashMap<>();

  public static final class Session {
    final long id;
    final byte[] token = new byte[64];

    Session(long id) {
      this.id = id;
    }
  }

  private long logins;

  public void login() {
    if (PERMISSIONS.isEmpty()) {
      for (int i = 0; i < 500; i++) {
        PERMISSIONS.put("permission-" + i, "role-" + i % 7);
      }
    }
    Session s = new Session(1000 + logins++);
    OPEN.put(s.id, s);
    List<String> log = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      log.add("request " + i + " of session " + s.id);
    }
  }
}
