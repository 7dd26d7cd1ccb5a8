package dev.leakdiff.hunt.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident set size and thread count, from /proc/PID/status on Linux, read without touching the process. */
public final class ProcessStatus {
  private ProcessStatus() {}

  /** RSS in bytes and the thread count; -1 where unknown. */
  public static long[] of(long pid) {
    long[] out = {-1, -1};
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          out[0] = Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        } else if (line.startsWith("Threads:")) {
          out[1] = Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return new long[] {-1, -1};
    }
    return out;
  }
}
