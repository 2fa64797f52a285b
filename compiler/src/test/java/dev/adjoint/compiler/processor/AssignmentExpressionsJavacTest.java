package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compileLinted;
import static dev.adjoint.compiler.testing.Points.u;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Assignments inside expressions through javac and the processor, in every mode the generated class
 * offers: the value is the user's method's bit for bit, the gradient agrees with central
 * differences, the workspace overload with the plain one exactly, the tangent with the gradient,
 * the Hessian-vector product with differences of the gradient and the Hessian with the
 * Hessian-vector product; at awkward points (zeros, equal values) and random ones.
 */
class AssignmentExpressionsJavacTest {
  private static final Source OPS =
      Source.of(
          "assign.Ops",
          """
      package assign;

      import dev.adjoint.Differentiable;

      public final class Ops {
        private Ops() {}

        static int next(int k) {
          return k / 2;
        }

        static double scaled(double s, double x) {
          double t;
          return (t = s * x) + (s += t);
        }

        @Differentiable(order = 2)
        static double loops(double x, double y, int n) {
          int k = n;
          double s = 0;
          while ((k = next(k)) > 0) {
            s += x * k + y;
          }
          double t;
          if ((t = x * y) > 1) {
            s += t * t;
          } else {
            s -= t;
          }
          double u;
          int i;
          int j = n;
          for (i = 0; (u = s * x) < 50 && i < j; i++, s = u + (j = j - 1) * y) {
            s += u * 0.5;
          }
          double w = y;
          int m = 0;
          do {
            w = w * x + 1;
          } while ((m += 2) < n);
          return s + t + u + w * m + i + j;
        }

        @Differentiable(order = 2)
        static double elements(double[] v, double w, int n) {
          double[] a = new double[2 * v.length + 2];
          int i = 0;
          for (double e : v) {
            a[i++] = e;
            a[i++] += e * w;
          }
          double s = 0;
          for (int p = 0; p < v.length; p++) {
            s += (a[p] *= 2) * a[p];
          }
          int j = i - 1;
          int k = 0;
          while (j >= 0) {
            a[k++] = a[j--] * w;
            s = a[i++ % a.length] + s * 0.5;
          }
          s += ++a[0] * w + a[1]-- * a[1] - --a[2] * a[2]++;
          return s + a[0] * a[k - 1] + a[n % a.length];
        }

        @Differentiable(order = 2)
        static double chains(double x, double y, double z) {
          double a;
          double b;
          double c;
          double d;
          a = b = 0;
          a = b += z * x;
          a = b = c = d = x * y + a;
          c += d *= b -= a = y;
          return a + b * c + d * x;
        }

        @Differentiable(order = 2)
        static double matrix(double[][] m, double x) {
          double s = 0;
          for (int k = 0; k < m.length; k++) {
            int j = 0;
            while (j < m[k].length) {
              m[k][j] += m[k][j];
              s += m[k][j++] *= x;
            }
          }
          int i = 0;
          int j = 0;
          m[i][j++] *= 2;
          return s + m[0][0] * m[0][j];
        }

        @Differentiable(order = 2)
        static double branches(double x, double y) {
          double t = 0;
          double u = 1;
          double s = Math.sin(t = x * y) + t;
          s += scaled(u = x + 1, u) + Math.max(u, u = y);
          s += x > 0 ? (t = x * x) : (u += y);
          s += t * u;
          if (x > 0.5 && (t = x * y) > 0.1 || (u = y - x) < 0) {
            s += t;
          }
          double[] w = {t = x, t += y, t * 2, u++};
          return s + w[0] * w[1] + w[2] * w[3] + u;
        }

        @Differentiable(order = 2)
        static double narrowing(double x, int n) {
          float g = 1.25f;
          float h = 1.5f;
          g += n * 0.1;
          double s = (g += n / 3.0) * (h *= g) * x;
          int k = n;
          s += (k += 1.5) * x + (k *= 2.5) + (k -= 2.75) * x;
          long m = 3;
          s += (m *= 1.75) * x + (m /= 0.3);
          return s = s * x + (s *= x);
        }

        @Differentiable
        static double[] residuals(double[] p, double x) {
          double[] r = new double[p.length];
          int k = 0;
          double t;
          for (int i = 0; i < p.length; i++) {
            r[k++] = (t = p[i] * x) * t;
            r[i] -= (t += x) * p[k - 1];
          }
          return r;
        }
      }
      """);

  private static Class<?> owner;
  private static Class<?> derivatives;

  @BeforeAll
  static void compileOnce() throws ClassNotFoundException {
    Compilation c = compileLinted(OPS);
    assertNoCrash(c);
    assertThat(c).succeeded();
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    owner = loader.loadClass("assign.Ops");
    derivatives = loader.loadClass("assign.OpsDerivatives");
  }

  private static Object[] at(Object... values) {
    return values;
  }

  private static double[] vector(Random r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = u(r, lo, hi);
    }
    return v;
  }

  @Test
  void assignmentsInLoopAndIfConditions() {
    check(
        "loops",
        List.of(at(0.0, 0.0, 9), at(0.0, 1.5, 0), at(-1.0, 0.0, 1)),
        r -> at(u(r, -2, 2), u(r, -2, 2), r.nextInt(40)));
  }

  @Test
  void elementWritesWithSideEffectsInTheirIndices() {
    check(
        "elements",
        List.of(at(new double[] {0, 0}, 0.0, 0), at(new double[] {1}, 1.0, 3)),
        r -> at(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1.5, 1.5), r.nextInt(6)));
  }

  @Test
  void chainedAssignments() {
    check(
        "chains",
        List.of(at(0.0, 0.0, 0.0), at(1.0, 1.0, 1.0)),
        r -> at(u(r, -2, 2), u(r, -2, 2), u(r, -2, 2)));
  }

  @Test
  void matrixElementsAssignedInsideExpressions() {
    check(
        "matrix",
        List.of(at(new double[][] {{0, 0}, {1, 0}}, 0.0), at(new double[][] {{1, 1}}, 1.0)),
        r -> at(new double[][] {vector(r, 2, -1, 1), vector(r, 3, -1, 1)}, u(r, -1.5, 1.5)));
  }

  @Test
  void assignmentsInArgumentsBranchesLogicalOperandsAndInitialisers() {
    check(
        "branches",
        List.of(at(1.0, 0.0), at(-1.0, 0.5), at(0.75, 0.75), at(-0.5, -1.0)),
        r -> at(u(r, -2, 2), u(r, -2, 2)));
  }

  @Test
  void compoundAssignmentsNarrowImplicitly() {
    check("narrowing", List.of(at(0.0, 0), at(1.0, 3)), r -> at(u(r, -2, 2), r.nextInt(10)));
  }

  /**
   * A method returning double[]: its value is the user's element for element, bit for bit; the
   * Jacobian agrees with central differences, the pullback with outputAdjoint·J and the tangent
   * with J·direction.
   */
  @Test
  void arrayValuedMethodInEveryMode() throws Exception {
    Method original = owner.getDeclaredMethod("residuals", double[].class, double.class);
    Method jacobian =
        derivatives.getDeclaredMethod(
            "residualsJacobian", double[].class, double.class, double[][].class);
    Method pullback =
        derivatives.getDeclaredMethod(
            "residualsPullback", double[].class, double.class, double[].class, double[].class);
    Method tangent =
        derivatives.getDeclaredMethod(
            "residualsTangent", double[].class, double.class, double[].class, double[].class);
    original.setAccessible(true);
    Random r = new Random(11);
    List<Object[]> points =
        new ArrayList<>(List.of(at(new double[] {0, 0}, 0.0), at(new double[] {1}, -1.0)));
    for (int k = 0; k < 5; k++) {
      points.add(at(vector(r, 1 + r.nextInt(4), -1.5, 1.5), u(r, -2, 2)));
    }
    for (Object[] a : points) {
      double[] p = (double[]) a[0];
      double x = (double) a[1];
      int n = p.length + 1;
      double[] value = (double[]) original.invoke(null, p.clone(), x);
      double[][] jac = new double[value.length][n];
      double[] generated = (double[]) jacobian.invoke(null, p.clone(), x, jac);
      String where = Arrays.deepToString(a);
      assertArrayEquals(value, generated, 0.0, where); // and bit for bit:
      assertTrue(Arrays.equals(value, generated), where);
      for (int o = 0; o < value.length; o++) {
        int out = o;
        double[] expected =
            Differences.fourthOrder(
                args -> {
                  try {
                    return ((double[]) original.invoke(null, Differences.copy(args)))[out];
                  } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                  }
                },
                a,
                new int[] {0, 1},
                Differences.relative(1e-4));
        assertArrayEquals(
            expected, jac[o], 1e-6 * Math.max(1, norm(expected)), "row " + o + " at " + where);
      }
      double[] adjoint = vector(r, value.length, -1, 1);
      double[] g = new double[n];
      assertTrue(
          Arrays.equals(value, (double[]) pullback.invoke(null, p.clone(), x, adjoint, g)), where);
      double[] direction = vector(r, n, -1, 1);
      double[] t = new double[value.length];
      assertTrue(
          Arrays.equals(value, (double[]) tangent.invoke(null, p.clone(), x, direction, t)), where);
      for (int j = 0; j < n; j++) {
        double expected = 0;
        for (int o = 0; o < value.length; o++) {
          expected += adjoint[o] * jac[o][j];
        }
        assertEquals(
            expected, g[j], 1e-12 * Math.max(1, Math.abs(expected)), "pullback at " + where);
      }
      for (int o = 0; o < value.length; o++) {
        double expected = 0;
        for (int j = 0; j < n; j++) {
          expected += jac[o][j] * direction[j];
        }
        assertEquals(
            expected, t[o], 1e-12 * Math.max(1, Math.abs(expected)), "tangent at " + where);
      }
    }
  }

  // ---------------------------------------------------------------------------- the checks

  private static void check(
      String name, List<Object[]> awkward, Function<Random, Object[]> random) {
    int[] wrt = Signatures.wrt(OPS.text(), name);
    Method original = method(owner, name, 0);
    Random r = new Random(name.hashCode());
    List<Object[]> points = new ArrayList<>(awkward);
    for (int k = 0; k < 6; k++) {
      points.add(random.apply(r));
    }
    for (Object[] args : points) {
      String where = name + Arrays.deepToString(args);
      double value = call(original, Differences.copy(args));
      double[] g = gradient(name, args, wrt, value, where);
      double[] expected =
          Differences.fourthOrder(
              a -> call(original, Differences.copy(a)), args, wrt, Differences.relative(1e-4));
      for (int k = 0; k < g.length; k++) {
        double tol = 1e-6 * Math.max(1, Math.max(Math.abs(expected[k]), Math.abs(g[k])));
        assertEquals(expected[k], g[k], tol, "gradient[" + k + "] at " + where);
      }
      secondOrder(name, args, wrt, value, g, r, where);
    }
  }

  /** The gradient; the value must be the original's bit for bit, with or without a workspace. */
  private static double[] gradient(
      String name, Object[] args, int[] wrt, double value, String where) {
    double[] g = new double[Differences.size(args, wrt)];
    double generated = call(method(derivatives, name + "ValueAndGradient", 1), with(args, g));
    assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(generated), where);
    Method workspace =
        Arrays.stream(derivatives.getDeclaredMethods())
            .filter(m -> m.getName().equals(name + "ValueAndGradient"))
            .filter(m -> m.getParameterCount() == args.length + 2)
            .findFirst()
            .orElse(null);
    if (workspace != null) {
      try {
        Object ws =
            workspace.getParameterTypes()[args.length + 1].getDeclaredConstructor().newInstance();
        for (int repeat = 0; repeat < 2; repeat++) {
          double[] g2 = new double[g.length];
          double v2 = call(workspace, with(args, g2, ws));
          assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(v2), where);
          assertArrayEquals(g, g2, 0.0, "workspace overload at " + where);
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return g;
  }

  /** Tangent, Hessian-vector product and Hessian along a random direction. */
  private static void secondOrder(
      String name, Object[] args, int[] wrt, double value, double[] g, Random r, String where) {
    int n = g.length;
    double[] v = vector(r, n, -1, 1);
    double dot = 0;
    for (int k = 0; k < n; k++) {
      dot += g[k] * v[k];
    }
    double t = call(method(derivatives, name + "Tangent", 1), with(args, v.clone()));
    assertEquals(dot, t, 1e-10 * Math.max(1, Math.abs(dot)), "tangent at " + where);
    double[] g2 = new double[n];
    double[] hv = new double[n];
    double v2 = call(method(derivatives, name + "HessianVector", 3), with(args, v.clone(), g2, hv));
    assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(v2), where);
    assertArrayEquals(g, g2, 1e-12 * Math.max(1, norm(g)), "HVP's gradient at " + where);
    Method valueAndGradient = method(derivatives, name + "ValueAndGradient", 1);
    double[] differences =
        Differences.along(
            a -> {
              double[] ga = new double[n];
              call(valueAndGradient, with(a, ga));
              return ga;
            },
            args,
            wrt,
            v,
            1e-5);
    for (int k = 0; k < n; k++) {
      double tol = 1e-5 * Math.max(1, Math.max(Math.abs(differences[k]), Math.abs(hv[k])));
      assertEquals(differences[k], hv[k], tol, "Hessian-vector[" + k + "] at " + where);
    }
    double[] g3 = new double[n];
    double[][] h = new double[n][n];
    double v3 = call(method(derivatives, name + "Hessian", 2), with(args, g3, h));
    assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(v3), where);
    for (int i = 0; i < n; i++) {
      double hvi = 0;
      for (int j = 0; j < n; j++) {
        hvi += h[i][j] * v[j];
      }
      assertEquals(hv[i], hvi, 1e-9 * Math.max(1, norm(h[i])), "Hessian row " + i + " at " + where);
    }
    assertTrue(n > 0);
  }

  private static double norm(double[] a) {
    double s = 0;
    for (double x : a) {
      s += Math.abs(x);
    }
    return s;
  }

  /** Copies of the arguments followed by {@code extra}. */
  private static Object[] with(Object[] args, Object... extra) {
    Object[] out = Arrays.copyOf(Differences.copy(args), args.length + extra.length);
    System.arraycopy(extra, 0, out, args.length, extra.length);
    return out;
  }

  /** The method of that name with {@code extra} parameters after the original's. */
  private static Method method(Class<?> c, String name, int extra) {
    Method originalShape = null;
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName()
          .equals(name.replaceAll("(ValueAndGradient|Tangent|HessianVector|Hessian)$", ""))) {
        originalShape = m;
      }
    }
    int count = originalShape.getParameterCount() + extra;
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == count) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no method " + name + " with " + count + " parameters in " + c);
  }

  private static double call(Method m, Object[] args) {
    try {
      return (double) m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(
          m.getName() + " threw at " + Arrays.deepToString(args), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(m.getName(), e);
    }
  }
}
