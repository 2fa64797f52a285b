package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.checkWith;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;

import org.junit.jupiter.api.Test;

/**
 * Array variables that exchange arrays (double buffers, rotations, conditional swaps), lowered to
 * rows of one matrix and int slots: every mode against central differences, the dot-product test
 * and the Hessian checks of {@link GradientOracle}.
 */
class BufferSwapTest {

  private static final String HEAT =
      """
      static double f(double[] u0, double alpha, @NoDerivative int steps) {
          int n = u0.length;
          double[] cur = u0.clone();
          double[] nxt = new double[n];
          for (int k = 0; k < steps; k++) {
              for (int i = 0; i < n; i++) {
                  double left = cur[(i + n - 1) % n];
                  double right = cur[(i + 1) % n];
                  nxt[i] = cur[i] + alpha * (left - 2 * cur[i] + right) + 0.05 * Math.sin(cur[i]);
              }
              double[] t = cur;
              cur = nxt;
              nxt = t;
          }
          double s = 0;
          for (double v : cur) {
              s += v * v;
          }
          return s;
      }
      """;

  @Test
  void doubleBufferInATimeSteppingLoop() {
    check(HEAT, r -> new Object[] {vector(r, 5, -1, 1), uniform(r, 0.05, 0.2), 6});
  }

  @Test
  void doubleBufferAtExactZeros() {
    check(HEAT, r -> new Object[] {new double[5], 0.0, 3});
    check(HEAT, r -> new Object[] {vector(r, 4, -1, 1), 0.1, 0});
  }

  @Test
  void threeBuffersRotate() {
    check(
        """
        static double f(double[] x, @NoDerivative int steps) {
            double[] a = x.clone();
            double[] b = new double[x.length];
            double[] c = new double[x.length];
            for (int k = 0; k < steps; k++) {
                for (int i = 0; i < a.length; i++) {
                    c[i] = a[i] * b[i] + Math.cos(a[i]) - 0.5 * b[i];
                }
                double[] t = a;
                a = b;
                b = c;
                c = t;
            }
            return a[0] * b[1] + c[a.length - 1];
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1), 5});
  }

  @Test
  void parameterArrayJoinsTheSwap() {
    check(
        """
        static double f(double[] u, double w, @NoDerivative int steps) {
            double[] cur = u;
            double[] nxt = new double[u.length];
            for (int k = 0; k < steps; k++) {
                for (int i = 0; i < cur.length; i++) {
                    nxt[i] = w * cur[i] * cur[i] - cur[(i + 1) % cur.length];
                }
                cur[0] = cur[0] * w;
                double[] t = nxt;
                nxt = cur;
                cur = t;
            }
            return cur[0] + 2 * nxt[1] + u[0] * u[1];
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1), uniform(r, 0.5, 1.0), 4});
  }

  @Test
  void conditionalSwapAndASwapThroughADeclarationInTheLoop() {
    check(
        """
        static double f(double[] x, double a) {
            double[] p = x.clone();
            double[] q = new double[x.length];
            for (int k = 0; k < 5; k++) {
                for (int i = 0; i < p.length; i++) {
                    q[i] = Math.tanh(a * p[i] + q[i]);
                }
                if (q[0] > p[0]) {
                    double[] swap = p;
                    p = q;
                    q = swap;
                }
            }
            return p[0] - q[0] * p[1];
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1), uniform(r, -2, 2)});
  }

  @Test
  void buffersPassedToAHelper() {
    checkWith(
        """
        static double f(double[] x, double nu, @NoDerivative int steps) {
            double[] cur = x.clone();
            double[] nxt = new double[x.length];
            for (int k = 0; k < steps; k++) {
                step(cur, nxt, nu);
                double[] t = cur;
                cur = nxt;
                nxt = t;
            }
            return total(cur);
        }
        """,
        r -> new Object[] {vector(r, 4, -1, 1), uniform(r, 0.1, 0.3), 3},
        """
        static void step(double[] from, double[] to, double nu) {
            for (int i = 1; i < from.length - 1; i++) {
                to[i] = from[i] + nu * (from[i - 1] - 2 * from[i] + from[i + 1]);
            }
            to[0] = from[0];
            to[from.length - 1] = from[from.length - 1] * from[0];
        }
        """,
        """
        static double total(double[] v) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += v[i] * v[i] * (i + 1);
            }
            return s;
        }
        """);
  }

  @Test
  void aNewArrayPerStepHandedOver() {
    check(
        """
        static double f(double[] x, double a, @NoDerivative int steps) {
            double[] u = x.clone();
            for (int k = 0; k < steps; k++) {
                double[] next = new double[u.length];
                for (int i = 0; i < u.length; i++) {
                    next[i] = u[i] + a * Math.sin(u[(i + 1) % u.length]);
                }
                u = next;
            }
            return u[0] * u[0] + u[u.length - 1];
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1), uniform(r, 0.1, 0.5), 4});
  }

  @Test
  void aLocalTakesAParameterArray() {
    check(
        """
        static double f(double a, double[] u) {
            double[] s = {a, 1};
            s[1] = s[0] * u[0];
            double first = s[1];
            s = u;
            s[0] = s[0] * a;
            return s[0] * a + u[1] * first + u[0];
        }
        """,
        r -> new Object[] {uniform(r, -1, 1), vector(r, 2, -1, 1)});
  }
}
