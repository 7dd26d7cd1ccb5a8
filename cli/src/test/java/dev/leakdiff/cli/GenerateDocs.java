package dev.leakdiff.cli;

import dev.leakdiff.hunt.words.Words;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * A build tool, not a test: the shell completion and the man pages of leakdiff, made from its commands by picocli's own
 * generators (AutoComplete's bash script, which zsh loads too; ManPageGenerator's AsciiDoc, which Asciidoctor turns into
 * troff). The archive ships what it writes: OUT/completion/leakdiff.bash and OUT/man/man1/leakdiff*.1.
 */
public final class GenerateDocs {
  private GenerateDocs() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    CommandLine cl = Main.commandLine(Words.english(), Main.Name.values());
    Path completion = Files.createDirectories(out.resolve("completion"));
    Files.writeString(completion.resolve("leakdiff.bash"), AutoComplete.bash("leakdiff", cl));

    Path adoc = Files.createDirectories(out.resolve("adoc"));
    ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, cl.getCommandSpec());
    Path man1 = Files.createDirectories(out.resolve("man").resolve("man1"));
    List<File> pages;
    try (var files = Files.list(adoc)) {
      pages = files.filter(f -> f.toString().endsWith(".adoc")).map(Path::toFile).sorted().toList();
    }
    try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
      for (File page : pages) {
        asciidoctor.convertFile(page, Options.builder().backend("manpage").safe(SafeMode.UNSAFE).toDir(man1.toFile()).build());
      }
    }
    if (pages.isEmpty()) {
      throw new IllegalStateException("no man page was generated in " + adoc);
    }
  }
}
