package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.checkWith;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;

import org.junit.jupiter.api.Test;

/** while, do/while, break, continue (labelled too) and return anywhere, in reverse mode. */
class ControlFlowReverseTest {

  @Test
  void whileWithDataDependentTripCount() {
    check(
        """
        static double f(double x) {
            double t = x;
            int n = 0;
            while (t < 10) {
                t = t * 1.5 + 0.1;
                n++;
            }
            return t * n;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 2)});
  }

  @Test
  void whileWithBreak() {
    check(
        """
        static double newtonSqrt(double a) {
            double x = a;
            for (int i = 0; i < 50; i++) {
                double next = 0.5 * (x + a / x);
                if (Math.abs(next - x) < 1e-12) {
                    break;
                }
                x = next;
            }
            return x;
        }
        """,
        r -> new Object[] {uniform(r, 1, 4)});
  }

  @Test
  void continueSkipsPartOfTheBody() {
    check(
        """
        static double f(double a, @NoDerivative double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] < 0) {
                    continue;
                }
                s += a * x[i] * x[i];
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 2), vector(r, 10, -1, 1)});
  }

  @Test
  void earlyReturnFromNestedLoop() {
    check(
        """
        static double f(double a, @NoDerivative double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    s += a * x[i] * x[j];
                    if (s > 3) {
                        return s * a;
                    }
                }
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 2), vector(r, 6, 0, 1)});
  }

  @Test
  void labelledBreakAndContinue() {
    check(
        """
        static double f(double a, @NoDerivative double[] x) {
            double s = 0;
            outer:
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    if (j > i) {
                        continue outer;
                    }
                    if (x[i] * x[j] > 0.8) {
                        break outer;
                    }
                    s += Math.sin(a * x[i] * x[j]);
                }
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 2), vector(r, 6, 0, 1)});
  }

  @Test
  void sideEffectInLoopCondition() {
    check(
        """
        static double f(double a, int n) {
            double p = 1;
            int k = n;
            while (k-- > 0) {
                p = p * a + k;
            }
            return p;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), 5});
  }

  @Test
  void doWhile() {
    check(
        """
        static double f(double x) {
            double y = x;
            int i = 0;
            do {
                y = Math.sin(y) + x;
                i++;
            } while (i < 4);
            return y;
        }
        """,
        r -> new Object[] {uniform(r, -1, 1)});
  }

  @Test
  void whileLoopUpdatingArrays() {
    check(
        """
        static double f(double a, @NoDerivative double tEnd) {
            double[] s = {1.0, 0.0};
            double t = 0;
            double dt = 0.1;
            while (t < tEnd) {
                double v = s[1];
                s[1] = v - dt * a * s[0];
                s[0] = s[0] + dt * s[1];
                t += dt;
            }
            return s[0] + s[1];
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 2), 1.05});
  }

  @Test
  void earlyReturnInsideCallee() {
    checkWith(
        """
        static double f(double x, @NoDerivative double[] knots) {
            return interpolate(knots, x) * x;
        }
        """,
        r -> new Object[] {uniform(r, 0.1, 0.9), new double[] {0, 0.25, 0.5, 0.75, 1}},
        """
        static double interpolate(double[] knots, double x) {
            for (int i = 0; i + 1 < knots.length; i++) {
                if (x <= knots[i + 1]) {
                    double w = (x - knots[i]) / (knots[i + 1] - knots[i]);
                    return (1 - w) * i * i + w * (i + 1) * (i + 1);
                }
            }
            return 0;
        }
        """);
  }

  @Test
  void nanAndInfinityGuards() {
    check(
        """
        static double f(double w, @NoDerivative double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                double r = Math.log(w * x[i]);
                if (Double.isNaN(r) || Double.isInfinite(r)) {
                    continue;
                }
                s += Double.isFinite(r * r) ? r * r : 0;
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), new double[] {0.5, -1, 2, 0, 1.5}});
  }
}
