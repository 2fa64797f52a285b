package dev.adjoint.compiler.random;

import dev.adjoint.NoDerivative;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in memory with the system compiler ({@code -Xlint:all}, no annotation
 * processing) and loads the classes, so tests can run generated code.
 */
final class InMemoryJavac {
  /**
   * The result of one compilation: every diagnostic javac reported, and the classes if it
   * succeeded.
   */
  record Result(List<Diagnostic<? extends JavaFileObject>> diagnostics, ClassLoader classes) {
    boolean clean() {
      return classes != null
          && diagnostics.stream().noneMatch(d -> d.getKind() != Diagnostic.Kind.NOTE);
    }

    String describe() {
      StringBuilder b = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
        String file = d.getSource() == null ? "?" : d.getSource().getName();
        b.append(d.getKind())
            .append(' ')
            .append(file)
            .append(':')
            .append(d.getLineNumber())
            .append(": ")
            .append(d.getMessage(Locale.ROOT))
            .append('\n');
      }
      return b.toString();
    }
  }

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final StandardJavaFileManager standard =
      javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
  private final List<String> options;

  InMemoryJavac() {
    // the runtime: the generated adapters implement its interfaces
    String classPath =
        location(NoDerivative.class)
            + java.io.File.pathSeparator
            + location(dev.adjoint.runtime.DifferentiableFunction.class);
    options = List.of("-Xlint:all", "-proc:none", "--release", "17", "-classpath", classPath);
  }

  /**
   * Compiles {@code sources} (file path like {@code gen/A.java} → text); one compilation at a time.
   */
  synchronized Result compile(Map<String, String> sources) {
    return compile(sources, false);
  }

  /**
   * Compiles {@code sources} with the real annotation processor, as a user's build does: the
   * sources it generates are compiled too. The processor's note that no processor claimed the other
   * annotations is no diagnostic here.
   */
  synchronized Result compileWithProcessor(Map<String, String> sources) {
    Result r = compile(sources, true);
    return new Result(
        r.diagnostics().stream()
            .filter(
                d ->
                    !d.getMessage(Locale.ROOT)
                            .startsWith("No processor claimed any of these annotations")
                        && !(d.getKind() == Diagnostic.Kind.WARNING
                            && d.getMessage(Locale.ROOT).startsWith("[AD303]")))
            .toList(),
        r.classes());
  }

  private Result compile(Map<String, String> sources, boolean processor) {
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((path, text) -> units.add(new Source(path, text)));
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    ForwardingJavaFileManager<StandardJavaFileManager> files =
        new ForwardingJavaFileManager<>(standard) {
          /** A resource the processor writes (its list of inlined sources): kept in memory. */
          @Override
          public FileObject getFileForOutput(
              Location location, String packageName, String relativeName, FileObject sibling) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            return new SimpleJavaFileObject(
                URI.create("mem:///" + packageName.replace('.', '/') + "/" + relativeName),
                JavaFileObject.Kind.OTHER) {
              @Override
              public OutputStream openOutputStream() {
                return bytes;
              }

              @Override
              public java.io.InputStream openInputStream() throws java.io.IOException {
                if (bytes.size() == 0) {
                  throw new java.io.FileNotFoundException(toUri().toString()); // a clean build
                }
                return new java.io.ByteArrayInputStream(bytes.toByteArray());
              }

              @Override
              public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return bytes.toString(StandardCharsets.UTF_8);
              }
            };
          }

          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            if (kind == JavaFileObject.Kind.SOURCE) { // written by the processor, then compiled
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              return new SimpleJavaFileObject(
                  URI.create("string:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                  return bytes;
                }

                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                  return bytes.toString(StandardCharsets.UTF_8);
                }
              };
            }
            return new SimpleJavaFileObject(
                URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
              @Override
              public OutputStream openOutputStream() {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                classes.put(className, bytes);
                return bytes;
              }
            };
          }
        };
    List<String> opts = new ArrayList<>(options);
    JavaCompiler.CompilationTask task;
    if (processor) {
      opts.remove("-proc:none");
      task = javac.getTask(null, files, diagnostics, opts, null, units);
      task.setProcessors(List.of(new dev.adjoint.compiler.DifferentiableProcessor()));
    } else {
      task = javac.getTask(null, files, diagnostics, opts, null, units);
    }
    boolean ok = task.call();
    ClassLoader loader = ok ? new Loader(classes) : null;
    return new Result(diagnostics.getDiagnostics(), loader);
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String path, String text) {
      super(URI.create("string:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  private static final class Loader extends ClassLoader {
    private final Map<String, ByteArrayOutputStream> classes;

    Loader(Map<String, ByteArrayOutputStream> classes) {
      super(InMemoryJavac.class.getClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      ByteArrayOutputStream bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] b = bytes.toByteArray();
      return defineClass(name, b, 0, b.length);
    }
  }
}
