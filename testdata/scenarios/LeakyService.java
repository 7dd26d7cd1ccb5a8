import java.util.ArrayList;
import java.util.List;
import java.util.Scanner;
import java.util.concurrent.locks.LockSupport;

/**
 * A long-running "service" for leakdiff's capture tests. Run as a single-file program:
 *
 *   java LeakyService.java [heap|threads]
 *
 * It prints "ready PID", then reads commands on stdin: "run N" runs N more iterations and prints
 * "done TOTAL"; "quit" ends it. Each iteration leaks 100 Entry objects into a static list (heap), or
 * starts a thread that parks forever (threads).
 */
public class LeakyService {
  static final class Entry {
    final long id;
    final byte[] payload = new byte[32];

    Entry(long id) {
      this.id = id;
    }
  }

  static final List<Entry> LEAKED = new ArrayList<>();
  static final List<Thread> PARKED = new ArrayList<>();

  public static void main(String[] args) {
    boolean threads = args.length > 0 && args[0].equals("threads");
    long done = 0;
    System.out.println("ready " + ProcessHandle.current().pid());
    System.out.flush();
    Scanner in = new Scanner(System.in);
    while (in.hasNextLine()) {
      String[] cmd = in.nextLine().trim().split("\\s+");
      if (cmd[0].equals("quit")) {
        break;
      }
      if (cmd[0].equals("run")) {
        int n = Integer.parseInt(cmd[1]);
        for (int i = 0; i < n; i++, done++) {
          if (threads) {
            Thread t = new Thread(() -> LockSupport.park(), "parked-" + done);
            t.setDaemon(true);
            t.start();
            PARKED.add(t);
          } else {
            for (int k = 0; k < 100; k++) {
              LEAKED.add(new Entry(done * 100 + k));
            }
          }
        }
        System.out.println("done " + done);
        System.out.flush();
      }
    }
  }
}
