package dev.leakdiff.cli;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.Histograms;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.graph.GraphMemory;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.hprof.HprofFormatException;
import dev.leakdiff.layout.Layout;
import dev.leakdiff.hprof.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Reads the histograms of the dumps named on the command line, turning every failure into a {@link UserError}. */
final class DumpLoader {
  private final PrintWriter err;
  private final Layout layout;

  DumpLoader(PrintWriter err, Layout layout) {
    this.err = err;
    this.layout = layout;
  }

  /** The histogram of the dump a reference names (the last one of the file by default). */
  ClassHistogram one(DumpRef ref) {
    Histograms.FileHistograms h = read(ref.file(), ref.selection(), ref.label());
    if (ref.index() != null && ref.index() >= h.dumpCount()) {
      throw new UserError(ExitCodes.USAGE, ref.file() + ": holds " + h.dumpCount() + " heap dump(s), so #" + ref.index()
          + " does not exist (dumps are numbered from 0)");
    }
    if (ref.index() == null && h.dumpCount() > 1) {
      err.printf("leakdiff: %s holds %d heap dumps; using the last (#%d); name one with %s#N (0-based)%n", ref.file(),
          h.dumpCount(), h.dumpCount() - 1, ref.file());
    }
    return h.histograms().get(0);
  }

  /** The histograms of every dump a file holds, in file order. */
  List<ClassHistogram> all(Path file) {
    return read(file, DumpSelection.all(), file.toString()).histograms();
  }

  private Histograms.FileHistograms read(Path file, DumpSelection selection, String label) {
    Histograms.FileHistograms result = reading(file, label, err, progress -> Histograms.read(file, selection, layout, progress));
    result.warnings().forEach(w -> err.println("leakdiff: warning: " + w));
    if (result.dumpCount() == 0) {
      throw new UserError(ExitCodes.BAD_DUMP, file + ": holds no heap dump (no HEAP_DUMP or HEAP_DUMP_SEGMENT record"
          + (result.truncated() ? " before the file is cut off)" : ")"));
    }
    return result;
  }

  /**
   * The names of a dump's threads by serial, read when first asked (they take one more pass over the file);
   * if that fails, a warning and no names (chains then name threads by serial).
   */
  static Supplier<Map<Integer, String>> threadNames(HeapGraph g, Path file, DumpSelection selection, PrintWriter err) {
    return () -> {
      try {
        return g.threadNames(file, selection);
      } catch (IOException | UncheckedIOException e) {
        err.println("leakdiff: warning: " + file + ": could not read thread names (" + e.getMessage() + ")");
        return Map.of();
      }
    };
  }

  /** A read of a dump file, reporting its progress. */
  interface Reading<T> {
    T read(Progress progress) throws IOException;
  }

  /**
   * Runs a read of a file with progress on stderr, turning every way it can fail into one sentence with its
   * exit code: the one place commands map reader errors to what the user sees.
   */
  static <T> T reading(Path file, String label, PrintWriter err, Reading<T> work) {
    check(file);
    Progress progress = new Progress();
    try (ProgressReporter ignored = new ProgressReporter(label, progress, err)) {
      return work.read(progress);
    } catch (HprofFormatException e) {
      throw new UserError(ExitCodes.BAD_DUMP, e.getMessage());
    } catch (GraphMemory.NotEnoughMemory e) {
      throw new UserError(ExitCodes.OUT_OF_MEMORY, file + ": " + e.getMessage() + "; set LEAKDIFF_JAVA_OPTS to give it");
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCodes.USAGE, e.getMessage());
    } catch (NoSuchFileException e) {
      throw new UserError(ExitCodes.NO_INPUT, file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UserError(ExitCodes.NO_INPUT, file + ": permission denied");
    } catch (IOException | UncheckedIOException e) {
      String why = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
      throw new UserError(ExitCodes.NO_INPUT, file + ": cannot read the file (" + why + ")");
    } catch (OutOfMemoryError e) {
      throw new UserError(ExitCodes.OUT_OF_MEMORY, file + ": not enough memory to read it with "
          + Sizes.bytes(Runtime.getRuntime().maxMemory()) + "; give more with LEAKDIFF_JAVA_OPTS=-Xmx8g (say)");
    }
  }

  private static void check(Path file) {
    if (Files.isDirectory(file)) {
      throw new UserError(ExitCodes.NO_INPUT, file + ": is a directory, not a heap dump");
    }
    if (!Files.exists(file)) {
      throw new UserError(ExitCodes.NO_INPUT, file + ": no such file");
    }
    if (!Files.isReadable(file)) {
      throw new UserError(ExitCodes.NO_INPUT, file + ": permission denied");
    }
  }
}
