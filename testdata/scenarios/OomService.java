import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service that keeps a session per request in a static map until the heap runs out. Run it with a small heap and
 * -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=FILE: the JVM writes FILE when handle() runs out of memory. A
 * smaller static list (WARM) keeps a fixed 2 MiB, so that the map must be found first among several retainers.
 * Exits 0 once the dump is written (the error caught, the map cleared).
 */
public class OomService {
  static final Map<String, Session> CACHE = new HashMap<>();
  static final List<byte[]> WARM = new ArrayList<>();

  static final class Session {
    final String user;
    final byte[] state = new byte[400];
    final List<String> events = new ArrayList<>();

    Session(String user) {
      this.user = user;
    }
  }

  public static void main(String[] args) {
    for (int i = 0; i < 64; i++) {
      WARM.add(new byte[32 * 1024]);
    }
    int request = 0;
    try {
      while (true) {
        handle(request++);
      }
    } catch (OutOfMemoryError e) {
      CACHE.clear();
      System.out.println("out of memory after " + request + " requests");
    }
  }

  static void handle(int request) {
    Session s = new Session("user-" + request);
    s.events.add("login");
    CACHE.put("session-" + request, s);
  }
}
