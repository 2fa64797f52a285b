package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.checkWith;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** double[][] parameters and locals, in reverse mode, against central differences. */
class MatrixReverseTest {
  static double[][] matrix(Random r, int rows, int cols) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(r, cols, -1, 1);
    }
    return m;
  }

  @Test
  void twoLayerMlpLoss() {
    check(
        """
        static double loss(double[][] w1, double[] b1, double[][] w2, double b2,
                           @NoDerivative double[][] x, @NoDerivative double[] y) {
            double total = 0;
            for (int n = 0; n < x.length; n++) {
                double[] h = new double[w1.length];
                for (int j = 0; j < w1.length; j++) {
                    double s = b1[j];
                    for (int k = 0; k < x[n].length; k++) {
                        s += w1[j][k] * x[n][k];
                    }
                    h[j] = Math.tanh(s);
                }
                double out = b2;
                for (int j = 0; j < h.length; j++) {
                    out += w2[0][j] * h[j];
                }
                total += (out - y[n]) * (out - y[n]);
            }
            return total / x.length;
        }
        """,
        r ->
            new Object[] {
              matrix(r, 3, 2),
              vector(r, 3, -1, 1),
              matrix(r, 1, 3),
              uniform(r, -1, 1),
              matrix(r, 5, 2),
              vector(r, 5, -1, 1)
            });
  }

  @Test
  void rowAliasesAndRaggedParameter() {
    check(
        """
        static double f(double[][] m, double a) {
            double s = 0;
            for (int i = 0; i < m.length; i++) {
                double[] row = m[i];
                for (int j = 0; j < row.length; j++) {
                    s += a * row[j] * row[j] + j * m[i][j];
                }
            }
            for (double[] row : m) {
                s += row[0] * a;
            }
            return s;
        }
        """,
        r ->
            new Object[] {
              new double[][] {vector(r, 2, -1, 1), vector(r, 3, -1, 1), vector(r, 1, -1, 1)},
              uniform(r, -1, 1)
            });
  }

  @Test
  void localMatrixWrittenInLoops() {
    check(
        """
        static double f(double[] x) {
            double[][] outer = new double[x.length][x.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    outer[i][j] = x[i] * x[j];
                }
            }
            for (int i = 1; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    outer[i][j] += Math.sin(outer[i - 1][j]);
                }
            }
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += outer[x.length - 1][i] * outer[i][0];
            }
            double[][] k = {{1.0, 2.0}, {x[0], -1.0}};
            return s + k[1][0] * k[0][1];
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1)});
  }

  @Test
  void matrixVectorHelper() {
    checkWith(
        """
        static double f(double[][] w, double[] x) {
            double[] y = matvec(w, x);
            return dot(y, y);
        }
        """,
        r -> new Object[] {matrix(r, 2, 3), vector(r, 3, -1, 1)},
        """
        static double[] matvec(double[][] w, double[] x) {
            double[] y = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                y[i] = dot(w[i], x);
            }
            return y;
        }
        """,
        """
        static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) s += a[i] * b[i];
            return s;
        }
        """);
  }
}
