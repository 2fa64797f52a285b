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
 * What the reverse sweep stores instead of recomputing (values of calls whose derivative is their
 * own value, taped per iteration) and where tape arrays live (allocated once, not per iteration).
 * Every case is also checked against central differences and forward mode by the oracle.
 */
class StorageTest {

  @Test
  void tanhInsideALoopIsTapedNotCalledAgain() {
    Function g =
        check(
            """
        static double f(double w, @NoDerivative double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += Math.tanh(w * x[i]) * x[i];
            }
            return s * s;
        }
        """,
            r -> new Object[] {uniform(r, 0.2, 1), vector(r, 6, -1, 1)});
    String text = Printer.function(g);
    assertEquals(1, count(text, "Math.tanh("), text);
    assertTrue(text.contains("tanhTape[i]"), text);
  }

  @Test
  void valuesInBranchesOfAWhileLoopAreTaped() {
    Function g =
        check(
            """
        static double f(double a, double b) {
            double t = a;
            int k = 0;
            while (k < 6) {
                if (k % 2 == 0) {
                    t = t + Math.exp(0.3 * t) * b;
                } else {
                    t = Math.sqrt(1 + t * t) * b;
                }
                k++;
            }
            return t;
        }
        """,
            r -> new Object[] {uniform(r, 0.1, 0.5), uniform(r, 0.2, 0.6)});
    String text = Printer.function(g);
    assertEquals(1, count(text, "Math.exp("), text);
    assertEquals(1, count(text, "Math.sqrt("), text);
  }

  @Test
  void tapeOfAnInnerLoopIsAllocatedOnceOutsideTheOuterLoop() {
    Function g =
        check(
            """
        static double f(double[] w, @NoDerivative double[][] x) {
            double total = 0;
            for (int n = 0; n < x.length; n++) {
                double out = 0;
                for (int j = 0; j < w.length; j++) {
                    out += Math.tanh(w[j] * x[n][j]);
                }
                total += out * out;
            }
            return total;
        }
        """,
            r ->
                new Object[] {
                  vector(r, 3, -1, 1), new double[][] {vector(r, 3, -1, 1), vector(r, 3, -1, 1)}
                });
    String text = Printer.function(g);
    int allocation = text.indexOf("new double[");
    int outer = text.indexOf("for (int n = 0");
    assertTrue(allocation >= 0 && allocation < outer, text);
    assertTrue(text.contains("Arrays.fill(tanhTape") || text.contains("fill(tanhTape"), text);
  }

  @Test
  void aValueAnInnerLoopComputesIsTapedNotRecomputed() {
    Function g =
        check(
            """
        static double f(double[][] w, @NoDerivative double[][] x) {
            double total = 0;
            for (int n = 0; n < x.length; n++) {
                double out = 0;
                for (int j = 0; j < w.length; j++) {
                    double z = 0;
                    for (int k = 0; k < x[n].length; k++) {
                        z += w[j][k] * x[n][k];
                    }
                    out += Math.max(0, z) * z;
                }
                total += out * out;
            }
            return total;
        }
        """,
            r ->
                new Object[] {
                  new double[][] {vector(r, 2, -1, 1), vector(r, 2, -1, 1)},
                  new double[][] {vector(r, 2, -1, 1), vector(r, 2, -1, 1), vector(r, 2, -1, 1)}
                });
    String text = Printer.function(g);
    // the loop over k runs forward once and backward once per (n, j): never a third time to
    // recompute z
    assertEquals(2, count(text, "for (int k"), text);
    assertTrue(text.contains("zValueTape[j]"), text);
  }

  @Test
  void anArrayUsedOtherThanByItsElementsStaysInTheLoop() {
    Function g =
        check(
            """
        static double f(double a, @NoDerivative int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double[] v = new double[2];
                double[] u = v;
                v[0] = a * i;
                u[1] = v[0] * a;
                s += v[1] * u[0];
            }
            return s + a;
        }
        """,
            r -> new Object[] {uniform(r, 0.5, 1.5), 4});
    String text = Printer.function(g);
    assertFalse(text.contains("fill(v,"), text);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }
}
