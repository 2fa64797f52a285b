package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compileLinted;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.processor.ProcessorHarness.GeneratedClassLoader;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.LevenbergMarquardt;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.TwiceDifferentiableFunction;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated adapters through javac under {@code -Xlint:all}: {@code mObjective} is the
 * runtime's function of the flat layout (checked against the generated method it wraps, against
 * central differences, and for {@code order = 2} against {@code mHessian}), {@code MParameters}
 * packs and unpacks every kind of input (numbers, {@code float}s, arrays, matrices, records, the
 * receiver's private and final fields), and an evaluation allocates nothing.
 */
class AdaptersJavacTest {
  static final Source MODELS =
      Source.of(
          "ad.Models",
          """
      package ad;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public final class Models {
        public record Coeffs(double a, double[] w) {}

        private final double[] weights;
        private double bias;
        Coeffs inner;
        private final double frozen;

        public Models(double[] weights, double bias, Coeffs inner, double frozen) {
          this.weights = weights;
          this.bias = bias;
          this.inner = inner;
          this.frozen = frozen;
        }

        @Differentiable(order = 2)
        static double cubic(
            double a, double b, double c, double d,
            @NoDerivative double[] x, @NoDerivative double[] y) {
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            double r = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d - y[i];
            loss += r * r;
          }
          return loss;
        }

        @Differentiable
        static double shapes(double[][] m, float s, double[] v, float[] f, @NoDerivative double scale) {
          double t = s * scale;
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              t += Math.sin(m[i][j] * v[j % v.length]) + f[(i + j) % f.length] * m[i][j];
            }
          }
          return t * t;
        }

        @Differentiable
        static double record(Coeffs p, double z, @NoDerivative int[] batch) {
          double t = 0;
          for (int k = 0; k < batch.length; k++) {
            int i = batch[k];
            t += p.a() * p.w()[i] * p.w()[i] + z * Math.cos(p.w()[i]);
          }
          return t;
        }

        @Differentiable(wrt = {"x", "weights", "bias", "inner"})
        double model(double x, @NoDerivative double[] data) {
          double t = bias * x;
          for (int i = 0; i < data.length; i++) {
            double h = Math.tanh(weights[i % weights.length] * data[i] + inner.a());
            t += h * h + inner.w()[i % inner.w().length] * data[i];
          }
          return t;
        }

        @Differentiable
        static double[] residuals(
            double a, double[] w, @NoDerivative double[] x, @NoDerivative double[] y) {
          double[] r = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            r[i] = a * Math.exp(w[0] * x[i]) + w[1] - y[i];
          }
          return r;
        }

        @Differentiable(order = 2, wrt = {"x", "weights", "bias"})
        double curved(double x, @NoDerivative double[] data) {
          double t = bias * bias * x;
          for (int i = 0; i < data.length; i++) {
            t += Math.sin(weights[i % weights.length] * data[i] + x) * weights[0];
          }
          return t;
        }

        @Differentiable(wrt = {"weights", "frozen"})
        double frozenModel(double x) {
          return frozen * x + weights[0] * weights[0];
        }
      }
      """);

  private static Class<?> owner;
  private static Class<?> derivatives;
  private static Class<?> coeffs;
  private static final double[] X = {-1.5, -0.25, 0.0, 0.75, 2.0};
  private static final double[] Y = {0.3, -0.1, 0.0, 1.2, -0.7};

  @BeforeAll
  static void compileOnce() throws ClassNotFoundException {
    Compilation compilation = compileLinted(MODELS);
    assertNoCrash(compilation);
    assertThat(compilation).succeeded();
    assertEquals(
        List.of(),
        compilation.warnings().stream().map(ProcessorHarness::message).collect(Collectors.toList()),
        describe(compilation));
    GeneratedClassLoader loader = new GeneratedClassLoader(compilation);
    owner = loader.loadClass("ad.Models");
    derivatives = loader.loadClass("ad.ModelsDerivatives");
    coeffs = loader.loadClass("ad.Models$Coeffs");
  }

  @Test
  void scalarsWithDataMatchTheGeneratedMethodAndItsHessian() throws Exception {
    Object objective = call("cubicObjective", 0.5, -1.0, 2.0, 0.25, X, Y);
    TwiceDifferentiableFunction f = (TwiceDifferentiableFunction) objective;
    assertEquals(4, f.dimension());
    double[] start = (double[]) invoke(objective, "start");
    assertArrayEquals(new double[] {0.5, -1.0, 2.0, 0.25}, start);
    for (double[] p : points(4)) {
      double[] g = new double[4];
      double value = f.valueAndGradient(p, g);
      double[] expected = new double[4];
      double direct =
          (double) call("cubicValueAndGradient", p[0], p[1], p[2], p[3], X, Y, expected);
      assertEquals(direct, value);
      assertArrayEquals(expected, g);
      double[][] h = new double[4][4];
      double[] g2 = new double[4];
      double[][] hExpected = new double[4][4];
      f.valueGradientAndHessian(p, g2, h);
      call("cubicHessian", p[0], p[1], p[2], p[3], X, Y, new double[4], hExpected);
      assertArrayEquals(expected, g2);
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(hExpected[i], h[i]);
      }
      centralDifferences(f, p);
    }
    Object params = invoke(objective, "parameters", (Object) new double[] {1, 2, 3, 4});
    assertEquals(3.0, params.getClass().getMethod("c").invoke(params));
    assertThrows(
        IllegalArgumentException.class, () -> f.valueAndGradient(new double[3], new double[4]));
  }

  @Test
  void arraysMatricesAndFloatsPackInLayoutOrder() throws Exception {
    double[][] m = {{0.1, -0.2, 0.3}, {0.4, 0.5}};
    double[] v = {1.5, -0.5};
    float[] fl = {0.25f, -1.0f, 0.5f};
    Object objective = call("shapesObjective", m, 0.75f, v, fl, 2.0);
    DifferentiableFunction f = (DifferentiableFunction) objective;
    assertEquals(5 + 1 + 2 + 3, f.dimension());
    double[] start = (double[]) invoke(objective, "start");
    assertArrayEquals(
        new double[] {0.1, -0.2, 0.3, 0.4, 0.5, 0.75, 1.5, -0.5, 0.25, -1.0, 0.5}, start);
    Object params = invoke(objective, "parameters", (Object) start);
    assertArrayEquals(start, (double[]) invoke(params, "pack"));
    assertEquals(0.75f, params.getClass().getMethod("s").invoke(params));
    m[0][0] = 9; // the objective copied the arguments
    assertEquals(0.1, ((double[]) invoke(objective, "start"))[0]);
    for (double[] p : points(11)) {
      double[] g = new double[11];
      double value = f.valueAndGradient(p, g);
      Object at = invoke(objective, "parameters", (Object) p);
      double[] expected = new double[11];
      double direct =
          (double)
              call(
                  "shapesValueAndGradient",
                  invoke(at, "m"),
                  invoke(at, "s"),
                  invoke(at, "v"),
                  invoke(at, "f"),
                  2.0,
                  expected);
      assertEquals(direct, value);
      assertArrayEquals(expected, g);
    }
  }

  @Test
  void aRecordInputAndARebindableBatch() throws Exception {
    Object p = coeffs.getConstructors()[0].newInstance(0.5, new double[] {0.1, -0.7, 1.3, 0.2});
    int[] all = {0, 1, 2, 3};
    Object objective = call("recordObjective", p, 0.3, all);
    DifferentiableFunction f = (DifferentiableFunction) objective;
    assertEquals(6, f.dimension());
    double[] point = {0.9, 0.2, -0.4, 0.6, 1.1, -0.8};
    double full = f.value(point);
    invoke(objective, "setBatch", (Object) new int[] {2});
    double one = f.value(point);
    Object rebuilt =
        coeffs.getConstructors()[0].newInstance(0.9, new double[] {0.2, -0.4, 0.6, 1.1});
    Method primal = owner.getDeclaredMethod("record", coeffs, double.class, int[].class);
    primal.setAccessible(true);
    assertEquals((double) primal.invoke(null, rebuilt, -0.8, new int[] {2}), one, 1e-15);
    assertEquals((double) primal.invoke(null, rebuilt, -0.8, all), full, 1e-15);
    for (double[] q : points(6)) {
      centralDifferences(f, q);
    }
  }

  @Test
  void theReceiversFieldsReceiveThePointAndAssignWritesTheBest() throws Exception {
    Object inner = coeffs.getConstructors()[0].newInstance(0.2, new double[] {0.5, -0.5});
    double[] weights = {0.3, -1.2, 0.8};
    Object model = owner.getConstructors()[0].newInstance(weights, 0.7, inner, 2.0);
    double[] data = {0.5, -1.0, 2.0, 0.25};
    Object objective = call("modelObjective", model, 1.5, data);
    DifferentiableFunction f = (DifferentiableFunction) objective;
    assertEquals(1 + 3 + 1 + 1 + 2, f.dimension());
    double[] start = (double[]) invoke(objective, "start");
    assertArrayEquals(new double[] {1.5, 0.3, -1.2, 0.8, 0.7, 0.2, 0.5, -0.5}, start);
    for (double[] p : points(8)) {
      double[] g = new double[8];
      double value = f.valueAndGradient(p, g);
      // the point went into the fields: the generated method on the model gives the same
      double[] expected = new double[8];
      assertEquals((double) call("modelValueAndGradient", model, p[0], data, expected), value);
      assertArrayEquals(expected, g);
      assertEquals(p[1], weights[0]); // the final array's elements, in place
      centralDifferences(f, p);
    }
    double[] best = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    invoke(objective, "assign", (Object) best);
    Object read =
        find("ModelParameters").getMethod("of", owner, double.class).invoke(null, model, 0.1);
    assertArrayEquals(best, (double[]) invoke(read, "pack"));
  }

  @Test
  void secondOrderOverTheReceiversFieldsMatchesTheGeneratedHessian() throws Exception {
    double[] weights = {0.3, -1.2, 0.8};
    Object model = owner.getConstructors()[0].newInstance(weights, 0.7, null, 2.0);
    double[] data = {0.5, -1.0, 2.0, 0.25};
    TwiceDifferentiableFunction f =
        (TwiceDifferentiableFunction) call("curvedObjective", model, 1.5, data);
    assertEquals(5, f.dimension());
    for (double[] p : points(5)) {
      double[] g = new double[5];
      double[][] h = new double[5][5];
      double value = f.valueGradientAndHessian(p, g, h);
      // the point is in the fields now: the generated method on the model gives the same
      double[] g2 = new double[5];
      double[][] expected = new double[5][5];
      assertEquals((double) call("curvedHessian", model, p[0], data, g2, expected), value);
      assertArrayEquals(g2, g);
      for (int i = 0; i < 5; i++) {
        assertArrayEquals(expected[i], h[i]);
        // and each row against central differences of the objective's gradient
        double step = 1e-6 * Math.max(1, Math.abs(p[i]));
        double[] plus = p.clone();
        double[] minus = p.clone();
        plus[i] += step;
        minus[i] -= step;
        double[] gp = new double[5];
        double[] gm = new double[5];
        f.valueAndGradient(plus, gp);
        f.valueAndGradient(minus, gm);
        for (int j = 0; j < 5; j++) {
          double fd = (gp[j] - gm[j]) / (2 * step);
          assertEquals(fd, h[i][j], 1e-6 * Math.max(1, Math.abs(fd)), "H[" + i + "][" + j + "]");
        }
      }
    }
  }

  @Test
  void aFinalScalarFieldGetsParametersButNoObjective() throws Exception {
    assertTrue(
        Arrays.stream(derivatives.getDeclaredClasses())
            .noneMatch(c -> c.getSimpleName().equals("FrozenModelObjective")));
    Class<?> parameters = find("FrozenModelParameters");
    assertFalse(
        Arrays.stream(parameters.getMethods()).anyMatch(m -> m.getName().equals("assignTo")));
    Object model = owner.getConstructors()[0].newInstance(new double[] {3.0}, 0.0, null, 2.0);
    Object read = parameters.getMethod("of", owner).invoke(null, model);
    assertArrayEquals(new double[] {3.0, 2.0}, (double[]) invoke(read, "pack"));
  }

  @Test
  void anArrayResultGetsALeastSquaresModelOverItsJacobian() throws Exception {
    Object model = call("residualsLeastSquares", 0.5, new double[] {0.2, -0.1}, X, Y);
    LevenbergMarquardt.ResidualsAndJacobian f = (LevenbergMarquardt.ResidualsAndJacobian) model;
    assertArrayEquals(new double[] {0.5, 0.2, -0.1}, (double[]) invoke(model, "start"));
    for (double[] p : points(3)) {
      double[][] jacobian = new double[X.length][3];
      double[] r = f.residuals(p, jacobian);
      double[][] expected = new double[X.length][3];
      double[] direct =
          (double[]) call("residualsJacobian", p[0], new double[] {p[1], p[2]}, X, Y, expected);
      assertArrayEquals(direct, r);
      for (int i = 0; i < X.length; i++) {
        assertArrayEquals(expected[i], jacobian[i]);
      }
    }
    double[] start = (double[]) invoke(model, "start");
    double before =
        Arrays.stream(f.residuals(start, new double[X.length][3])).map(v -> v * v).sum();
    Result fit = new LevenbergMarquardt().withMaxIterations(20).minimize(X.length, f, start);
    assertTrue(fit.value() < before, fit + " from " + before);
  }

  @Test
  void anEvaluationAllocatesNothing() throws Exception {
    double[] x = new double[200];
    double[] y = new double[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = -Math.PI + 2 * Math.PI * i / (x.length - 1);
      y[i] = Math.sin(x[i]);
    }
    DifferentiableFunction f =
        (DifferentiableFunction) call("cubicObjective", 0.0, 0.0, 0.0, 0.0, x, y);
    double[] p = {0.1, 0.2, 0.3, 0.4};
    double[] g = new double[4];
    for (int k = 0; k < 20_000; k++) {
      f.valueAndGradient(p, g);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int k = 0; k < 1000; k++) {
      f.valueAndGradient(p, g);
    }
    long bytes = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(bytes < 1000, "allocated " + bytes + " bytes in 1000 evaluations");
  }

  private static void centralDifferences(DifferentiableFunction f, double[] p) {
    double[] g = new double[p.length];
    f.valueAndGradient(p, g);
    for (int k = 0; k < p.length; k++) {
      double h = 1e-6 * Math.max(1, Math.abs(p[k]));
      double[] plus = p.clone();
      double[] minus = p.clone();
      plus[k] += h;
      minus[k] -= h;
      double fd = (f.value(plus) - f.value(minus)) / (2 * h);
      assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), "partial " + k);
    }
  }

  /** Random points and awkward ones: zeros, and a point with a negative zero. */
  private static List<double[]> points(int n) {
    java.util.Random random = new java.util.Random(n);
    double[] zeros = new double[n];
    double[] negative = new double[n];
    Arrays.fill(negative, -0.0);
    double[] r1 = random.doubles(n, -1, 1).toArray();
    double[] r2 = random.doubles(n, -2, 2).toArray();
    return List.of(zeros, negative, r1, r2);
  }

  private static Class<?> find(String simpleName) {
    return Arrays.stream(derivatives.getDeclaredClasses())
        .filter(c -> c.getSimpleName().equals(simpleName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + simpleName));
  }

  private static Object call(String name, Object... args) throws Exception {
    for (Method m : derivatives.getMethods()) {
      if (m.getName().equals(name)
          && m.getParameterCount() == args.length
          && !List.of(m.getParameterTypes()).toString().contains("Workspace")) {
        try {
          return m.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw (Exception) e.getCause();
        }
      }
    }
    throw new AssertionError("no " + name + " with " + args.length + " parameters");
  }

  private static Object invoke(Object target, String name, Object... args) throws Exception {
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw (Exception) e.getCause();
        }
      }
    }
    throw new AssertionError("no " + name);
  }
}
