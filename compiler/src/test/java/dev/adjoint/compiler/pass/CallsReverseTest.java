package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.checkWith;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.testing.Sources;
import org.junit.jupiter.api.Test;

/** Calls of the user's own methods (inlined), in reverse mode, against central differences. */
class CallsReverseTest {
  private static final String SIGMOID =
      """
      static double sigmoid(double z) {
          return 1 / (1 + Math.exp(-z));
      }
      """;

  @Test
  void scalarHelper() {
    checkWith(
        """
        static double logistic(double w, double b, @NoDerivative double[] x, @NoDerivative double[] y) {
            double loss = 0;
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(w * x[i] + b);
                loss -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
            }
            return loss;
        }
        """,
        r ->
            new Object[] {
              uniform(r, -1, 1),
              uniform(r, -1, 1),
              vector(r, 8, -2, 2),
              new double[] {0, 1, 1, 0, 1, 0, 0, 1}
            },
        SIGMOID);
  }

  @Test
  void procedureWritingArrayArgument() {
    checkWith(
        """
        static double simulate(double k, @NoDerivative int steps) {
            double[] state = {1.0, 0.0};
            double energy = 0;
            for (int t = 0; t < steps; t++) {
                step(state, k, 0.05);
                energy += state[0] * state[0];
            }
            return energy;
        }
        """,
        r -> new Object[] {uniform(r, 1, 2), 10},
        """
        static void step(double[] s, double k, double dt) {
            double a = -k * s[0];
            s[0] += dt * s[1];
            s[1] += dt * a;
        }
        """);
  }

  @Test
  void calleeReturningArrayAndNestedCalls() {
    checkWith(
        """
        static double f(double[] w, double[] x) {
            double[] h = affine(w, x, 0.5);
            return dot(h, h) + square(dot(w, x));
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1), vector(r, 3, -1, 1)},
        """
        static double[] affine(double[] w, double[] x, double b) {
            double[] out = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                out[i] = square(w[i]) * x[i] + b;
            }
            return out;
        }
        """,
        """
        static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) s += a[i] * b[i];
            return s;
        }
        """,
        """
        static double square(double v) {
            return v * v;
        }
        """);
  }

  @Test
  void calleeWithEarlyReturnAndReassignedParameter() {
    checkWith(
        """
        static double f(double x, double y) {
            return huber(x - y, 0.5) + huber(2 * x, 1.0);
        }
        """,
        r -> new Object[] {uniform(r, -2, 2), uniform(r, -2, 2)},
        """
        static double huber(double r, double delta) {
            r = Math.abs(r);
            if (r <= delta) return 0.5 * r * r;
            return delta * (r - 0.5 * delta);
        }
        """);
  }

  @Test
  void stopGradientIsAConstant() {
    Lowered l =
        Sources.lower(
            """
        static double f(double x) {
            return x * Adjoint.stopGradient(x * x);
        }
        """);
    double[] g = new double[1];
    dev.adjoint.compiler.ir.Interpreter.run(Pipeline.gradient(l.function(), l.wrt()), 3.0, g);
    assertEquals(9.0, g[0], 1e-12);
  }

  @Test
  void missingSourceIsReported() {
    Lowered missing =
        Sources.lowerRaw(
            """
        static double f(double x) {
            return Special.erf(x);
        }
        """);
    assertTrue(
        missing.diagnostics().all().stream()
            .anyMatch(
                d ->
                    d.code() == DiagnosticCode.AD301
                        && d.message().contains("Special.erf")
                        && d.message().contains("stopGradient")),
        missing.diagnostics().all().toString());
  }

  @Test
  void arraysCreatedInsideExpressions() {
    checkWith(
        """
        static double f(double a, double b) {
            double[] s = {a, b};
            for (int k = 0; k < 3; k++) {
                double[] d = rate(new double[] {s[0], s[1]}, a);
                s[0] += 0.1 * d[0];
                s[1] += 0.1 * d[1];
            }
            return total(new double[] {s[0], s[1] * b});
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), uniform(r, 0.5, 1.5)},
        """
        static double[] rate(double[] s, double k) {
            return new double[] {-k * s[1], k * s[0] * s[1]};
        }
        """,
        """
        static double total(double[] v) {
            return v[0] * v[0] + v[1];
        }
        """);
  }

  @Test
  void helperWithWhileAndDoLoopsInlinedTwice() {
    checkWith(
        """
        static double f(double t) {
            return hWhile(t) + hWhile(t) + hDo(t * 0.5) + hDo(t);
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5)},
        """
        static double hWhile(double t) {
            double s = t;
            int k = 0;
            while (k < 3) {
                s *= t;
                k = k + 1;
            }
            return s;
        }
        """,
        """
        static double hDo(double t) {
            double s = t;
            int k = 0;
            do {
                s = s * t;
                k++;
            } while (k < 3);
            return s;
        }
        """);
  }

  @Test
  void helperReassigningItsParameterInAWhileLoopAndNameClashes() {
    checkWith(
        """
        static double f(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += h(x[i]) * x[i];
            }
            return s + g(s, 4);
        }
        """,
        r -> new Object[] {vector(r, 3, 0.5, 1.5)},
        """
        static double h(double x) {
            while (x < 3.0) {
                x += 1.0;
            }
            return x;
        }
        """,
        """
        static double g(double a, int n) {
            double s = 0;
            for (int i = 0; i + 1 < n; i++) {
                s += a * i;
            }
            return s;
        }
        """);
  }

  @Test
  void helperReturningFromInsideALoopReturnsFromTheHelperOnly() {
    checkWith(
        """
        static double f(double[] x, double t) {
            double s = 0;
            for (int k = 0; k < 2; k++) {
                s += firstAbove(x, t * k);
            }
            return s + firstAbove(x, t) + 10 * firstAbove(x, t);
        }
        """,
        r -> new Object[] {vector(r, 4, -1, 1), uniform(r, -0.5, 0.5)},
        """
        static double firstAbove(double[] x, double t) {
            int i = 0;
            while (i < x.length) {
                if (x[i] > t) {
                    return x[i] * t;
                }
                i++;
            }
            for (int j = 0; j < x.length; j++) {
                if (x[j] < -t) {
                    return x[j];
                }
            }
            return t;
        }
        """);
  }
}
