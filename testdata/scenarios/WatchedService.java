import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Scanner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A long-running "service" for leakdiff watch's tests. Run as a single-file program:
 *
 *   java WatchedService.java leak|bounded|idle [metrics]
 *
 * It prints "ready PID PORT" (PORT 0 without metrics), then reads commands on stdin: "run N" handles N more requests
 * and prints nothing; "count" prints "done TOTAL"; "quit" ends it. A request leaks 3 Session objects into a static list
 * (leak), or puts one into a cache of at most 200 entries (bounded); idle takes no requests. With metrics, the requests
 * served so far are at http://127.0.0.1:PORT/metrics as the Prometheus counter requests_total.
 */
public class WatchedService {
  static final class Session {
    final long id;
    final long[] state = new long[4];

    Session(long id) {
      this.id = id;
    }
  }

  static final List<Session> SESSIONS = new ArrayList<>();
  static final Map<Long, Session> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Session> eldest) {
      return size() > 200;
    }
  };
  static final AtomicLong REQUESTS = new AtomicLong();

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = 0;
    if (args.length > 1 && args[1].equals("metrics")) {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/metrics", ex -> {
        byte[] body = ("# TYPE requests_total counter\nrequests_total " + REQUESTS.get() + "\n").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(body);
        }
      });
      server.start();
      port = server.getAddress().getPort();
    }
    System.out.println("ready " + ProcessHandle.current().pid() + " " + port);
    System.out.flush();
    Scanner in = new Scanner(System.in);
    while (in.hasNextLine()) {
      String[] cmd = in.nextLine().trim().split("\\s+");
      if (cmd[0].equals("quit")) {
        break;
      }
      if (cmd[0].equals("count")) {
        System.out.println("done " + REQUESTS.get());
        System.out.flush();
      }
      if (cmd[0].equals("run")) {
        int n = Integer.parseInt(cmd[1]);
        synchronized (SESSIONS) {
          for (int i = 0; i < n; i++) {
            long r = REQUESTS.get();
            if (mode.equals("leak")) {
              for (int k = 0; k < 3; k++) {
                SESSIONS.add(new Session(r * 3 + k));
              }
            } else if (mode.equals("bounded")) {
              CACHE.put(r, new Session(r));
            }
            REQUESTS.incrementAndGet();
          }
        }
      }
    }
    System.exit(0);
  }
}
