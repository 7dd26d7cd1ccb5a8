package dev.leakdiff.hunt.analysis;

import dev.leakdiff.diff.ClassHistogram;
import dev.leakdiff.diff.FileHistograms;
import dev.leakdiff.graph.GraphMemory;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.graph.ThreadNames;
import dev.leakdiff.hprof.DumpSelection;
import dev.leakdiff.hprof.HprofFormatException;
import dev.leakdiff.hprof.Progress;
import dev.leakdiff.hunt.LeakdiffException;
import dev.leakdiff.hunt.LeakdiffException.Kind;
import dev.leakdiff.hunt.Reporter;
import dev.leakdiff.source.Dumps;
import dev.leakdiff.layout.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads dumps for the commands and the hunt: histograms and graphs, with progress and warnings told to a
 * {@link Reporter}, and every way a read can fail turned into one {@link LeakdiffException}: the one place
 * reader errors are mapped to what the user sees.
 */
public final class DumpReader {
  private final Reporter reporter;
  private final Layout layout;
  private final boolean jvmNames;

  /** layout: the object layout to size objects with, or null to infer it from each dump. */
  public DumpReader(Reporter reporter, Layout layout) {
    this(reporter, layout, false);
  }

  /** jvmNames: name lambda classes as the JVM did, counter and address included (see ProfileData#className). */
  public DumpReader(Reporter reporter, Layout layout, boolean jvmNames) {
    this.reporter = reporter;
    this.layout = layout;
    this.jvmNames = jvmNames;
  }

  /** Where this reader's progress and warnings go. */
  public Reporter reporter() {
    return reporter;
  }

  /** The histogram of the dump a reference names (the last one of the file by default). */
  public ClassHistogram one(DumpRef ref) {
    FileHistograms h = read(ref.file(), ref.selection(), ref.label());
    if (ref.index() != null && ref.index() >= h.dumpCount()) {
      throw new LeakdiffException(Kind.USAGE, ref.file() + ": holds " + h.dumpCount() + " heap dump(s), so #" + ref.index()
          + " does not exist (dumps are numbered from 0)");
    }
    if (ref.index() == null && h.dumpCount() > 1) {
      reporter.lastOfSeveral(ref.file(), h.dumpCount());
    }
    return h.histograms().get(0);
  }

  /** The histograms of every dump a file holds, in file order. */
  public List<ClassHistogram> all(Path file) {
    return read(file, DumpSelection.all(), file.toString()).histograms();
  }

  private FileHistograms read(Path file, DumpSelection selection, String label) {
    FileHistograms result = reading(file, label, progress -> Dumps.histograms(file, selection, layout, progress,
        Runtime.getRuntime().availableProcessors(), jvmNames));
    result.warnings().forEach(reporter::warn);
    if (result.dumpCount() == 0) {
      throw new LeakdiffException(Kind.BAD_DUMP, file + ": holds no heap dump (no HEAP_DUMP or HEAP_DUMP_SEGMENT record"
          + (result.truncated() ? " before the file is cut off)" : ")"));
    }
    return result;
  }

  /**
   * The names of a dump's threads by serial, read when first asked (they take one more pass over the file);
   * if that fails, a warning and no names (chains then name threads by serial).
   */
  public Supplier<Map<Integer, String>> threadNames(HeapGraph g, Path file) {
    return () -> {
      try {
        return ThreadNames.read(g);
      } catch (IOException | UncheckedIOException e) {
        reporter.warn(file + ": could not read thread names (" + e.getMessage() + ")");
        return Map.of();
      }
    };
  }

  /** The graph of one dump of a file, every class sized or those wantSizes says, read with its progress shown. */
  public HeapGraph graph(Path file, DumpSelection selection, String label,
      java.util.function.Function<dev.leakdiff.graph.ClassTable, java.util.function.IntPredicate> wantSizes) {
    return reading(file, label, progress -> Dumps.graph(file, selection, wantSizes, progress));
  }

  /** A read of a dump file, reporting its progress. */
  public interface Reading<T> {
    T read(Progress progress) throws IOException;
  }

  /** Runs a read of a file with its progress shown, turning every way it can fail into one sentence and its kind. */
  public <T> T reading(Path file, String label, Reading<T> work) {
    check(file);
    Progress progress = new Progress();
    try (Reporter.Display ignored = reporter.progress(label, progress)) {
      return work.read(progress);
    } catch (HprofFormatException e) {
      throw new LeakdiffException(Kind.BAD_DUMP, e.getMessage());
    } catch (GraphMemory.NotEnoughMemory e) {
      throw new LeakdiffException(Kind.OUT_OF_MEMORY, file + ": " + e.getMessage() + "; set LEAKDIFF_JAVA_OPTS to give it");
    } catch (IllegalArgumentException e) {
      throw new LeakdiffException(Kind.USAGE, e.getMessage());
    } catch (NoSuchFileException e) {
      throw new LeakdiffException(Kind.NO_INPUT, file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new LeakdiffException(Kind.NO_INPUT, file + ": permission denied");
    } catch (IOException | UncheckedIOException e) {
      String why = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
      throw new LeakdiffException(Kind.NO_INPUT, file + ": cannot read the file (" + why + ")");
    } catch (OutOfMemoryError e) {
      throw new LeakdiffException(Kind.OUT_OF_MEMORY, file + ": not enough memory to read it with "
          + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; give more with LEAKDIFF_JAVA_OPTS=-Xmx8g (say)");
    }
  }

  private static void check(Path file) {
    if (Files.isDirectory(file)) {
      throw new LeakdiffException(Kind.NO_INPUT, file + ": is a directory, not a heap dump");
    }
    if (!Files.exists(file)) {
      throw new LeakdiffException(Kind.NO_INPUT, file + ": no such file");
    }
    if (!Files.isReadable(file)) {
      throw new LeakdiffException(Kind.NO_INPUT, file + ": permission denied");
    }
    if (!Files.isRegularFile(file)) {
      // a FIFO would block the open until a writer comes, a device such as /dev/zero never ends: refused before any read
      throw new LeakdiffException(Kind.NO_INPUT, file + ": is not a regular file (a FIFO, socket or device), not a heap dump");
    }
  }
}
