package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compileLinted;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.processor.ProcessorHarness.GeneratedClassLoader;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Code kept as the user wrote it, through javac and the real processor: a loss over a {@code List}
 * of records in a private field with {@code for (Sample s : data)}, a data object whose method
 * counts its calls (every generated method calls it exactly as often as the method does, the
 * Hessian once per row), String methods on a data parameter, a {@code Random} made for data, static
 * calls without source. Gradients are compared with central differences of the original method; the
 * generated code compiles without a warning.
 */
class DataObjectsTest {
  private static final Source FIT =
      Source.of(
          "data.Fit",
          """
          package data;

          import dev.adjoint.Differentiable;
          import java.util.List;

          public final class Fit {
            public record Sample(double x, double y, double weight) {}

            public static final class Counter {
              public int calls;
              private final double[] ys;

              public Counter(double[] ys) {
                this.ys = ys;
              }

              public double y(int i) {
                calls++;
                return ys[i];
              }
            }

            private final List<Sample> data;

            public Fit(List<Sample> data) {
              this.data = data;
            }

            @Differentiable
            public double loss(double a, double b) {
              double s = 0;
              for (Sample p : data) {
                double r = a * p.x() + b - p.y();
                s += p.weight() * r * r;
              }
              return s / data.size();
            }

            @Differentiable(order = 2)
            public static double counted(double[] w, Counter c, int n) {
              double s = 0;
              for (int i = 0; i < n; i++) {
                double r = w[0] * i + w[1] - c.y(i);
                s += r * r;
              }
              return s;
            }

            @Differentiable
            public static double strings(double x, String name, long seed) {
              java.util.Random random = new java.util.Random(seed);
              double noise = random.nextDouble();
              int k = Math.floorMod(name.length(), 3) + Integer.parseInt("2");
              return k * x * x + noise * x;
            }
          }
          """);

  private static Compilation compilation;
  private static GeneratedClassLoader loader;

  @BeforeAll
  static void compileOnce() {
    compilation = compileLinted(FIT);
    assertNoCrash(compilation);
    assertThat(compilation).succeeded();
    loader = new GeneratedClassLoader(compilation);
  }

  /**
   * The generated class, as exact text: a golden of code kept verbatim through javac's types
   * (regenerated, like the other goldens, with {@code -Dadjoint.regenerateGolden=true}).
   */
  @Test
  void generatedSourceMatchesGolden() throws java.io.IOException {
    String actual =
        ProcessorHarness.generatedSource(compilation, "data.FitDerivatives").orElseThrow();
    java.nio.file.Path expected =
        java.nio.file.Path.of("src/test/resources/golden/javac/DataObjectsDerivatives.java.txt");
    if (Boolean.getBoolean("adjoint.regenerateGolden") || !java.nio.file.Files.exists(expected)) {
      java.nio.file.Files.createDirectories(expected.getParent());
      java.nio.file.Files.writeString(expected, actual);
    }
    assertEquals(java.nio.file.Files.readString(expected), actual);
  }

  @Test
  void generatedCodeCompilesWithoutWarnings() {
    assertEquals(
        List.of(),
        compilation.warnings().stream()
            .map(ProcessorHarness::message)
            .filter(m -> !m.startsWith("No processor claimed any of these annotations"))
            .collect(Collectors.toList()),
        describe(compilation));
  }

  @Test
  void lossOverAListOfRecordsMatchesCentralDifferences() throws Exception {
    Class<?> fit = loader.loadClass("data.Fit");
    Class<?> sample = loader.loadClass("data.Fit$Sample");
    Random r = new Random(3);
    List<Object> data = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      data.add(
          sample
              .getConstructor(double.class, double.class, double.class)
              .newInstance(r.nextGaussian(), r.nextGaussian(), r.nextDouble()));
    }
    Object model = fit.getConstructor(List.class).newInstance(data);
    Method loss = fit.getMethod("loss", double.class, double.class);
    Method vg =
        loader
            .loadClass("data.FitDerivatives")
            .getMethod("lossValueAndGradient", fit, double.class, double.class, double[].class);
    for (double[] p : new double[][] {{0.3, -0.2}, {0, 0}, {-1.5, 2}}) {
      double[] g = new double[2];
      double value = (double) vg.invoke(null, model, p[0], p[1], g);
      assertEquals((double) loss.invoke(model, p[0], p[1]), value, 0);
      double h = 1e-6;
      double da =
          ((double) loss.invoke(model, p[0] + h, p[1])
                  - (double) loss.invoke(model, p[0] - h, p[1]))
              / (2 * h);
      double db =
          ((double) loss.invoke(model, p[0], p[1] + h)
                  - (double) loss.invoke(model, p[0], p[1] - h))
              / (2 * h);
      assertEquals(da, g[0], 1e-6 * Math.max(1, Math.abs(da)));
      assertEquals(db, g[1], 1e-6 * Math.max(1, Math.abs(db)));
    }
  }

  /**
   * A data object with an effect (it counts its calls): the gradient, the tangent and the
   * Hessian-vector product call it as often as the method does, the Hessian once per row; values
   * and derivatives are exact here (a quadratic).
   */
  @Test
  void codeKeptVerbatimRunsAsOftenAsInTheMethod() throws Exception {
    Class<?> fit = loader.loadClass("data.Fit");
    Class<?> counter = loader.loadClass("data.Fit$Counter");
    Class<?> d = loader.loadClass("data.FitDerivatives");
    int n = 20;
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      ys[i] = Math.sin(i);
    }
    Object c = counter.getConstructor(double[].class).newInstance((Object) ys);
    java.lang.reflect.Field calls = counter.getField("calls");
    double[] w = {0.1, 0.2};
    fit.getMethod("counted", double[].class, counter, int.class).invoke(null, w, c, n);
    assertEquals(n, calls.getInt(c), "the method itself");
    calls.setInt(c, 0);
    double[] g = new double[2];
    d.getMethod("countedValueAndGradient", double[].class, counter, int.class, double[].class)
        .invoke(null, w, c, n, g);
    assertEquals(n, calls.getInt(c), "value and gradient");
    calls.setInt(c, 0);
    d.getMethod("countedTangent", double[].class, counter, int.class, double[].class)
        .invoke(null, w, c, n, new double[] {1, 0});
    assertEquals(n, calls.getInt(c), "tangent");
    calls.setInt(c, 0);
    double[] hv = new double[2];
    d.getMethod(
            "countedHessianVector",
            double[].class,
            counter,
            int.class,
            double[].class,
            double[].class,
            double[].class)
        .invoke(null, w, c, n, new double[] {1, 0}, new double[2], hv);
    assertEquals(n, calls.getInt(c), "Hessian-vector product");
    calls.setInt(c, 0);
    double[][] hessian = new double[2][2];
    d.getMethod(
            "countedHessian", double[].class, counter, int.class, double[].class, double[][].class)
        .invoke(null, w, c, n, new double[2], hessian);
    assertEquals(2 * n, calls.getInt(c), "Hessian: once per row");
    double sumI = 0;
    double sumI2 = 0;
    double sumRi = 0;
    double sumR = 0;
    for (int i = 0; i < n; i++) {
      double r = w[0] * i + w[1] - ys[i];
      sumI += i;
      sumI2 += (double) i * i;
      sumRi += r * i;
      sumR += r;
    }
    assertEquals(2 * sumRi, g[0], 1e-12 * Math.abs(sumRi));
    assertEquals(2 * sumR, g[1], 1e-12 * Math.max(1, Math.abs(sumR)));
    assertEquals(2 * sumI2, hessian[0][0], 0);
    assertEquals(2 * sumI, hessian[0][1], 0);
    assertEquals(2 * n, hessian[1][1], 0);
    assertEquals(2 * sumI2, hv[0], 0);
  }

  /** String methods, a Random made for data and static calls without source: inactive, kept. */
  @Test
  void inactiveCallsOnStringsRandomAndStatics() throws Exception {
    Class<?> fit = loader.loadClass("data.Fit");
    Method f = fit.getMethod("strings", double.class, String.class, long.class);
    Method vg =
        loader
            .loadClass("data.FitDerivatives")
            .getMethod(
                "stringsValueAndGradient", double.class, String.class, long.class, double[].class);
    for (double x : new double[] {0, 0.7, -2}) {
      double[] g = new double[1];
      double value = (double) vg.invoke(null, x, "relu", 42L, g);
      assertEquals((double) f.invoke(null, x, "relu", 42L), value, 0);
      double h = 1e-6;
      double fd =
          ((double) f.invoke(null, x + h, "relu", 42L)
                  - (double) f.invoke(null, x - h, "relu", 42L))
              / (2 * h);
      assertEquals(fd, g[0], 1e-6 * Math.max(1, Math.abs(fd)));
    }
    String text =
        ProcessorHarness.generatedSource(compilation, "data.FitDerivatives").orElseThrow();
    assertTrue(text.contains("new java.util.Random(seed)"), text);
    assertTrue(text.contains("name.length()"), text);
    assertTrue(text.contains("Math.floorMod("), text);
    assertTrue(text.contains("Integer.parseInt(\"2\")"), text);
  }

  private static final String COUNTER =
      """
      package data;

      public final class Counter {
        public int calls;

        public double y(int i) {
          calls++;
          return 0.5 + i;
        }
      }
      """;

  /** Compiles {@code methods} in class {@code data.Uses} next to {@code data.Counter}. */
  private static GeneratedClassLoader compileUses(String methods) {
    Compilation c =
        compileLinted(
            Source.of("data.Counter", COUNTER),
            Source.of(
                "data.Uses",
                "package data;\n\nimport dev.adjoint.Differentiable;\n\n"
                    + "public final class Uses {\n"
                    + methods
                    + "}\n"));
    assertNoCrash(c);
    assertThat(c).succeeded();
    return new GeneratedClassLoader(c);
  }

  /**
   * Code kept verbatim in a branch that returns: the reverse sweep recomputes the branch, and reads
   * the number the code gave instead of calling it again. And an array's length passed to such code
   * does not make it read a differentiated value.
   */
  @Test
  void codeInABranchRunsOnceAndAnArrayLengthIsNoActiveRead() throws Exception {
    GeneratedClassLoader uses =
        compileUses(
            """
              @Differentiable(order = 2)
              public static double branch(double x, Counter c, int n) {
                if (x > 0) {
                  double v = c.y(n);
                  return x * x * v;
                }
                return x;
              }

              @Differentiable
              public static double lengths(double[] w, Counter c) {
                double v = c.y(w.length);
                return w[0] * v;
              }
            """);
    Class<?> counter = uses.loadClass("data.Counter");
    Class<?> d = uses.loadClass("data.UsesDerivatives");
    java.lang.reflect.Field calls = counter.getField("calls");
    Object c = counter.getConstructor().newInstance();
    double[] g = new double[1];
    double value =
        (double)
            d.getMethod("branchValueAndGradient", double.class, counter, int.class, double[].class)
                .invoke(null, 2.0, c, 3, g);
    assertEquals(2.0 * 2.0 * 3.5, value, 0);
    assertEquals(2 * 2.0 * 3.5, g[0], 0);
    assertEquals(1, calls.getInt(c), "value and gradient");
    calls.setInt(c, 0);
    double[] hv = new double[1];
    d.getMethod(
            "branchHessianVector",
            double.class,
            counter,
            int.class,
            double[].class,
            double[].class,
            double[].class)
        .invoke(null, 2.0, c, 3, new double[] {1}, new double[1], hv);
    assertEquals(2 * 3.5, hv[0], 0);
    assertEquals(1, calls.getInt(c), "Hessian-vector product");
    calls.setInt(c, 0);
    double[] gw = new double[2];
    d.getMethod("lengthsValueAndGradient", double[].class, counter, double[].class)
        .invoke(null, new double[] {1, 2}, c, gw);
    assertEquals(2.5, gw[0], 0);
    assertEquals(1, calls.getInt(c));
  }

  /**
   * A loop with code kept verbatim inside a branch: the branch's reverse sweep would run the loop
   * again, and with it the code, so it is reported (AD118) instead of run twice.
   */
  @Test
  void codeInALoopInsideABranchIsReported() {
    Compilation c =
        compileLinted(
            Source.of("data.Counter", COUNTER),
            Source.of(
                "data.Uses",
                """
                package data;

                import dev.adjoint.Differentiable;

                public final class Uses {
                  @Differentiable
                  public static double loopInBranch(double x, Counter c, int n) {
                    double s = 0;
                    if (x > 0) {
                      for (int i = 0; i < n; i++) {
                        s += x * c.y(i);
                      }
                    }
                    return s;
                  }
                }
                """));
    assertNoCrash(c);
    assertEquals(1, c.errors().size(), describe(c));
    assertTrue(ProcessorHarness.message(c.errors().get(0)).contains("[AD118]"), describe(c));
    assertTrue(
        ProcessorHarness.message(c.errors().get(0))
            .contains("inside a loop that is inside a branch"),
        describe(c));
  }

  /** Data handed to a static helper with source, which keeps its calls on it verbatim. */
  @Test
  void dataPassedToAHelper() throws Exception {
    GeneratedClassLoader uses =
        compileUses(
            """
              static double mse(java.util.List<Double> ys, double a, String mode) {
                double s = 0;
                for (int i = 0; i < ys.size(); i++) {
                  double r = a * i - ys.get(i);
                  s += r * r;
                }
                return mode.equals("sum") ? s : s / ys.size();
              }

              @Differentiable
              public static double fit(double a, java.util.List<Double> ys, String mode) {
                return mse(ys, a, mode) + 0.5 * a * a;
              }
            """);
    Class<?> d = uses.loadClass("data.UsesDerivatives");
    java.util.List<Double> ys = java.util.List.of(0.5, 1.0, 2.5);
    for (String mode : new String[] {"sum", "mean"}) {
      double[] g = new double[1];
      double a = 0.7;
      d.getMethod("fitValueAndGradient", double.class, List.class, String.class, double[].class)
          .invoke(null, a, ys, mode, g);
      double s = 0;
      for (int i = 0; i < 3; i++) {
        s += 2 * (a * i - ys.get(i)) * i;
      }
      double expected = (mode.equals("sum") ? s : s / 3) + a;
      assertEquals(expected, g[0], 1e-12);
    }
  }

  /**
   * A {@code break} out of a switch from inside an {@code if}: the switch runs once, so it is a
   * block, not a loop, and data code in it inside a loop runs once per iteration in every mode.
   * Checked where the break's test ties ({@code x = 1}) and on both sides.
   */
  @Test
  void codeInASwitchInsideALoop() throws Exception {
    GeneratedClassLoader uses =
        compileUses(
            """
              @Differentiable(order = 2)
              public static double switchInLoop(double x, Counter c, int n) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                  switch (i % 2) {
                    case 0: {
                      if (x > 1) break;
                      s += x * x;
                      break;
                    }
                    default: {
                      double v = c.y(i);
                      s += x * v;
                    }
                  }
                }
                return s;
              }
            """);
    Class<?> counter = uses.loadClass("data.Counter");
    Class<?> d = uses.loadClass("data.UsesDerivatives");
    java.lang.reflect.Field calls = counter.getField("calls");
    Object c = counter.getConstructor().newInstance();
    // n = 4: the odd i read v = 1.5 and 3.5; the even i add x^2 while x <= 1
    for (double x : new double[] {0.0, 1.0, 2.0}) {
      boolean low = x <= 1;
      double value = (low ? 2 * x * x : 0) + 5 * x;
      double slope = (low ? 4 * x : 0) + 5;
      double curvature = low ? 4 : 0;
      double[] g = new double[1];
      calls.setInt(c, 0);
      double v =
          (double)
              d.getMethod(
                      "switchInLoopValueAndGradient",
                      double.class,
                      counter,
                      int.class,
                      double[].class)
                  .invoke(null, x, c, 4, g);
      assertEquals(value, v, 0, "value at " + x);
      assertEquals(slope, g[0], 0, "gradient at " + x);
      assertEquals(2, calls.getInt(c), "calls of the gradient at " + x);
      calls.setInt(c, 0);
      double tangent =
          (double)
              d.getMethod("switchInLoopTangent", double.class, counter, int.class, double[].class)
                  .invoke(null, x, c, 4, new double[] {1});
      assertEquals(slope, tangent, 0, "tangent at " + x);
      assertEquals(2, calls.getInt(c), "calls of the tangent at " + x);
      calls.setInt(c, 0);
      double[] hv = new double[1];
      d.getMethod(
              "switchInLoopHessianVector",
              double.class,
              counter,
              int.class,
              double[].class,
              double[].class,
              double[].class)
          .invoke(null, x, c, 4, new double[] {1}, new double[1], hv);
      assertEquals(curvature, hv[0], 0, "Hessian-vector product at " + x);
      assertEquals(2, calls.getInt(c), "calls of the Hessian-vector product at " + x);
    }
  }

  /**
   * Code kept verbatim in a branch that never runs ({@code if (1.5 >= 1.5) ... else}): the clean-up
   * passes drop the dead branch from the derivatives, as Java never runs it either.
   */
  @Test
  void codeInADeadBranch() {
    compileUses(
        """
          @Differentiable
          public static double deadBranch(double x, String tag) {
            double s = x;
            if (1.5 >= 1.5) {
              s = s * x;
            } else {
              int k = tag.length();
            }
            return s;
          }
        """);
  }
}
