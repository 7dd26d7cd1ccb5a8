package dev.leakdiff.hunt.watch;

import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measure of work a watch judges growth against: the time since it began (in minutes), or a counter of the
 * service's that only goes up (requests served): the number a command prints, or a metric read from a
 * Prometheus-format endpoint. Read once per sample, just before the histogram.
 */
public sealed interface WorkMeter {
  /** The work done so far, in its unit. */
  double read();

  /** What one unit of the work is, singular: "minute", "request". */
  String unit();

  /** Minutes since the meter was made. */
  record Time(long startNanos) implements WorkMeter {
    public Time() {
      this(System.nanoTime());
    }

    @Override
    public double read() {
      return (System.nanoTime() - startNanos) / 60e9;
    }

    @Override
    public String unit() {
      return "minute";
    }
  }

  /** The first number a shell command prints (sh -c COMMAND), within 10 seconds. */
  record Command(String command, String unit) implements WorkMeter {
    @Override
    public double read() {
      try {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
          out = in.readNBytes(64 * 1024);
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new LeakdiffException(Kind.USAGE, "the work command '" + command + "' did not end within 10 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new LeakdiffException(Kind.USAGE, "the work command '" + command + "' failed with exit code " + p.exitValue()
              + ": " + firstLine(text));
        }
        return firstNumber(text, "the work command '" + command + "'");
      } catch (IOException e) {
        throw new LeakdiffException(Kind.USAGE, "cannot run the work command '" + command + "' ("
            + LeakdiffException.rootMessage(e) + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LeakdiffException(Kind.USAGE, "interrupted while running the work command '" + command + "'");
      }
    }
  }

  /**
   * A metric of a Prometheus-format text endpoint (http://host:port/metrics): the sum of the samples of that name, over
   * all their labels; or of one labelled series when the name has its labels, as the endpoint writes them
   * ({@code http_requests_total{path="/export"}}).
   */
  record Prometheus(URI endpoint, String metric, String unit) implements WorkMeter {
    @Override
    public double read() {
      String what = metric + " at " + endpoint;
      String text;
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        c.setRequestProperty("Accept", "text/plain");
        if (c.getResponseCode() != 200) {
          throw new LeakdiffException(Kind.USAGE, "cannot read " + what + ": HTTP " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } catch (IOException | IllegalArgumentException e) {
        throw new LeakdiffException(Kind.USAGE, "cannot read " + what + " (" + LeakdiffException.rootMessage(e) + ")");
      }
      Double v = value(text, metric);
      if (v == null) {
        throw new LeakdiffException(Kind.USAGE, endpoint + " has no metric " + metric);
      }
      return v;
    }

    /** The metric's value in an exposition text: its samples summed, or the one series named with its labels. */
    public static Double value(String text, String metric) {
      boolean labelled = metric.contains("{");
      double sum = 0;
      boolean any = false;
      for (String line : text.split("\n")) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int end = line.indexOf('}') >= 0 && line.indexOf('{') >= 0 ? line.indexOf('}') + 1 : line.indexOf(' ');
        if (end <= 0) {
          continue;
        }
        String series = line.substring(0, end);
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        if (labelled ? series.replace(" ", "").equals(metric.replace(" ", "")) : name.equals(metric)) {
          String[] rest = line.substring(end).strip().split("\\s+");
          try {
            sum += Double.parseDouble(rest[0]);
            any = true;
          } catch (NumberFormatException e) {
            // not a sample line
          }
        }
      }
      return any ? sum : null;
    }
  }

  private static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /** The first number in a command's output. */
  static double firstNumber(String text, String what) {
    Matcher m = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?").matcher(text);
    if (!m.find()) {
      throw new LeakdiffException(Kind.USAGE, what + " printed no number: " + firstLine(text));
    }
    return Double.parseDouble(m.group());
  }
}
