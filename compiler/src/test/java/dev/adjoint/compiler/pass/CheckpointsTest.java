package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.append;
import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.copy;
import static dev.adjoint.compiler.pass.GradientOracle.flatSize;
import static dev.adjoint.compiler.pass.GradientOracle.gradientAt;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Verifier;
import dev.adjoint.compiler.testing.Sources;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable(checkpoints = N)}: the gradient and the Hessian-vector product of every
 * loop reversed from at most N snapshots equal those of full storage (to rounding order, 1e-12
 * relative), for N from 1 to more than the trip count and trip counts 0, 1, 2 and more; full
 * storage is itself checked against central differences and forward mode by the oracle.
 */
class CheckpointsTest {
  private static final int[] SNAPSHOTS = {1, 2, 3, 4, 7, 64};
  private static final int[] TRIPS = {0, 1, 2, 3, 10, 37};

  @Test
  void diffusionOverArrays() {
    agree(
        """
        static double f(double[] u0, double kappa, @NoDerivative int steps) {
            int n = u0.length;
            double[] u = u0.clone();
            double[] next = new double[n];
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < n; i++) {
                    double left = u[i == 0 ? n - 1 : i - 1];
                    double right = u[i == n - 1 ? 0 : i + 1];
                    next[i] = u[i] + kappa * (left - 2 * u[i] + right) + 0.01 * Math.sin(u[i]);
                }
                for (int i = 0; i < n; i++) {
                    u[i] = next[i];
                }
            }
            double e = 0;
            for (int i = 0; i < n; i++) {
                e += u[i] * u[i];
            }
            return e;
        }
        """,
        steps -> r -> new Object[] {vector(r, 4, -1, 1), uniform(r, 0.1, 0.3), steps});
  }

  @Test
  void scalarOscillatorWithAnAccumulatedLoss() {
    agree(
        """
        static double f(double k, double c, @NoDerivative int steps) {
            double x = 1, v = 0, loss = 0;
            double dt = 0.05;
            for (int s = 0; s < steps; s++) {
                double a = -k * x - c * v * Math.abs(v);
                v = v + dt * a;
                x = x + dt * v;
                loss += (x - Math.cos(0.1 * s)) * (x - Math.cos(0.1 * s));
            }
            return loss + x * v;
        }
        """,
        steps -> r -> new Object[] {uniform(r, 0.5, 2), uniform(r, 0.1, 0.5), steps});
  }

  @Test
  void whileLoopWhoseCountIsKnownOnlyAtItsEnd() {
    agree(
        """
        static double f(double a, double b, @NoDerivative int steps) {
            double x = a;
            int k = 0;
            while (k < steps) {
                if (x > 1) {
                    x = x * 0.5 + b;
                } else {
                    x = Math.sin(x) * b + x * x;
                }
                k++;
            }
            return x;
        }
        """,
        steps -> r -> new Object[] {uniform(r, 0.2, 0.9), uniform(r, 0.3, 0.8), steps});
  }

  @Test
  void matrixStateAndPartialWrites() {
    agree(
        """
        static double f(double[][] m, double w, @NoDerivative int steps) {
            double[][] a = new double[m.length][m[0].length];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[0].length; j++) {
                    a[i][j] = m[i][j];
                }
            }
            for (int s = 0; s < steps; s++) {
                int r = s % a.length;
                for (int j = 0; j < m[0].length; j++) {
                    a[r][j] = Math.tanh(w * a[r][j] + a[(r + 1) % a.length][j]);
                }
            }
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < m[0].length; j++) {
                    sum += a[i][j] * a[i][j];
                }
            }
            return sum;
        }
        """,
        steps ->
            r ->
                new Object[] {
                  new double[][] {vector(r, 2, -1, 1), vector(r, 2, -1, 1), vector(r, 2, -1, 1)},
                  uniform(r, 0.5, 1.5),
                  steps
                });
  }

  @Test
  void nestedLoopsWithCarriedSumsAndTapedCalls() {
    agree(
        """
        static double f(double[] w, @NoDerivative double[] x, @NoDerivative int steps) {
            double h = 0.5;
            for (int s = 0; s < steps; s++) {
                double z = 0;
                for (int j = 0; j < w.length; j++) {
                    z += w[j] * x[j] * h;
                }
                h = Math.tanh(z) + 0.1 * h;
            }
            return h * h;
        }
        """,
        steps -> r -> new Object[] {vector(r, 3, -1, 1), vector(r, 3, -1, 1), steps});
  }

  @Test
  void checkpointedStorageIsBoundedByTheSnapshots() {
    Lowered l =
        Sources.lower(
            """
            static double f(double[] u0, @NoDerivative int steps) {
                double[] u = u0.clone();
                for (int s = 0; s < steps; s++) {
                    for (int i = 0; i < u.length; i++) {
                        u[i] = Math.sin(u[i]) + 0.5 * u[(i + 1) % u.length];
                    }
                }
                return u[0];
            }
            """);
    String text = Printer.function(Pipeline.gradient(l.function(), l.wrt(), 8));
    assertTrue(text.contains("new double[8 * u.length]"), text);
    assertFalse(text.contains("steps) * u.length"), "no storage sized by the trip count\n" + text);
    // the inner loop keeps its element stack: one step's writes, reset for every step
    assertFalse(text.substring(text.indexOf("while (checkpointTop")).contains("new "), text);
  }

  /** Checks full storage by the oracle, then every N against it, at every trip count. */
  private static void agree(String source, IntFunction<GradientOracle.Args> args) {
    Lowered l = Sources.lower(source);
    Function full = Pipeline.gradient(l.function(), l.wrt());
    Function fullHv = Pipeline.hessianVector(l.function(), l.wrt());
    for (int steps : TRIPS) {
      check(source, args.apply(steps));
      Object[] a = args.apply(steps).make(new Random(7 + steps));
      double[] expected = gradientAt(full, a, l.wrt(), l.function());
      double[] v = new double[expected.length];
      Random random = new Random(11);
      for (int k = 0; k < v.length; k++) {
        v[k] = random.nextGaussian();
      }
      double[] expectedHv = hessianVector(fullHv, a, v);
      for (int n : SNAPSHOTS) {
        Function g = Pipeline.gradient(l.function(), l.wrt(), n);
        Verifier.check(g);
        Function hv = Pipeline.hessianVector(l.function(), l.wrt(), n);
        Verifier.check(hv);
        double[] actual = gradientAt(g, a, l.wrt(), l.function());
        same(expected, actual, "gradient, N = " + n + ", steps = " + steps, g);
        same(expectedHv, hessianVector(hv, a, v), "Hessian-vector, N = " + n, hv);
        assertEquals(
            (double) Interpreter.run(Map.of(), l.function(), copy(a)),
            (double)
                Interpreter.run(
                    Map.of(),
                    g,
                    append(copy(a), new double[flatSize(a, l.wrt(), l.function().params())])),
            0.0,
            "value");
      }
    }
  }

  private static double[] hessianVector(Function hv, Object[] a, double[] v) {
    double[] g = new double[v.length];
    double[] out = new double[v.length];
    Interpreter.run(Map.of(), hv, append(append(append(copy(a), g), v.clone()), out));
    return out;
  }

  private static void same(double[] expected, double[] actual, String what, Function f) {
    for (int k = 0; k < expected.length; k++) {
      double scale = Math.max(1e-300, Math.max(Math.abs(expected[k]), Math.abs(actual[k])));
      if (!(Math.abs(expected[k] - actual[k]) <= 1e-12 * scale)
          && !(Double.isNaN(expected[k]) && Double.isNaN(actual[k]))) {
        fail(
            what
                + ": ["
                + k
                + "] = "
                + actual[k]
                + ", full storage gives "
                + expected[k]
                + "\n"
                + Printer.function(f));
      }
    }
  }
}
