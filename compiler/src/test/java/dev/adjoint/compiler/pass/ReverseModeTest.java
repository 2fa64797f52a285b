package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Printer;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode on every supported construct, checked by the interpreter against central
 * differences.
 */
class ReverseModeTest {

  @Test
  void sineFitIsOnePassWithoutStorage() {
    Function g =
        check(
            """
        static double loss(double a, double b, double c, double d, @NoDerivative double[] x, @NoDerivative double[] y) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
                sum += (yPred - y[i]) * (yPred - y[i]);
            }
            return sum;
        }
        """,
            r ->
                new Object[] {
                  r.nextGaussian(),
                  r.nextGaussian(),
                  r.nextGaussian(),
                  r.nextGaussian(),
                  vector(r, 50, -3, 3),
                  vector(r, 50, -1, 1)
                });
    String text = Printer.function(g);
    assertFalse(text.contains("new double"), text);
    assertTrue(text.indexOf("for (") == text.lastIndexOf("for ("), "one loop:\n" + text);
  }

  @Test
  void overwrittenCarriedValueIsTaped() {
    Function g =
        check(
            """
        static double power(double x, int n) {
            double t = 1;
            for (int i = 0; i < n; i++) t *= x;
            return t;
        }
        """,
            r -> new Object[] {uniform(r, 0.5, 1.5), 7});
    assertTrue(Printer.function(g).contains("tTape"));
  }

  @Test
  void hornerWithArrayGradient() {
    check(
        """
        static double horner(double[] c, double x) {
            double p = 0;
            for (int i = c.length - 1; i >= 0; i--) p = p * x + c[i];
            return p;
        }
        """,
        r -> new Object[] {vector(r, 6, -1, 1), uniform(r, -2, 2)});
  }

  @Test
  void branchesAndEarlyReturns() {
    String src =
        """
        static double branchy(double x, double y) {
            if (x > y) {
                return Math.sin(x) * y;
            } else if (x < 0) {
                return x * x;
            }
            double z = Math.exp(-x * y);
            return z + Math.max(x, y);
        }
        """;
    check(src, r -> new Object[] {uniform(r, -2, 2), uniform(r, -2, 2)});
  }

  @Test
  void earlyReturnWithoutElse() {
    check(
        """
        static double f(double x, double y) {
            if (x < 0) return -x * y;
            double s = x * y;
            if (s > 1) {
                s = Math.log(s);
            }
            return s * s + y;
        }
        """,
        r -> new Object[] {uniform(r, -2, 2), uniform(r, 0.1, 3)});
  }

  @Test
  void nestedLoops() {
    check(
        """
        static double f(double a, double[] w, @NoDerivative double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    s += Math.sin(x[i] * w[j]) * a;
                }
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, -1, 1), vector(r, 3, -1, 1), vector(r, 4, -1, 1)});
  }

  @Test
  void nestedLoopsWithCarriedStateAtBothLevels() {
    check(
        """
        static double f(double a, @NoDerivative double[] x) {
            double p = 1;
            for (int i = 0; i < 3; i++) {
                double q = 0;
                for (int j = 0; j < x.length; j++) {
                    q = q * a + x[j];
                }
                p = p * q;
            }
            return p;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.2), vector(r, 4, 0.5, 1)});
  }

  @Test
  void branchInsideLoop() {
    check(
        """
        static double f(double a, @NoDerivative double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] > a) {
                    s += (x[i] - a) * (x[i] - a);
                } else {
                    s += a * x[i];
                }
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, -0.5, 0.5), vector(r, 20, -1, 1)});
  }

  @Test
  void recurrentStateWithTemporaries() {
    check(
        """
        static double rnn(double w, double u, @NoDerivative double[] x) {
            double h = 0;
            for (int t = 0; t < x.length; t++) {
                double z = w * h + u * x[t];
                h = Math.tanh(z);
            }
            return h * h;
        }
        """,
        r -> new Object[] {uniform(r, -1, 1), uniform(r, -1, 1), vector(r, 8, -1, 1)});
  }

  @Test
  void branchModifyingCarriedStateInsideLoop() {
    check(
        """
        static double f(double a, int n) {
            double t = 3;
            for (int i = 0; i < n; i++) {
                if (t > 1) {
                    t = t / 2 + a;
                } else {
                    t = t * a * 3;
                }
            }
            return t;
        }
        """,
        r -> new Object[] {uniform(r, 0.3, 0.9), 6});
  }

  @Test
  void straightLineOverwrites() {
    check(
        """
        static double f(double x, double y) {
            double t = x * y;
            t = Math.sin(t) + t;
            t = t * t;
            x = x * 2;
            return t + x * y;
        }
        """,
        r -> new Object[] {uniform(r, -1, 1), uniform(r, -1, 1)});
  }

  @Test
  void ternariesAndCompoundAssignments() {
    check(
        """
        static double f(double x, double y) {
            var t = x > 0 ? x * x : -x * y;
            t -= y;
            t *= x;
            t /= (1 + y * y);
            double k = y;
            k++;
            return t + (k > 1 ? k : 1);
        }
        """,
        r -> new Object[] {uniform(r, -1, 1), uniform(r, -1, 1)});
  }

  @Test
  void everyMathFunction() {
    check(
        """
        static double f(double x, double y) {
            double s = Math.sin(x) + Math.cos(y) + Math.tan(x * 0.5) + Math.asin(x * 0.3) + Math.acos(y * 0.3);
            s += Math.atan(x) + Math.atan2(y, x + 2) + Math.sinh(x) + Math.cosh(y) + Math.tanh(x * y);
            s += Math.exp(x) + Math.expm1(y) + Math.log(x + 3) + Math.log10(y + 3) + Math.log1p(x + 1);
            s += Math.sqrt(x + 2) + Math.cbrt(y + 3) + Math.pow(x + 2, y) + Math.pow(y, 3) + Math.pow(x, 2);
            s += Math.hypot(x, y) + Math.abs(x) + Math.min(x, y * 2) + Math.max(x, y * 3);
            s += Math.floor(x) + Math.ceil(y) + Math.rint(x) + Math.signum(y) + Math.toRadians(x) + Math.toDegrees(y);
            s += StrictMath.sin(y) * StrictMath.exp(x) + Math.PI * x + Math.E;
            s += Math.pow(x + 2, 0.5) + Math.pow(y + 2, -1.5);
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.1, 0.9), uniform(r, 0.1, 0.9)});
  }

  @Test
  void integerArithmeticAndCasts() {
    check(
        """
        static double mse(double a, @NoDerivative double[] x) {
            int n = x.length;
            long m = n * 2L;
            double s = 0;
            for (int i = 0; i < n; i += 2) {
                int k = i / 2;
                s += (a * x[i] - k) * (a * x[i] - k);
            }
            return s / (double) n + a * (m % 3) + (int) (a * 10) * 0.0;
        }
        """,
        r -> new Object[] {uniform(r, 0.1, 0.9), vector(r, 9, -1, 1)});
  }

  @Test
  void loopShapes() {
    check(
        """
        static double f(double a, double[] x) {
            double s = 0;
            for (int i = 0; i <= x.length - 1; i += 3) s += x[i] * a;
            for (int i = x.length - 1; i >= 0; i -= 2) s = s * 0.5 + x[i] * x[i];
            for (int i = x.length; i > 0; i--) s += a * x[i - 1];
            for (long i = 0; i < 4; i++) s += a * i;
            for (int i = 5; i < 2; i++) s += 1000 * a;
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.1, 0.9), vector(r, 7, -1, 1)});
  }

  @Test
  void loopStartReadsVariableTheBodyWrites() {
    check(
        """
        static double f(double a, int n) {
            int k = 1;
            double t = a;
            for (int i = k; i < n; i++) {
                k = k + 2;
                t = t * a + k;
            }
            return t;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), 5});
  }

  @Test
  void rosenbrock() {
    check(
        """
        static double rosenbrock(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length - 1; i++) {
                double a = x[i + 1] - x[i] * x[i];
                double b = 1 - x[i];
                s += 100 * a * a + b * b;
            }
            return s;
        }
        """,
        r -> new Object[] {vector(r, 10, -2, 2)},
        1e-5);
  }

  @Test
  void enhancedForAndNonFusableReduction() {
    check(
        """
        static double norm(double a, double[] x) {
            double s = 0;
            for (double v : x) {
                s += v * v * a;
            }
            return Math.sqrt(s);
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), vector(r, 5, -1, 1)});
  }

  @Test
  void meanSquaredErrorFusesWithItsSeed() {
    Function g =
        check(
            """
        static double mse(double w, double b, @NoDerivative double[] x, @NoDerivative double[] y) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                double r = w * x[i] + b - y[i];
                s += r * r;
            }
            return s / x.length;
        }
        """,
            r ->
                new Object[] {
                  uniform(r, -1, 1), uniform(r, -1, 1), vector(r, 10, -1, 1), vector(r, 10, -1, 1)
                });
    String text = Printer.function(g);
    assertTrue(text.indexOf("for (") == text.lastIndexOf("for ("), "one loop:\n" + text);
  }

  @Test
  void unusedParameterGetsZero() {
    check(
        """
        static double f(double x, double unused) {
            double u = Math.sqrt(unused);
            return x * x;
        }
        """,
        r -> new Object[] {uniform(r, -1, 1), 0.0});
  }

  @Test
  void zeroTripLoop() {
    check(
        """
        static double f(double a, @NoDerivative double[] x) {
            double t = a;
            for (int i = 0; i < x.length; i++) t = t * x[i];
            return t;
        }
        """,
        r -> new Object[] {uniform(r, -1, 1), new double[0]});
  }

  @Test
  void nestedBlocksRedeclaringNames() {
    check(
        """
        static double f(double x) {
            double s = 0;
            {
                double t = x * 2;
                s += t;
            }
            {
                double t = x * x;
                s += t;
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, -1, 1)});
  }
}
