package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Doclint over the sources the processor generated for the examples, in the build: every generated
 * file under {@code target/generated-sources/annotations} compiled again with {@code -Xdoclint:all}
 * against the compiled examples must give no report. Only JDK 17's "no comment" on the components
 * of a record, which its {@code @param} tags document (javac 25 does not report it), is set aside.
 */
class GeneratedSourcesDoclintTest {
  private static final Path GENERATED = Path.of("target", "generated-sources", "annotations");

  @Test
  void doclintFindsNothingInTheGeneratedSources(@TempDir Path out) throws IOException {
    List<File> sources;
    try (Stream<Path> files = Files.walk(GENERATED)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
    }
    assertFalse(sources.isEmpty(), "no generated sources under " + GENERATED.toAbsolutePath());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-Xdoclint:all",
              "-Xmaxwarns",
              "10000",
              "-proc:none",
              "-d",
              out.toString(),
              "-classpath",
              System.getProperty("java.class.path"));
      javac
          .getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources))
          .call();
    }
    List<String> reports =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
            .filter(d -> !recordComponentBefore25(d))
            .map(
                d ->
                    (d.getSource() == null ? "" : d.getSource().getName())
                        + ":"
                        + d.getLineNumber()
                        + ": "
                        + d.getMessage(Locale.ROOT))
            .collect(Collectors.toList());
    assertEquals(List.of(), reports);
  }

  private static boolean recordComponentBefore25(Diagnostic<? extends JavaFileObject> d) {
    return Runtime.version().feature() < 25
        && d.getMessage(Locale.ROOT).contains("no comment")
        && line(d).strip().startsWith("public record ");
  }

  private static String line(Diagnostic<? extends JavaFileObject> d) {
    if (d.getSource() == null) {
      return "";
    }
    try {
      String[] lines = d.getSource().getCharContent(true).toString().split("\n", -1);
      long n = d.getLineNumber();
      return n >= 1 && n <= lines.length ? lines[(int) n - 1] : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
