package dev.adjoint.compiler.processor;

import dev.adjoint.Differentiable;
import dev.adjoint.compiler.DifferentiableProcessor;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac with the Adjoint processor on files in a directory, the way builds run it: sources under
 * {@code src/<package>}, classes to {@code out} (also the class path, so later compilations see the
 * earlier classes), generated sources to {@code gen}. For tests of incremental builds, where
 * compile-testing's memory-only compilations cannot keep output from one compilation to the next.
 */
final class DiskJavac {
  /** What javac said: success, and every diagnostic. */
  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    List<Diagnostic<? extends JavaFileObject>> errors() {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .collect(Collectors.toList());
    }

    /** Errors as {@code File.java: message}, for assertions and failure messages. */
    List<String> errorTexts() {
      return errors().stream()
          .map(
              d ->
                  (d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName())
                      + ": "
                      + d.getMessage(Locale.ROOT))
          .collect(Collectors.toList());
    }

    /** Every warning and error, for assertions that there are none. */
    List<String> problems() {
      return diagnostics.stream()
          .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
          .map(d -> d.getKind() + " " + d.getMessage(Locale.ROOT))
          .collect(Collectors.toList());
    }
  }

  private final Path dir;
  private final String pkg;

  DiskJavac(Path dir, String pkg) {
    this.dir = dir;
    this.pkg = pkg;
  }

  Path source(String file) {
    return dir.resolve("src").resolve(pkg.replace('.', '/')).resolve(file);
  }

  Path out() {
    return dir.resolve("out");
  }

  void write(String file, String text) throws IOException {
    Files.createDirectories(source(file).getParent());
    Files.writeString(source(file), text, StandardCharsets.UTF_8);
  }

  /**
   * Compiles these files of the package (with {@code -Xlint:all} but for processing, whose "file
   * for type already exists" is what recompiling an owner always says).
   */
  Result compile(String... files) throws IOException {
    Path out = Files.createDirectories(out());
    Path gen = Files.createDirectories(dir.resolve("gen"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<File> sources = new ArrayList<>();
      for (String f : files) {
        sources.add(source(f).toFile());
      }
      String classpath =
          out
              + File.pathSeparator
              + Path.of(
                  Differentiable.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .getPath());
      List<String> options =
          List.of(
              "-d",
              out.toString(),
              "-s",
              gen.toString(),
              "-classpath",
              classpath,
              "-implicit:none",
              "-Xlint:all,-processing",
              "--release",
              "17");
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(sources));
      task.setProcessors(List.of(new DifferentiableProcessor()));
      return new Result(task.call(), diagnostics.getDiagnostics());
    }
  }

  /** Calls a static method of a class in {@code out}, loaded afresh. */
  Object call(String className, String method, Class<?>[] types, Object... args) throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out().toUri().toURL()}, DiskJavac.class.getClassLoader())) {
      return loader.loadClass(pkg + "." + className).getMethod(method, types).invoke(null, args);
    }
  }
}
