package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.checkWith;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;

import org.junit.jupiter.api.Test;

/**
 * Rows of a local {@code double[][]} read through an alias, an enhanced for, or a helper's array
 * parameter: the adjoint must reach the matrix's elements (found by an outside stress test, where
 * these once gave a gradient of 0 with an exact value).
 */
class LocalMatrixRowsTest {

  @Test
  void aliasOfARow() {
    check(
        """
        static double f(double a) {
            double[][] m = new double[2][1];
            m[0][0] = a;
            double[] u = m[0];
            return u[0] * u[0];
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5)});
  }

  @Test
  void enhancedForOverLocalRows() {
    check(
        """
        static double f(double a) {
            double[][] m = new double[3][2];
            for (int i = 0; i < 3; i++) {
                m[i][0] = a * (i + 1);
                m[i][1] = a * a;
            }
            double s = 0;
            for (double[] row : m) {
                s += row[0] * row[1];
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5)});
  }

  @Test
  void aliasOfARowInATimeSteppingLoop() {
    check(
        """
        static double f(double a, @NoDerivative int steps) {
            double[][] traj = new double[steps + 1][1];
            traj[0][0] = 1.0;
            for (int k = 0; k < steps; k++) {
                double[] u = traj[k];
                traj[k + 1][0] = u[0] + 0.1 * a * u[0];
            }
            return traj[steps][0];
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), 5});
  }

  @Test
  void rowPassedToAHelper() {
    checkWith(
        """
        static double f(double a, @NoDerivative int steps) {
            double[][] traj = new double[steps + 1][1];
            traj[0][0] = 1.0;
            for (int k = 0; k < steps; k++) {
                double[] d = scale(a, traj[k]);
                traj[k + 1][0] = traj[k][0] + 0.1 * d[0];
            }
            return traj[steps][0];
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), 5},
        """
        static double[] scale(double a, double[] x) {
            return new double[] {a * x[0]};
        }
        """);
  }
}
