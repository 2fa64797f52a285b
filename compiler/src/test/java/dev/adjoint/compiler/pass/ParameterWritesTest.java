package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.checkWith;
import static dev.adjoint.compiler.pass.GradientOracle.vector;

import org.junit.jupiter.api.Test;

/**
 * Methods that overwrite their differentiated parameter arrays: every derivative (gradient,
 * tangent, Hessian-vector product, full Hessian) is of the method as written, and leaves the
 * caller's arrays (and the direction) as it found them. Found by an outside stress test, where the
 * full Hessian ignored the overwrite and the tangent changed its arguments.
 */
class ParameterWritesTest {

  @Test
  void elementOverwrittenWithAProduct() {
    check(
        """
        static double f(double[] a) {
            a[0] *= a[1];
            return a[0] * a[0];
        }
        """,
        r -> new Object[] {vector(r, 2, 0.5, 2)});
  }

  @Test
  void everyElementReplacedInALoop() {
    check(
        """
        static double f(double[] a, double w) {
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.sin(a[i] * w);
            }
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * a[i] * (i + 1);
            }
            return s;
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1), 0.7});
  }

  @Test
  void aVoidHelperScalesTheParameterInPlace() {
    checkWith(
        """
        static double f(double[] a, double[][] m) {
            scale(a, a[0]);
            m[0][1] += a[1] * m[1][0];
            return a[0] * a[1] + m[0][1] * m[0][1];
        }
        """,
        r ->
            new Object[] {
              vector(r, 2, 0.5, 1.5), new double[][] {vector(r, 2, -1, 1), vector(r, 2, -1, 1)}
            },
        """
        static void scale(double[] v, double s) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= s;
            }
        }
        """);
  }
}
