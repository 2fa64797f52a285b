package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.append;
import static dev.adjoint.compiler.pass.GradientOracle.copy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.pass.ad.Hessians;
import dev.adjoint.compiler.testing.Differences;
import dev.adjoint.compiler.testing.Sources;
import org.junit.jupiter.api.Test;

/**
 * Second order at points where an intermediate value or an adjoint is exactly zero: residuals at
 * their roots, integer points, exponents of zero. Reverse mode skips the adjoint code of singular
 * partials for a zero adjoint; forward mode over it must still add the terms carried by the
 * adjoint's tangent (the Gauss–Newton term of a least-squares Hessian). Every Hessian here is
 * compared with exact values and with central differences of the gradient, in all three forms
 * (Hessian-vector product, unrolled Hessian, row Hessian).
 */
class AwkwardPointsTest {

  @Test
  void unitCircleResidualAtItsRoot() {
    String src =
        """
        static double loss(double u, double v) {
            double r = Math.sqrt(u * u + v * v) - 1;
            return r * r;
        }
        """;
    // on the circle r = 0, so H = 2 ∇r ∇rᵀ with ∇r = (u, v)
    assertHessian(src, new Object[] {1.0, 0.0}, new double[][] {{2, 0}, {0, 0}});
    assertHessian(src, new Object[] {0.0, -1.0}, new double[][] {{0, 0}, {0, 2}});
    assertHessian(src, new Object[] {0.6, 0.8}, null);
  }

  @Test
  void quotientResidualAtItsRoot() {
    String src =
        """
        static double loss(double u, double v) {
            double r = u / v - 1;
            return r * r;
        }
        """;
    // r = 0 at u = v = 2; ∇r = (1/v, -u/v²) = (0.5, -0.5)
    assertHessian(src, new Object[] {2.0, 2.0}, new double[][] {{0.5, -0.5}, {-0.5, 0.5}});
  }

  @Test
  void logResidualAtItsRoot() {
    String src =
        """
        static double loss(double u, double v) {
            double r = Math.log(u * v);
            return r * r;
        }
        """;
    // r = 0 at u = v = 1; ∇r = (1/u, 1/v)
    assertHessian(src, new Object[] {1.0, 1.0}, new double[][] {{2, 2}, {2, 2}});
  }

  @Test
  void leastSquaresOverArraysWithVanishingResiduals() {
    String src =
        """
        static double loss(double[] p, @NoDerivative double[] x, @NoDerivative double[] d) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                double r = Math.sqrt((x[i] - p[0]) * (x[i] - p[0]) + p[1] * p[1]) / d[i] - 1;
                s += r * r;
            }
            return s;
        }
        """;
    // p = (0, 3): distances 5, 3, 5 for x = -4, 0, 4, so every residual vanishes (exact integers)
    assertHessian(
        src,
        new Object[] {new double[] {0, 3}, new double[] {-4, 0, 4}, new double[] {5, 3, 5}},
        null);
  }

  @Test
  void scalarResidualsOfAnArrayLoopAtTheirRoots() {
    String src =
        """
        static double loss(double a, double b, @NoDerivative double[] x, @NoDerivative double[] y) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                double r = Math.log(a * x[i] + b) - y[i];
                s += r * r;
            }
            return s;
        }
        """;
    // a = 1, b = 1: a x + b = e^y exactly at x = 0 (y = 0); the other residuals do not vanish
    assertHessian(
        src, new Object[] {1.0, 1.0, new double[] {0, 1, 3}, new double[] {0, 0.5, 1}}, null);
  }

  @Test
  void residualsKeptInALocalArray() {
    String src =
        """
        static double loss(double[] p) {
            double[] r = new double[2];
            r[0] += p[0] / p[1];
            r[0] -= 1;
            r[1] = Math.log(p[0] * p[1]);
            return r[0] * r[0] + r[1] * r[1];
        }
        """;
    // r = 0 at p = (1, 1): H = 2 (∇r0 ∇r0ᵀ + ∇r1 ∇r1ᵀ) with ∇r0 = (1, -1), ∇r1 = (1, 1)
    assertHessian(src, new Object[] {new double[] {1, 1}}, new double[][] {{4, 0}, {0, 4}});
  }

  @Test
  void powerWithAZeroExponent() {
    String src =
        """
        static double f(double x, double y) {
            return Math.pow(x, y);
        }
        """;
    // f_xx = y(y-1)x^(y-2) = 0, f_xy = x^(y-1)(1 + y ln x) = 1/2, f_yy = x^y ln²x = ln²2
    double ln2 = Math.log(2);
    assertHessian(src, new Object[] {2.0, 0.0}, new double[][] {{0, 0.5}, {0.5, ln2 * ln2}});
    assertHessian(src, new Object[] {2.0, 1.0}, null);
    // at the base 0: f_uu = w(w-1)u^(w-2), f_uw = u^(w-1)(1 + w ln u) → 0, f_ww = u^w ln²u → 0
    assertHessian(src, new Object[] {0.0, 2.0}, new double[][] {{2, 0}, {0, 0}});
    assertHessian(src, new Object[] {0.0, 3.0}, new double[][] {{0, 0}, {0, 0}});
    assertHessian(src, new Object[] {3.0, 2.0}, null);
  }

  @Test
  void aBranchNotTakenStaysZero() {
    String src =
        """
        static double f(double x) {
            double l = Math.log(x);
            return x > 0 ? l * l : x * x;
        }
        """;
    // at x = 0 the log is -inf but unused: f = x², so f' = 0 and f'' = 2, with no NaN
    Lowered lowered = Sources.lower(src);
    assertArrayEquals(new double[] {0}, gradient(lowered, new Object[] {0.0}));
    assertArrayEquals(new double[][] {{2}}, hessian(lowered, new Object[] {0.0}));
    assertArrayEquals(
        new double[] {2}, hessianVector(lowered, new Object[] {0.0}, new double[] {1}));
  }

  @Test
  void theGradientOfSecondOrderMethodsKeepsTheGuardConvention() {
    String src =
        """
        static double f(double x, double y) {
            return x * Math.sqrt(y);
        }
        """;
    // at x = 0, y = 0 the adjoint of sqrt is zero: the gradient is (sqrt(0), 0) = (0, 0) by the
    // guard
    // convention in every generated method, never 0 * inf = NaN
    Lowered lowered = Sources.lower(src);
    Object[] at = {0.0, 0.0};
    double[] g = gradient(lowered, at);
    assertArrayEquals(new double[] {0, 0}, g);
    double[] hg = new double[2];
    Interpreter.run(unrolledHessian(lowered), append(append(copy(at), hg), new double[2][2]));
    assertArrayEquals(g, hg);
    double[] vg = new double[2];
    Interpreter.run(
        hessianVectorFunction(lowered),
        append(append(append(copy(at), vg), new double[] {1, 1}), new double[2]));
    assertArrayEquals(g, vg);
  }

  /**
   * Checks the Hessian at {@code at} in all three forms against {@code expected} (when given) and
   * against central differences of the gradient.
   */
  private static void assertHessian(String src, Object[] at, double[][] expected) {
    Lowered lowered = Sources.lower(src);
    double[][] h = hessian(lowered, at);
    int n = h.length;
    double[][] fd = gradientDifferences(lowered, at, n);
    for (int k = 0; k < n; k++) {
      double[] unit = new double[n];
      unit[k] = 1;
      double[] hv = hessianVector(lowered, at, unit);
      double[] row = rowHessian(lowered, at, k, n);
      for (int j = 0; j < n; j++) {
        double scale = Math.max(1, Math.abs(Double.isFinite(fd[k][j]) ? fd[k][j] : h[k][j]));
        // differences are NaN where a step leaves the domain (a log at 0): the exact values decide
        // there
        if (Double.isFinite(fd[k][j]) && !(Math.abs(h[k][j] - fd[k][j]) <= 1e-6 * scale)) {
          fail(
              "Hessian["
                  + k
                  + "]["
                  + j
                  + "] = "
                  + h[k][j]
                  + " but differences of the gradient give "
                  + fd[k][j]);
        }
        assertEquals(h[k][j], hv[j], 1e-12 * scale, "Hessian-vector product, row " + k);
        assertEquals(h[k][j], row[j], 1e-12 * scale, "row Hessian, row " + k);
        if (expected != null) {
          assertEquals(
              expected[k][j],
              h[k][j],
              1e-12 * Math.max(1, Math.abs(expected[k][j])),
              "exact Hessian[" + k + "][" + j + "]");
        }
      }
    }
  }

  private static double[] gradient(Lowered l, Object[] at) {
    Function g = Pipeline.gradient(l.function(), l.wrt());
    double[] out = new double[GradientOracle.flatSize(at, l.wrt(), l.function().params())];
    Interpreter.run(g, append(copy(at), out));
    return out;
  }

  private static double[][] gradientDifferences(Lowered l, Object[] at, int n) {
    double[][] out = new double[n][];
    for (int k = 0; k < n; k++) {
      double[] unit = new double[n];
      unit[k] = 1;
      out[k] =
          Differences.along(
              x -> gradient(l, x),
              at,
              GradientOracle.positions(l.wrt(), l.function().params()),
              unit,
              1e-5);
    }
    return out;
  }

  private static Function hessianVectorFunction(Lowered l) {
    return Pipeline.hessianVector(l.function(), l.wrt());
  }

  private static Function unrolledHessian(Lowered l) {
    Function f = Pipeline.hessian(l.function(), l.wrt(), hessianVectorFunction(l));
    assertEquals(
        Type.DOUBLE_MATRIX, f.params().get(f.params().size() - 1).type(), "unrolled form expected");
    return f;
  }

  private static double[] hessianVector(Lowered l, Object[] at, double[] v) {
    double[] hv = new double[v.length];
    Interpreter.run(
        hessianVectorFunction(l),
        append(append(append(copy(at), new double[v.length]), v.clone()), hv));
    return hv;
  }

  /** The full Hessian: unrolled when the method has scalar inputs only, else row by row. */
  private static double[][] hessian(Lowered l, Object[] at) {
    int n = GradientOracle.flatSize(at, l.wrt(), l.function().params());
    if (!Hessians.unrolled(l.wrt())) {
      double[][] h = new double[n][];
      for (int k = 0; k < n; k++) {
        h[k] = rowHessian(l, at, k, n);
      }
      return h;
    }
    double[][] h = new double[n][n];
    Interpreter.run(unrolledHessian(l), append(append(copy(at), new double[n]), h));
    return h;
  }

  /** Row k of the Hessian through the row method, which the full Hessian uses for array inputs. */
  private static double[] rowHessian(Lowered l, Object[] at, int k, int n) {
    Function row = Hessians.row(hessianVectorFunction(l), l.wrt());
    double[] out = new double[n];
    try {
      Interpreter.run(row, append(append(append(copy(at), k), new double[n]), out));
    } catch (RuntimeException e) {
      throw new AssertionError(Printer.function(row), e);
    }
    return out;
  }
}
