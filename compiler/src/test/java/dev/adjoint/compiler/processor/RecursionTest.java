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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recursive helper methods (direct and mutual recursion, recursive early returns) through javac
 * with the processor under {@code -Xlint:all}, each with {@code order = 2}. At seeded random points
 * and at awkward ones (n = 0, x = 0, exact zeros): the gradient against central differences of the
 * original, the workspace overload when there is one, the tangent against the gradient (dot-product
 * test), the Hessian-vector product against central differences of the generated gradient, and the
 * Hessian against the Hessian-vector products, with its symmetry.
 */
class RecursionTest {
  static final Source RECURSIVE =
      Source.of(
          "rec.Recursive",
          """
      package rec;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public final class Recursive {
        private Recursive() {}

        private static double sq(double v) {
          return v * v;
        }

        /** Power by squaring. */
        private static double pow(double x, int n) {
          return n == 0 ? 1 : n % 2 == 0 ? sq(pow(x, n / 2)) : x * pow(x, n - 1);
        }

        @Differentiable(order = 2)
        static double powerBySquaring(double x, double y, int n) {
          return pow(x * y, n) + y;
        }

        /** Recursive Horner. */
        static double horner(double[] c, double x, int i) {
          return i == c.length ? 0 : c[i] + x * horner(c, x, i + 1);
        }

        @Differentiable(order = 2)
        static double polynomial(double x, @NoDerivative double[] c) {
          return horner(c, Math.sin(x), 0) * x;
        }

        /** Divide and conquer over a range of a data array, weighted by a differentiated scale. */
        static double sum(double[] a, double s, int lo, int hi) {
          if (hi - lo == 1) {
            return Math.tanh(s * a[lo]);
          }
          int mid = (lo + hi) >>> 1;
          return sum(a, s, lo, mid) + sum(a, s, mid, hi);
        }

        @Differentiable(order = 2)
        static double rangeSum(double s, double t, @NoDerivative double[] a) {
          return sum(a, s * t, 0, a.length) * t;
        }

        /** Mutual recursion: two helpers calling each other, each with its own formula. */
        static double even(double x, int n) {
          if (n == 0) {
            return x;
          }
          return Math.sin(odd(x, n - 1)) + x;
        }

        static double odd(double x, int n) {
          if (n == 0) {
            return x * x;
          }
          return even(x, n - 1) * x;
        }

        @Differentiable(order = 2)
        static double mutual(double x, int n) {
          return even(x, n);
        }

        static boolean isEven(int n) {
          return n == 0 || isOdd(n - 1);
        }

        static boolean isOdd(int n) {
          return n != 0 && isEven(n - 1);
        }

        @Differentiable(order = 2)
        static double parity(double x, double y, int n) {
          return isEven(n) ? x * y : x / y;
        }

        /** A recursive early return, from inside a loop. */
        static double firstAbove(double[] w, double x, int i) {
          for (int k = i; k < w.length; k++) {
            if (w[k] * x > 1) {
              return w[k] * x + firstAbove(w, x * 0.5, k + 1);
            }
          }
          return x;
        }

        @Differentiable(order = 2)
        static double earlyReturn(double x, @NoDerivative double[] w) {
          return firstAbove(w, x, 0);
        }

        /** Several scalar arguments that change places on the way down. */
        static double swap(double a, double b, int n) {
          if (n <= 0) {
            return a * Math.exp(b);
          }
          return swap(b * 0.5, a + b, n - 1) - a;
        }

        @Differentiable(order = 2)
        static double swapped(double a, double b, int n) {
          return swap(a, b, n);
        }

        /** The differentiated method itself is recursive. */
        @Differentiable(order = 2)
        static double selfRecursive(double x, int n) {
          return n <= 0 ? Math.cos(x) : x * selfRecursive(x, n - 1) + 1;
        }

        /** A loop whose reverse sweep needs the value carried by each iteration: a tape. */
        @Differentiable(order = 2)
        static double taped(double x, @NoDerivative int n) {
          double s = x;
          for (int i = 0; i < n; i++) {
            s = Math.sin(s) * pow(x, i % 3) + 0.5 * s;
          }
          return s;
        }

        /** An array-valued method calling a recursive helper: its Jacobian. */
        @Differentiable
        static double[] powers(double x, double y, @NoDerivative int n) {
          double[] r = new double[n];
          for (int i = 0; i < n; i++) {
            r[i] = pow(x, i) * y + even(y, i);
          }
          return r;
        }

        /** Divide and conquer over a differentiated array: first order. */
        static double sumOfSquares(double[] a, int lo, int hi) {
          if (hi - lo == 1) {
            return a[lo] * a[lo];
          }
          int mid = (lo + hi) >>> 1;
          return sumOfSquares(a, lo, mid) + sumOfSquares(a, mid, hi);
        }

        @Differentiable
        static double divideAndConquer(double[] a, double s) {
          return s * sumOfSquares(a, 0, a.length);
        }

        /** Recursive Horner with differentiated coefficients and point. */
        @Differentiable
        static double hornerAll(double[] c, double x) {
          return horner(c, x, 0) + horner(c, x * x, 1);
        }

        /** The same recursive call in two conditionals: it must stay conditional in each. */
        static double both(double x, int n) {
          double a = n <= 0 ? 1 : x * both(x, n - 1);
          double b = n <= 0 ? x : x * both(x, n - 1);
          return a + b;
        }

        @Differentiable(order = 2)
        static double conditionalCalls(double x, int n) {
          return both(x, n);
        }

        /** A recursive call inside an inlined call on the right of &&: it runs only when needed. */
        static double level(double v, int n) {
          return n > 0 && sq(level(v * 0.5, n - 1)) > 0.01 ? v + level(v * 0.5, n - 1) : v * v;
        }

        @Differentiable(order = 2)
        static double shortCircuit(double x, int n) {
          return level(x, n);
        }

        /** A float helper, and one called from a loop. */
        static float halve(float v, int n) {
          return n == 0 ? v : halve(v * 0.5f, n - 1);
        }

        @Differentiable(order = 2)
        static double inLoop(double x, @NoDerivative int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += pow(x, i) * halve((float) x, i);
          }
          return s;
        }
      }
      """);

  private static Class<?> owner;
  private static Class<?> derivatives;

  @BeforeAll
  static void compileOnce() throws ClassNotFoundException {
    Compilation compilation = compileLinted(RECURSIVE);
    assertNoCrash(compilation);
    assertThat(compilation).succeeded();
    assertEquals(
        List.of(),
        compilation.warnings().stream().map(ProcessorHarness::message).collect(Collectors.toList()),
        describe(compilation));
    GeneratedClassLoader loader = new GeneratedClassLoader(compilation);
    owner = loader.loadClass("rec.Recursive");
    derivatives = loader.loadClass("rec.RecursiveDerivatives");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "powerBySquaring",
        "polynomial",
        "rangeSum",
        "mutual",
        "parity",
        "earlyReturn",
        "swapped",
        "selfRecursive",
        "inLoop",
        "taped",
        "divideAndConquer",
        "hornerAll",
        "conditionalCalls",
        "shortCircuit"
      })
  void allModesAgreeWithDifferences(String name) throws Exception {
    Random random = new Random(name.hashCode());
    List<Object[]> points = new ArrayList<>(awkward(name));
    for (int k = 0; k < 4; k++) {
      points.add(arguments(name, random));
    }
    for (Object[] args : points) {
      checkPoint(name, args, random);
    }
  }

  /**
   * The workspace overload exists where a tape is needed, and agrees (checked with every point).
   */
  @Test
  void tapedLoopHasAWorkspaceOverload() {
    org.junit.jupiter.api.Assertions.assertNotNull(workspaceOverload("taped", 2));
  }

  /**
   * The Jacobian, pullback and tangent of an array-valued method: against central differences, and
   * with each other.
   */
  @Test
  void jacobianOfAnArrayValuedMethod() throws Exception {
    Random r = new Random(7);
    for (Object[] a :
        List.of(args(0.0, 0.0, 4), args(1.0, -0.5, 1), args(u(r, -1, 1), u(r, -1, 1), 6))) {
      int n = (int) a[2];
      double[][] jacobian = new double[n][2];
      Object value = method(derivatives, "powersJacobian", 4).invoke(null, a[0], a[1], n, jacobian);
      Method primal = method(owner, "powers", 3);
      primal.setAccessible(true);
      assertEquals(
          Arrays.toString((double[]) primal.invoke(null, a)), Arrays.toString((double[]) value));
      double h = 1e-6;
      for (int k = 0; k < 2; k++) {
        Object[] plus = a.clone();
        Object[] minus = a.clone();
        plus[k] = (double) a[k] + h;
        minus[k] = (double) a[k] - h;
        double[] fp = (double[]) primal.invoke(null, plus);
        double[] fm = (double[]) primal.invoke(null, minus);
        for (int i = 0; i < n; i++) {
          assertClose((fp[i] - fm[i]) / (2 * h), jacobian[i][k], 1e-6, "J[" + i + "][" + k + "]");
        }
      }
      double[] seed = new double[n];
      double[] direction = {r.nextGaussian(), r.nextGaussian()};
      for (int i = 0; i < n; i++) {
        seed[i] = r.nextGaussian();
      }
      double[] pulled = new double[2];
      method(derivatives, "powersPullback", 5).invoke(null, a[0], a[1], n, seed, pulled);
      double[] pushed = new double[n];
      method(derivatives, "powersTangent", 5).invoke(null, a[0], a[1], n, direction, pushed);
      for (int k = 0; k < 2; k++) {
        double jt = 0;
        for (int i = 0; i < n; i++) {
          jt += seed[i] * jacobian[i][k];
        }
        assertClose(jt, pulled[k], 1e-12, "pullback[" + k + "]");
      }
      for (int i = 0; i < n; i++) {
        assertClose(
            jacobian[i][0] * direction[0] + jacobian[i][1] * direction[1],
            pushed[i],
            1e-12,
            "tangent[" + i + "]");
      }
    }
  }

  /** Depth 5000: the helpers recurse as deep as the user's method, on the Java stack. */
  @Test
  void deepRecursionRuns() throws Exception {
    Object[] args = {0.3, 5000};
    double[] g = gradient("mutual", args, 1);
    double h = 1e-6;
    double numeric =
        (invoke(method(owner, "mutual", 2), new Object[] {0.3 + h, 5000})
                - invoke(method(owner, "mutual", 2), new Object[] {0.3 - h, 5000}))
            / (2 * h);
    assertClose(numeric, g[0], 1e-5, "mutual at depth 5000");
    double t =
        invoke(method(derivatives, "mutualTangent", 3), new Object[] {0.3, 5000, new double[] {1}});
    assertClose(g[0], t, 1e-12, "tangent at depth 5000");
  }

  private static List<Object[]> awkward(String name) {
    return switch (name) {
      case "powerBySquaring" ->
          List.of(args(0.0, 1.5, 3), args(1.2, 0.7, 0), args(-1.1, 0.9, 7), args(0.8, -1.3, 1));
      case "polynomial" ->
          List.of(
              args(0.0, new double[] {1, 2, 3}),
              args(0.5, new double[0]),
              args(1.0, new double[] {0, 0, 1}));
      case "rangeSum" ->
          List.of(args(0.0, 1.0, new double[] {1, -2, 3}), args(0.5, 0.0, new double[] {2}));
      case "mutual", "selfRecursive" ->
          List.of(args(0.0, 0), args(0.0, 3), args(0.7, 1), args(-0.4, 6));
      case "parity" -> List.of(args(0.0, 1.5, 0), args(1.5, 2.0, 1), args(-1.0, 0.5, 4));
      case "earlyReturn" ->
          List.of(
              args(0.0, new double[] {1, 2}),
              args(1.5, new double[] {0.5, 1, 3, 0}),
              args(0.25, new double[0]));
      case "swapped" -> List.of(args(0.0, 0.0, 0), args(0.5, -0.5, 3), args(1.0, 0.0, 4));
      case "inLoop" -> List.of(args(0.0, 4), args(1.0, 0), args(-0.5, 5));
      case "taped" -> List.of(args(0.0, 3), args(0.5, 0));
      case "conditionalCalls" -> List.of(args(0.0, 0), args(0.0, 2), args(-0.7, 1));
      case "shortCircuit" -> List.of(args(0.0, 0), args(0.0, 2), args(1.5, 3));
      case "divideAndConquer" ->
          List.of(args(new double[] {0, 0, 0}, 1.0), args(new double[] {1.5}, 0.0));
      case "hornerAll" -> List.of(args(new double[] {0, 0, 0}, 0.0), args(new double[] {1}, 2.0));
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static Object[] arguments(String name, Random r) {
    return switch (name) {
      case "powerBySquaring" -> args(u(r, -1.2, 1.2), u(r, 0.5, 1.1), r.nextInt(12));
      case "polynomial" -> args(u(r, -2, 2), vector(r, 1 + r.nextInt(6), -1, 1));
      case "rangeSum" -> args(u(r, -1, 1), u(r, 0.5, 1.5), vector(r, 1 + r.nextInt(9), -1, 1));
      case "mutual", "selfRecursive" -> args(u(r, -1, 1), r.nextInt(9));
      case "parity" -> args(u(r, -2, 2), u(r, 0.5, 2), r.nextInt(9));
      case "earlyReturn" -> args(u(r, 0.5, 3), vector(r, 1 + r.nextInt(6), -1, 1));
      case "swapped" -> args(u(r, -1, 1), u(r, -1, 1), r.nextInt(6));
      case "inLoop" -> args(u(r, -1, 1), r.nextInt(7));
      case "taped" -> args(u(r, -1, 1), r.nextInt(6));
      case "conditionalCalls" -> args(u(r, -1, 1), r.nextInt(6));
      case "shortCircuit" -> args(u(r, -2, 2), r.nextInt(6));
      case "divideAndConquer" -> args(vector(r, 1 + r.nextInt(9), -1, 1), u(r, -1, 1));
      case "hornerAll" -> args(vector(r, 1 + r.nextInt(6), -1, 1), u(r, -1, 1));
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static void checkPoint(String name, Object[] args, Random random) throws Exception {
    String at = name + Arrays.deepToString(args);
    int params = args.length;
    Method primal = method(owner, name, params);
    int[] wrt = Signatures.wrt(RECURSIVE.text(), name);
    int n = Differences.size(args, wrt);
    double[] gradient = gradient(name, args, n);
    double value = invoke(primal, args);
    double[] numeric =
        Differences.fourthOrder(a -> invoke(primal, a), args, wrt, Differences.relative(1e-4));
    // a float helper: the method's value has float precision, so have central differences
    double differences = name.equals("inLoop") ? 1e-3 : 1e-6;
    for (int k = 0; k < n; k++) {
      assertClose(numeric[k], gradient[k], differences, "gradient[" + k + "] at " + at);
    }
    Method workspace = workspaceOverload(name, params);
    if (workspace != null) {
      Object ws = workspace.getParameterTypes()[params + 1].getDeclaredConstructor().newInstance();
      double[] g2 = new double[n];
      double v2 = invoke(workspace, append(append(args, g2), ws));
      assertClose(value, v2, 1e-13, "workspace value at " + at);
      for (int k = 0; k < n; k++) {
        assertClose(gradient[k], g2[k], 1e-13, "workspace gradient at " + at);
      }
    }
    double[] direction = new double[n];
    double dot = 0;
    for (int k = 0; k < n; k++) {
      direction[k] = random.nextGaussian();
      dot += direction[k] * gradient[k];
    }
    double tangent =
        invoke(method(derivatives, name + "Tangent", params + 1), append(args, direction));
    // a float helper's derivatives are computed in float, as its value is
    double exact = name.equals("inLoop") ? 1e-6 : 1e-10;
    assertClose(dot, tangent, exact, "dot-product test at " + at);
    if (Arrays.stream(derivatives.getDeclaredMethods())
        .noneMatch(m -> m.getName().equals(name + "HessianVector"))) {
      return; // order = 1
    }
    double[] g3 = new double[n];
    double[] hv = new double[n];
    double v3 =
        invoke(
            method(derivatives, name + "HessianVector", params + 3),
            append(append(append(args, direction), g3), hv));
    assertClose(value, v3, 1e-13, "value of the Hessian-vector product at " + at);
    double[] hvNumeric = Differences.along(a -> gradient(name, a, n), args, wrt, direction, 1e-5);
    for (int k = 0; k < n; k++) {
      assertClose(gradient[k], g3[k], 1e-12, "gradient of the Hessian-vector product at " + at);
      assertClose(
          hvNumeric[k], hv[k], 10 * differences, "Hessian-vector product[" + k + "] at " + at);
    }
    double[][] hessian = new double[n][n];
    double v4 =
        invoke(
            method(derivatives, name + "Hessian", params + 2),
            append(append(args, new double[n]), hessian));
    assertClose(value, v4, 1e-13, "value of the Hessian at " + at);
    for (int k = 0; k < n; k++) {
      double hvk = 0;
      for (int j = 0; j < n; j++) {
        hvk += hessian[k][j] * direction[j];
        assertClose(hessian[j][k], hessian[k][j], exact, "symmetry at " + at);
      }
      assertClose(hv[k], hvk, exact, "Hessian times v against the product at " + at);
    }
  }

  private static Method workspaceOverload(String name, int params) {
    return Arrays.stream(derivatives.getDeclaredMethods())
        .filter(
            m ->
                m.getName().equals(name + "ValueAndGradient")
                    && m.getParameterCount() == params + 2)
        .findFirst()
        .orElse(null);
  }

  private static double[] gradient(String name, Object[] args, int n) {
    double[] g = new double[n];
    invoke(method(derivatives, name + "ValueAndGradient", args.length + 1), append(args, g));
    return g;
  }

  private static Method method(Class<?> c, String name, int parameters) {
    return Arrays.stream(c.getDeclaredMethods())
        .filter(m -> m.getName().equals(name) && m.getParameterCount() == parameters)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + name + " with " + parameters + " parameters"));
  }

  private static double invoke(Method m, Object[] args) {
    try {
      m.setAccessible(true);
      return ((Number) m.invoke(null, args)).doubleValue();
    } catch (InvocationTargetException e) {
      throw new AssertionError(m.getName() + " threw", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(m.getName(), e);
    }
  }

  private static void assertClose(double expected, double actual, double rtol, String what) {
    double scale = Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
    if (!(Math.abs(expected - actual) <= rtol * scale)) {
      fail(what + ": expected " + expected + " but was " + actual);
    }
  }

  private static Object[] args(Object... values) {
    return values;
  }
}
