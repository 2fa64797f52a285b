package dev.adjoint.compiler.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.compiler.DifferentiableProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Shared helpers of the compile-testing processor tests: compiling, locating, loading. */
final class ProcessorHarness {
  private ProcessorHarness() {}

  /** A source file whose text is kept so that expected positions can be computed from it. */
  record Source(String qualifiedName, String text, JavaFileObject file) {
    static Source of(String qualifiedName, String text) {
      return new Source(qualifiedName, text, JavaFileObjects.forSourceString(qualifiedName, text));
    }

    /** Character offset of {@code snippet} inside the unique occurrence of {@code context}. */
    int offset(String context, String snippet) {
      int at = text.indexOf(context);
      if (at < 0) {
        throw new IllegalArgumentException("context not in source: " + context);
      }
      if (text.indexOf(context, at + 1) >= 0) {
        throw new IllegalArgumentException("context occurs more than once: " + context);
      }
      int inner = context.indexOf(snippet);
      if (inner < 0) {
        throw new IllegalArgumentException(
            "snippet '" + snippet + "' not in context '" + context + "'");
      }
      return at + inner;
    }

    /** 1-based line of a character offset. */
    long lineOf(int offset) {
      long line = 1;
      for (int i = 0; i < offset; i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }
  }

  /** javac with the Adjoint processor and no further options. */
  static Compilation compile(Source... sources) {
    return javac()
        .withProcessors(new DifferentiableProcessor())
        .compile(java.util.Arrays.stream(sources).map(Source::file).collect(Collectors.toList()));
  }

  /** javac with the Adjoint processor and {@code -Xlint:all}. */
  static Compilation compileLinted(Source... sources) {
    return javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions("-Xlint:all")
        .compile(java.util.Arrays.stream(sources).map(Source::file).collect(Collectors.toList()));
  }

  static String message(Diagnostic<? extends JavaFileObject> d) {
    return d.getMessage(Locale.ROOT);
  }

  /** Every diagnostic, one per line, with its position and the source text it covers. */
  static String describe(Compilation c) {
    StringBuilder out = new StringBuilder("status " + c.status() + "\n");
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      out.append(d.getKind())
          .append(" line ")
          .append(d.getLineNumber())
          .append(" col ")
          .append(d.getColumnNumber())
          .append(" [")
          .append(d.getStartPosition())
          .append(", ")
          .append(d.getEndPosition())
          .append(") ")
          .append(covered(d))
          .append(": ")
          .append(message(d).lines().limit(4).collect(Collectors.joining(" / ")))
          .append('\n');
    }
    return out.toString();
  }

  private static String covered(Diagnostic<? extends JavaFileObject> d) {
    if (d.getSource() == null
        || d.getStartPosition() < 0
        || d.getEndPosition() < d.getStartPosition()) {
      return "<no range>";
    }
    try {
      CharSequence text = d.getSource().getCharContent(true);
      String s = text.subSequence((int) d.getStartPosition(), (int) d.getEndPosition()).toString();
      return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s).replace("\n", "\\n") + "'";
    } catch (IOException | IndexOutOfBoundsException e) {
      return "<" + e + ">";
    }
  }

  /** The codes {@code ADnnn} of all errors, in report order. */
  static List<String> errorCodes(Compilation c) {
    return c.errors().stream()
        .map(ProcessorHarness::message)
        .map(m -> m.startsWith("[AD") && m.length() >= 7 ? m.substring(1, 6) : "javac: " + m)
        .collect(Collectors.toList());
  }

  /**
   * The text of a generated source file, also when the compilation failed: compile-testing then
   * refuses {@code generatedSourceFile}, but a method's errors must not stop the others of its
   * class from being generated, so the tests need to see the file anyway.
   */
  static java.util.Optional<String> generatedSource(Compilation c, String qualifiedName) {
    List<JavaFileObject> files;
    if (c.status() == Compilation.Status.SUCCESS) {
      files = c.generatedSourceFiles();
    } else {
      try {
        java.lang.reflect.Field f = Compilation.class.getDeclaredField("generatedFiles");
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<JavaFileObject> all = (List<JavaFileObject>) f.get(c);
        files = all;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "compile-testing changed: cannot read generated files of a failed compilation", e);
      }
    }
    String suffix = "/" + qualifiedName.replace('.', '/') + ".java";
    for (JavaFileObject file : files) {
      if (file.getKind() == JavaFileObject.Kind.SOURCE && file.toUri().getPath().endsWith(suffix)) {
        try {
          return java.util.Optional.of(file.getCharContent(true).toString());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** Asserts that nothing escaped from the processor into javac: no crash, no internal error. */
  static void assertNoCrash(Compilation c) {
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String m = message(d);
      assertTrue(!m.contains("[AD901]"), "internal error reported:\n" + describe(c));
      assertTrue(
          !m.contains("threw an uncaught exception")
              && !m.contains("An annotation processor threw"),
          "processor crashed:\n" + describe(c));
    }
  }

  /** Loads the classes javac wrote for a compilation, in memory. */
  static final class GeneratedClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    GeneratedClassLoader(Compilation c) {
      super(ProcessorHarness.class.getClassLoader());
      for (JavaFileObject f : c.generatedFiles()) {
        if (f.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String uri = f.toUri().toString();
        int at = uri.indexOf("CLASS_OUTPUT/");
        if (at < 0) {
          throw new IllegalStateException("unexpected class file location " + uri);
        }
        String path =
            uri.substring(at + "CLASS_OUTPUT/".length(), uri.length() - ".class".length());
        try (InputStream in = f.openInputStream()) {
          classes.put(path.replace('/', '.'), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }

    java.util.Set<String> classNames() {
      return classes.keySet();
    }
  }
}
