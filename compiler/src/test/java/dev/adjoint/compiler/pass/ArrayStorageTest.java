package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Printer;
import org.junit.jupiter.api.Test;

/**
 * How the reverse sweep stores the arrays of time-stepping loops: an array every iteration
 * overwrites before reading it is not stored at all, one it reads and then overwrites whole is
 * copied once per iteration into a tape sized from the trip count, an in-place map {@code a[i] =
 * g(a[i])} is copied once per loop, and only partial writes push elements on stacks. Every case is
 * checked by the oracle (central differences, the uncleaned gradient, forward mode by the
 * dot-product test, Hessian-vector products and the Hessian), at trip counts 0, 1, 2 and more.
 */
class ArrayStorageTest {
  private static final String DIFFUSION =
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
      """;

  @Test
  void diffusionStoresOneStatePerStepAndRecomputesNothing() {
    for (int steps : new int[] {0, 1, 2, 7}) {
      Function g = check(DIFFUSION, r -> new Object[] {vector(r, 5, -1, 1), 0.2, steps});
      String text = Printer.function(g);
      assertTrue(text.contains("uSnapshots[s * u.length + "), text);
      assertFalse(text.contains("Values"), "no element stack\n" + text);
      assertFalse(text.contains("nextSnapshots") || text.contains("nextEntry"), text);
      // the step runs forward once; its reverse reads the stored state instead of recomputing it
      assertEquals(1, count(text, "Math.sin("), text);
      assertEquals(1, count(text, "Math.cos("), text);
    }
  }

  @Test
  void diffusionAtAwkwardPoints() {
    check(DIFFUSION, r -> new Object[] {new double[] {0, 0, 0}, 0.0, 3});
    check(DIFFUSION, r -> new Object[] {new double[] {1, -1, 1, -1}, 0.5, 2});
    check(DIFFUSION, r -> new Object[] {new double[] {2.5}, 0.25, 4});
  }

  @Test
  void rungeKuttaStagesAreNotStoredAndTheStateIsSnapshotted() {
    String source =
        """
        static double f(double[] y0, double a, @NoDerivative int steps, @NoDerivative double h) {
            int n = y0.length;
            double[] y = y0.clone();
            double[] k1 = new double[n];
            double[] k2 = new double[n];
            double[] tmp = new double[n];
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < n; i++) {
                    k1[i] = -a * y[i] * y[i] + y[(i + 1) % n];
                }
                for (int i = 0; i < n; i++) {
                    tmp[i] = y[i] + 0.5 * h * k1[i];
                }
                for (int i = 0; i < n; i++) {
                    k2[i] = -a * tmp[i] * tmp[i] + tmp[(i + 1) % n];
                }
                for (int i = 0; i < n; i++) {
                    y[i] += h * k2[i];
                }
            }
            double e = 0;
            for (int i = 0; i < n; i++) {
                e += y[i] * y[i];
            }
            return e;
        }
        """;
    for (int steps : new int[] {0, 1, 2, 5}) {
      Function g =
          check(source, r -> new Object[] {vector(r, 4, -1, 1), uniform(r, 0.2, 0.8), steps, 0.1});
      String text = Printer.function(g);
      assertTrue(text.contains("ySnapshots"), text);
      assertFalse(text.contains("Values"), "no element stack\n" + text);
      assertFalse(text.contains("k1Snapshots") || text.contains("tmpSnapshots"), text);
    }
  }

  @Test
  void inPlaceMapIsCopiedOncePerLoopNotPushedPerElement() {
    Function g =
        check(
            """
            static double f(double[] x, double c, @NoDerivative int rounds) {
                double[] a = x.clone();
                double s = 0;
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = Math.tanh(c * a[i]) + a[i];
                    }
                    s += a[0] * a[a.length - 1];
                }
                return s;
            }
            """,
            r -> new Object[] {vector(r, 4, -1, 1), uniform(r, 0.5, 1.5), 3});
    String text = Printer.function(g);
    assertFalse(text.contains("aValues"), text);
  }

  @Test
  void partialAndShiftedWritesKeepElementStacks() {
    Function g =
        check(
            """
            static double f(double[] x, @NoDerivative int rounds) {
                double[] a = x.clone();
                for (int r = 0; r < rounds; r++) {
                    for (int i = 1; i < a.length; i++) {
                        a[i] = a[i - 1] * a[i] + Math.sin(a[i]);
                    }
                }
                return a[a.length - 1];
            }
            """,
            r -> new Object[] {vector(r, 4, -1, 1), 3});
    assertTrue(Printer.function(g).contains("aValues"), Printer.function(g));
  }

  @Test
  void arrayOverwrittenInABranchOfTheStepIsStillRestored() {
    check(
        """
        static double f(double[] u0, double c, @NoDerivative int steps) {
            double[] u = u0.clone();
            double[] w = new double[u.length];
            for (int s = 0; s < steps; s++) {
                if (s % 2 == 0) {
                    for (int i = 0; i < u.length; i++) {
                        w[i] = c * u[i] * u[i];
                    }
                }
                for (int i = 0; i < u.length; i++) {
                    u[i] = u[i] + w[i] * 0.1;
                }
            }
            return u[0] + u[u.length - 1] * w[0];
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1), uniform(r, 0.5, 1.5), 4});
  }

  @Test
  void elementStacksInsideAReverseIterationAreAllocatedOnce() {
    Function g =
        check(
            """
            static double f(double[] x, @NoDerivative int rounds) {
                double[] a = x.clone();
                double s = 0;
                for (int r = 0; r < rounds; r++) {
                    for (int i = 1; i < a.length; i++) {
                        a[i] = a[i - 1] * 0.5 + Math.sin(a[i]);
                    }
                    s += a[a.length - 1];
                }
                return s;
            }
            """,
            r -> new Object[] {vector(r, 4, -1, 1), 3});
    String text = Printer.function(g);
    int outerReverse = text.indexOf("for (int r = rounds - 1");
    assertTrue(outerReverse > 0, text);
    assertFalse(text.substring(outerReverse).contains("new double[16]"), text);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }
}
