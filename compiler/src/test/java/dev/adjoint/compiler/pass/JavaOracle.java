package dev.adjoint.compiler.pass;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Java itself as an oracle: compiles method sources (the same text the front end lowers) into a
 * class with javac, so that tests compare the IR's values with what the JVM computes, bit for bit.
 */
final class JavaOracle {
  private final Class<?> owner;

  /** Compiles the methods (static, without annotations) into one class. */
  JavaOracle(String... methods) {
    String source = "public final class Plain {\n" + String.join("\n", methods) + "\n}\n";
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StandardJavaFileManager standard =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    JavaFileObject unit =
        new SimpleJavaFileObject(URI.create("string:///Plain.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    ForwardingJavaFileManager<StandardJavaFileManager> files =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                URI.create("mem:///" + className + kind.extension), kind) {
              @Override
              public OutputStream openOutputStream() {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                classes.put(className, bytes);
                return bytes;
              }
            };
          }
        };
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of("-proc:none", "--release", "17");
    if (!javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call()) {
      throw new AssertionError("javac rejects the source: " + diagnostics.getDiagnostics());
    }
    ClassLoader loader =
        new ClassLoader(JavaOracle.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            ByteArrayOutputStream bytes = classes.get(name);
            if (bytes == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] b = bytes.toByteArray();
            return defineClass(name, b, 0, b.length);
          }
        };
    try {
      owner = loader.loadClass("Plain");
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls the method {@code name} with (copies of) {@code args}. */
  double call(String name, Object[] args) {
    Method m =
        Arrays.stream(owner.getDeclaredMethods())
            .filter(x -> x.getName().equals(name))
            .findFirst()
            .orElseThrow();
    m.setAccessible(true);
    try {
      return ((Number) m.invoke(null, GradientOracle.copy(args))).doubleValue();
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(e);
    }
  }
}
