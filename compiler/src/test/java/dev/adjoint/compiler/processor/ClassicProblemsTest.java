package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compileLinted;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static dev.adjoint.compiler.testing.Points.append;
import static dev.adjoint.compiler.testing.Points.u;
import static dev.adjoint.compiler.testing.Points.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.processor.ProcessorHarness.GeneratedClassLoader;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import dev.adjoint.compiler.testing.Differences;
import dev.adjoint.compiler.testing.Signatures;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Functions written the way people outside the project write them (classic optimisation test
 * problems, ML losses, ODE integrators, one reassigning its state array), compiled with the
 * processor under {@code -Xlint:all}, each with {@code order = 2}. For every one, at seeded points:
 * the generated gradient against central differences, the tangent against the gradient (dot-product
 * test), and the generated Hessian against central differences of the generated gradient, with its
 * symmetry.
 */
class ClassicProblemsTest {
  private static final Source PROBLEMS =
      Source.of(
          "outside.Problems",
          """
      package outside;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public final class Problems {
        private Problems() {}

        private static final double TWO_PI = 2 * Math.PI;

        @Differentiable(order = 2)
        public static double ackley(double[] x) {
          int n = x.length;
          double sumSq = 0.0, sumCos = 0.0;
          for (double xi : x) {
            sumSq += xi * xi;
            sumCos += Math.cos(TWO_PI * xi);
          }
          return -20.0 * Math.exp(-0.2 * Math.sqrt(sumSq / n)) - Math.exp(sumCos / n) + 20.0 + Math.E;
        }

        @Differentiable(order = 2)
        public static double beale(double x, double y) {
          double t1 = 1.5 - x + x * y;
          double t2 = 2.25 - x + x * y * y;
          double t3 = 2.625 - x + x * Math.pow(y, 3);
          return t1 * t1 + t2 * t2 + t3 * t3;
        }

        @Differentiable(order = 2)
        public static double styblinskiTang(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += Math.pow(x[i], 4) - 16 * Math.pow(x[i], 2) + 5 * x[i];
          }
          return s / 2;
        }

        @Differentiable(order = 2)
        public static double logisticLoss(double[] w, double b, @NoDerivative double[][] xs,
                                          @NoDerivative int[] labels, @NoDerivative double lambda) {
          double loss = 0;
          for (int n = 0; n < xs.length; n++) {
            double z = b;
            for (int j = 0; j < w.length; j++) {
              z += w[j] * xs[n][j];
            }
            double p = 1.0 / (1.0 + Math.exp(-z));
            loss -= labels[n] == 1 ? Math.log(p) : Math.log(1 - p);
          }
          double reg = 0;
          for (double wj : w) {
            reg += wj * wj;
          }
          return loss / xs.length + 0.5 * lambda * reg;
        }

        @Differentiable(order = 2)
        public static double softmaxCrossEntropy(double[][] weights, @NoDerivative double[][] xs,
                                                 @NoDerivative int[] classes) {
          int k = weights.length;
          double total = 0;
          double[] logits = new double[k];
          for (int n = 0; n < xs.length; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
              double s = 0;
              for (int j = 0; j < xs[n].length; j++) {
                s += weights[c][j] * xs[n][j];
              }
              logits[c] = s;
              if (s > max) {
                max = s;
              }
            }
            double sumExp = 0;
            for (int c = 0; c < k; c++) {
              sumExp += Math.exp(logits[c] - max);
            }
            total += Math.log(sumExp) + max - logits[classes[n]];
          }
          return total / xs.length;
        }

        @Differentiable(order = 2)
        public static double huber(double[] residualScale, @NoDerivative double[] r, @NoDerivative double delta) {
          double s = 0;
          for (int i = 0; i < r.length; i++) {
            double a = Math.abs(residualScale[i] * r[i]);
            if (a <= delta) {
              s += 0.5 * a * a;
            } else {
              s += delta * (a - 0.5 * delta);
            }
          }
          return s;
        }

        static double[] lotkaVolterra(double[] state, double alpha, double beta, double gamma, double delta) {
          double prey = state[0];
          double predator = state[1];
          return new double[] {alpha * prey - beta * prey * predator, delta * prey * predator - gamma * predator};
        }

        @Differentiable(order = 2)
        public static double rk4Fit(double alpha, double beta, double gamma, double delta,
                                    @NoDerivative double[] observed, @NoDerivative double dt) {
          double[] s = {1.0, 0.5};
          double misfit = 0;
          for (int step = 0; step < observed.length; step++) {
            double[] k1 = lotkaVolterra(s, alpha, beta, gamma, delta);
            double[] mid = {s[0] + 0.5 * dt * k1[0], s[1] + 0.5 * dt * k1[1]};
            double[] k2 = lotkaVolterra(mid, alpha, beta, gamma, delta);
            double[] mid2 = {s[0] + 0.5 * dt * k2[0], s[1] + 0.5 * dt * k2[1]};
            double[] k3 = lotkaVolterra(mid2, alpha, beta, gamma, delta);
            double[] end = {s[0] + dt * k3[0], s[1] + dt * k3[1]};
            double[] k4 = lotkaVolterra(end, alpha, beta, gamma, delta);
            for (int i = 0; i < 2; i++) {
              s[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
            double e = s[0] - observed[step];
            misfit += e * e;
          }
          return misfit;
        }

        @Differentiable
        public static double[] rowSums(double[][] a) {
          double[] r = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
              r[i] += a[i][j] * a[i][j];
            }
          }
          return r;
        }

        static double firstAbove(double[] x, double t) {
          int i = 0;
          while (i < x.length) {
            if (x[i] > t) {
              return x[i] * t;
            }
            i++;
          }
          return t;
        }

        @Differentiable(order = 2)
        public static double earlyReturningHelper(double[] x, double t) {
          double s = 0;
          for (int k = 0; k < 2; k++) {
            s += firstAbove(x, t * (k + 1));
          }
          return s + firstAbove(x, t) + 10 * firstAbove(x, t);
        }

        @Differentiable(order = 2)
        public static double nanSafeLogLoss(double w, @NoDerivative double[] x) {
          double s = 0;
          int used = 0;
          for (double xi : x) {
            double r = Math.log(w * xi);
            if (Double.isNaN(r) || !Double.isFinite(r)) {
              continue;
            }
            s += r * r;
            used++;
          }
          return used == 0 ? 0 : s / used;
        }

        @Differentiable(order = 2)
        public static double usesOtherClass(double x, double y) {
          return Other.scaled(x * y) + y;
        }

        @Differentiable(order = 2)
        public static double dampedEnergy(double c, double k, @NoDerivative double dt, @NoDerivative int maxSteps) {
          double x = 1.0, v = 0.0;
          int n = 0;
          double energy;
          do {
            double acc = -c * v - k * x;
            x += dt * v;
            v += dt * acc;
            energy = 0.5 * v * v + 0.5 * k * x * x;
            n++;
            if (energy < 1e-8) {
              break;
            }
          } while (n < maxSteps);
          return energy > 1.0 ? Math.log(energy) : energy;
        }

        @Differentiable
        public static double floatMix(double a, float f) {
          float g = f * 2f;
          return a * g;
        }

        static double[] oscillatorStep(double[] s, double k, double c, double dt) {
          return new double[] {s[0] + dt * s[1], s[1] + dt * (-k * s[0] - c * s[1])};
        }

        @Differentiable(order = 2)
        public static double dampedFit(double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
          double[] state = {1.0, 0.0};
          double loss = 0;
          for (double o : observed) {
            state = oscillatorStep(state, k, c, dt);
            double e = state[0] - o;
            loss += e * e;
          }
          return loss;
        }

        @Differentiable(order = 2)
        public static double sigmoidMlp(double[][] w1, double[] w2, @NoDerivative double[][] xs, @NoDerivative double[] ys) {
          double total = 0;
          double[] hidden = new double[w2.length];
          for (int n = 0; n < xs.length; n++) {
            for (int h = 0; h < w2.length; h++) {
              double z = 0;
              for (int j = 0; j < xs[n].length; j++) {
                z += w1[h][j] * xs[n][j];
              }
              hidden[h] = 1 / (1 + Math.exp(-z));
            }
            double out = 0;
            for (int h = 0; h < w2.length; h++) {
              out += w2[h] * hidden[h];
            }
            double err = out - ys[n];
            total += err * err;
          }
          return total;
        }
      }
      """);

  /** A helper class whose methods use its own constant and helper unqualified. */
  private static final Source OTHER =
      Source.of(
          "outside.Other",
          """
      package outside;

      final class Other {
        private Other() {}

        static final double C = 2.5;

        static double sq(double a) {
          return a * a;
        }

        static double scaled(double a) {
          return C * sq(a) + Math.sin(a);
        }
      }
      """);

  private static Class<?> problems;
  private static Class<?> derivatives;

  @BeforeAll
  static void compileOnce() throws ClassNotFoundException {
    Compilation compilation = compileLinted(PROBLEMS, OTHER);
    assertNoCrash(compilation);
    assertThat(compilation).succeeded();
    assertEquals(
        List.of(),
        compilation.warnings().stream().map(ProcessorHarness::message).collect(Collectors.toList()),
        describe(compilation));
    GeneratedClassLoader loader = new GeneratedClassLoader(compilation);
    problems = loader.loadClass("outside.Problems");
    derivatives = loader.loadClass("outside.ProblemsDerivatives");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ackley",
        "beale",
        "styblinskiTang",
        "logisticLoss",
        "softmaxCrossEntropy",
        "huber",
        "rk4Fit",
        "sigmoidMlp",
        "dampedFit",
        "dampedEnergy",
        "usesOtherClass",
        "nanSafeLogLoss",
        "earlyReturningHelper"
      })
  void gradientTangentAndHessianAgreeWithDifferences(String name) throws Exception {
    Random random = new Random(name.hashCode());
    for (int point = 0; point < 3; point++) {
      Object[] args = arguments(name, random);
      checkPoint(name, args, random);
    }
  }

  /**
   * An array-valued method of a double[][]: its Jacobian (the class compiling is the first check).
   */
  @org.junit.jupiter.api.Test
  void jacobianOfAMatrixInput() throws Exception {
    double[][] j = new double[2][4];
    Object value =
        find(derivatives, "rowSumsJacobian").invoke(null, new double[][] {{1, 2}, {3, 4}}, j);
    assertEquals("[5.0, 25.0]", java.util.Arrays.toString((double[]) value));
    assertEquals("[[2.0, 4.0, 0.0, 0.0], [0.0, 0.0, 6.0, 8.0]]", java.util.Arrays.deepToString(j));
  }

  /** A float parameter: its partial derivative is reported as a double in the record. */
  @org.junit.jupiter.api.Test
  void floatParameterInTheGradientRecord() throws Exception {
    Method m = find(derivatives, "floatMixGradient");
    Object record = m.invoke(null, 1.5, 2.0f);
    double value = (double) record.getClass().getMethod("value").invoke(record);
    double a = (double) record.getClass().getMethod("a").invoke(record);
    double f = (double) record.getClass().getMethod("f").invoke(record);
    assertEquals(6.0, value, 0);
    assertEquals(4.0, a, 0);
    assertEquals(3.0, f, 0);
  }

  private static Object[] arguments(String name, Random r) {
    return switch (name) {
      case "ackley" -> new Object[] {vector(r, 4, -1.5, 1.5)};
      case "beale" -> new Object[] {u(r, 0.5, 2.5), u(r, -0.5, 0.8)};
      case "styblinskiTang" -> new Object[] {vector(r, 5, -3, 3)};
      case "logisticLoss" ->
          new Object[] {
            vector(r, 3, -1, 1), u(r, -0.5, 0.5), matrix(r, 12, 3), labels(r, 12, 2), 0.1
          };
      case "softmaxCrossEntropy" ->
          new Object[] {matrix(r, 3, 4), matrix(r, 10, 4), labels(r, 10, 3)};
      case "huber" -> new Object[] {vector(r, 6, 0.5, 1.5), vector(r, 6, -3, 3), 1.0};
      case "rk4Fit" ->
          new Object[] {
            u(r, 0.8, 1.2),
            u(r, 0.3, 0.6),
            u(r, 0.8, 1.2),
            u(r, 0.3, 0.6),
            vector(r, 20, 0.5, 1.5),
            0.05
          };
      case "earlyReturningHelper" -> new Object[] {vector(r, 5, -1, 1), u(r, 0.1, 0.4)};
      case "nanSafeLogLoss" -> new Object[] {u(r, 0.5, 2), new double[] {0.5, -1, 2, 0, 1.5, 3}};
      case "usesOtherClass" -> new Object[] {u(r, -1, 1), u(r, -1, 1)};
      case "dampedEnergy" -> new Object[] {u(r, 0.2, 0.6), u(r, 1, 3), 0.05, 60};
      case "dampedFit" -> new Object[] {u(r, 2, 5), u(r, 0.2, 0.8), vector(r, 40, -1, 1), 0.05};
      case "sigmoidMlp" ->
          new Object[] {matrix(r, 4, 2), vector(r, 4, -1, 1), matrix(r, 8, 2), vector(r, 8, -1, 1)};
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static void checkPoint(String name, Object[] args, Random random) throws Exception {
    Method primal = find(problems, name);
    int[] wrt = Signatures.wrt(PROBLEMS.text(), name);
    int n = Differences.size(args, wrt);
    double[] gradient = gradient(name, args, n);
    // gradient against central differences of the primal
    double[] numeric =
        Differences.central(a -> invoke(primal, a), args, wrt, Differences.absolute(1e-6));
    for (int k = 0; k < n; k++) {
      assertClose(
          numeric[k], gradient[k], 1e-6, name + " d/dx" + k + " at " + Arrays.deepToString(args));
    }
    // the tangent along a random direction equals the gradient dotted with it
    double[] direction = new double[n];
    double dot = 0;
    for (int k = 0; k < n; k++) {
      direction[k] = random.nextGaussian();
      dot += direction[k] * gradient[k];
    }
    double tangent = invoke(find(derivatives, name + "Tangent"), append(args, direction));
    assertClose(dot, tangent, 1e-12, name + " dot-product test");
    // the Hessian against central differences of the generated gradient, and symmetric
    double[][] hessian = new double[n][n];
    double value =
        invoke(find(derivatives, name + "Hessian"), append(append(args, new double[n]), hessian));
    assertClose(invoke(primal, args), value, 1e-13, name + " value returned by the Hessian");
    for (int k = 0; k < n; k++) {
      double[] column = Differences.alongCoordinate(a -> gradient(name, a, n), args, wrt, k, 1e-5);
      for (int j = 0; j < n; j++) {
        assertClose(column[j], hessian[k][j], 1e-5, name + " H[" + k + "][" + j + "]");
        assertClose(
            hessian[j][k], hessian[k][j], 1e-12, name + " symmetry H[" + k + "][" + j + "]");
      }
    }
  }

  private static double[] gradient(String name, Object[] args, int n) {
    double[] g = new double[n];
    invoke(find(derivatives, name + "ValueAndGradient"), append(args, g));
    return g;
  }

  private static void assertClose(double expected, double actual, double rtol, String what) {
    double scale = Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
    if (!(Math.abs(expected - actual) <= rtol * scale)) {
      fail(what + ": expected " + expected + " but was " + actual);
    }
  }

  private static Method find(Class<?> owner, String name) {
    return Arrays.stream(owner.getDeclaredMethods())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no method " + name + " in " + owner.getName()));
  }

  private static double invoke(Method method, Object[] args) {
    // the method of that name taking these arguments (not the workspace overload)
    Method m =
        Arrays.stream(method.getDeclaringClass().getDeclaredMethods())
            .filter(
                o -> o.getName().equals(method.getName()) && o.getParameterCount() == args.length)
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no " + method.getName() + " with " + args.length + " parameters"));
    try {
      m.setAccessible(true);
      return (double) m.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(m.getName(), e);
    }
  }

  private static double[][] matrix(Random r, int rows, int cols) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(r, cols, -1, 1);
    }
    return m;
  }

  private static int[] labels(Random r, int n, int classes) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.nextInt(classes);
    }
    return out;
  }
}
