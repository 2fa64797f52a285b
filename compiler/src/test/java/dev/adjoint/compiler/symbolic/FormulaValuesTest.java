package dev.adjoint.compiler.symbolic;

import static dev.adjoint.compiler.symbolic.FormulaOracle.check;
import static dev.adjoint.compiler.testing.Points.u;
import static dev.adjoint.compiler.testing.Points.vector;

import org.junit.jupiter.api.Test;

/**
 * Every formula agrees with the gradient the passes compute for the same method, evaluated by the
 * interpreter at random points and at awkward ones (zeros, negative values, empty data): a wrong
 * formula would be a wrong derivative to its reader.
 */
class FormulaValuesTest {
  private static final String SEED =
      """
      static double loss(double a, double b, double c, double d,
          @NoDerivative double[] x, @NoDerivative double[] y) {
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
              double r = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d - y[i];
              loss += r * r;
          }
          return loss;
      }
      """;

  @Test
  void polynomialAndSine() {
    check(
        "static double f(double a, double b) { return a * a * b + Math.sin(b); }",
        2,
        r -> new Object[] {u(r, -3, 3), u(r, -3, 3)},
        new Object[] {0.0, 0.0},
        new Object[] {-1.5, 0.0},
        new Object[] {0.0, -2.0});
  }

  @Test
  void cubicFitLossIsASumOverTheLoop() {
    check(
        SEED,
        4,
        r ->
            new Object[] {
              u(r, -2, 2),
              u(r, -2, 2),
              u(r, -2, 2),
              u(r, -2, 2),
              vector(r, 5, -2, 2),
              vector(r, 5, -2, 2)
            },
        new Object[] {0.0, 0.0, 0.0, 0.0, new double[] {0, -1, 2}, new double[] {0, 0, -3}},
        new Object[] {1.0, -1.0, 0.5, -2.0, new double[0], new double[0]});
  }

  @Test
  void sineFitLossWithAHalf() {
    check(
        """
        static double fit(double a, double w, double p, @NoDerivative double[] t,
            @NoDerivative double[] y) {
            double s = 0;
            for (int i = 0; i < t.length; i++) {
                double e = a * Math.sin(w * t[i] + p) - y[i];
                s += 0.5 * e * e;
            }
            return s;
        }
        """,
        3,
        r ->
            new Object[] {
              u(r, -2, 2), u(r, -2, 2), u(r, -2, 2), vector(r, 4, -3, 3), vector(r, 4, -1, 1)
            },
        new Object[] {0.0, 0.0, 0.0, new double[] {0, 1}, new double[] {0, -1}});
  }

  @Test
  void exponentialsLogarithmsRootsAndQuotients() {
    check(
        """
        static double g(double a, double b) {
            return Math.exp(a * b) - Math.log(a) + Math.sqrt(a * a + b * b) * Math.tanh(b / a)
                + Math.pow(a, 2.5) / b + 1 / (a * b);
        }
        """,
        2,
        r -> new Object[] {u(r, 0.25, 2), (r.nextBoolean() ? 1 : -1) * u(r, 0.25, 2)},
        new Object[] {1.0, -1.0},
        new Object[] {0.5, 3.0});
  }

  @Test
  void theOtherFunctions() {
    check(
        """
        static double h(double x, double y) {
            return Math.tan(x) + Math.asin(x / 2) - Math.acos(y / 3) + Math.atan(x * y)
                + Math.atan2(y, 2 + x * x) + Math.sinh(x) * Math.cosh(y) + Math.expm1(-x)
                + Math.log1p(y * y) + Math.log10(2 + x) + Math.cbrt(3 + y) + Math.abs(x) * y
                + Math.fma(x, y, x * x) + StrictMath.sin(y) + Math.floor(y) * x;
        }
        """,
        2,
        r -> new Object[] {u(r, -1, 1), u(r, -1.5, 1.5)},
        new Object[] {-0.5, 0.0},
        new Object[] {0.25, -1.25});
  }

  @Test
  void powersWithConstantExponentOrBase() {
    check(
        """
        static double p(double a, double b) {
            return Math.pow(a, 3) * Math.pow(b, -2) + Math.pow(2, a * b) + Math.pow(a * b, 0)
                + Math.pow(a + b, 1) + Math.pow(b, 0.5);
        }
        """,
        2,
        r -> new Object[] {u(r, -2, 2), u(r, 0.25, 3)},
        new Object[] {0.0, 1.0},
        new Object[] {-1.0, 4.0});
  }

  @Test
  void localsReassignmentsAndParameterWrites() {
    check(
        """
        static double s(double a, double b) {
            double t = a * b;
            t = t + 1;
            double u = Math.pow(t, 3) / b;
            a = a * 2;
            double v = -(-a);
            return u - 2 * v + a * (b - a) - (double) 3;
        }
        """,
        2,
        r -> new Object[] {u(r, -2, 2), u(r, 0.5, 2)},
        new Object[] {0.0, 1.0},
        new Object[] {-1.0, -0.5});
  }

  @Test
  void loopWithATermOutsideIndexArithmeticAndSubtraction() {
    check(
        """
        static double q(double a, double b, @NoDerivative double[] x) {
            double s = a * a;
            double k = 2 * b;
            for (int i = 1; i < x.length; i++) {
                double dx = x[i] - x[i - 1];
                s += a * dx * dx;
                s -= Math.cos(k * i) / (1 + i);
            }
            return s;
        }
        """,
        2,
        r -> new Object[] {u(r, -2, 2), u(r, -2, 2), vector(r, 6, -2, 2)},
        new Object[] {0.0, 0.0, new double[] {1}},
        new Object[] {-1.0, 0.5, new double[] {0, 0, -1}});
  }

  @Test
  void aDifferentiatedArrayIsDataInTheScalarsFormula() {
    check(
        """
        static double k(double[] w, double b) {
            double s = 0;
            for (double v : w) {
                s += v * b * b;
            }
            return s;
        }
        """,
        1,
        r -> new Object[] {vector(r, 3, -2, 2), u(r, -2, 2)},
        new Object[] {new double[] {0, 0}, 0.0});
  }
}
