package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.pass.ad.Hessians;
import dev.adjoint.compiler.testing.Sources;
import org.junit.jupiter.api.Test;

/**
 * Which form the full Hessian takes: one unrolled pass for a small method with scalar inputs, the
 * row method when the unrolled pass would be too big for HotSpot to compile (a Gaussian-process
 * likelihood with an in-place Cholesky: 3 scalar inputs, but over 8000 bytes of bytecode unrolled).
 */
class HessianFormTest {
  private static final String CHOLESKY =
      """
      static void cholesky(double[][] a, int n) {
          for (int j = 0; j < n; j++) {
              double d = a[j][j];
              for (int k = 0; k < j; k++) {
                  d -= a[j][k] * a[j][k];
              }
              d = Math.sqrt(d);
              a[j][j] = d;
              for (int i = j + 1; i < n; i++) {
                  double s = a[i][j];
                  for (int k = 0; k < j; k++) {
                      s -= a[i][k] * a[j][k];
                  }
                  a[i][j] = s / d;
              }
          }
      }
      """;
  private static final String SOLVE =
      """
      static void choleskySolve(double[][] l, double[] b, int n) {
          for (int i = 0; i < n; i++) {
              double s = b[i];
              for (int k = 0; k < i; k++) {
                  s -= l[i][k] * b[k];
              }
              b[i] = s / l[i][i];
          }
          for (int i = n - 1; i >= 0; i--) {
              double s = b[i];
              for (int k = i + 1; k < n; k++) {
                  s -= l[k][i] * b[k];
              }
              b[i] = s / l[i][i];
          }
      }
      """;
  private static final String GP =
      """
      static double gp(double lengthScale, double variance, double noise, @NoDerivative double[] xs, @NoDerivative double[] ys) {
          int n = xs.length;
          double[][] k = new double[n][n];
          for (int i = 0; i < n; i++) {
              for (int j = 0; j < n; j++) {
                  double r = (xs[i] - xs[j]) / lengthScale;
                  k[i][j] = variance * Math.exp(-0.5 * r * r);
              }
              k[i][i] += noise;
          }
          cholesky(k, n);
          double logDet = 0.0;
          for (int i = 0; i < n; i++) {
              logDet += 2.0 * Math.log(k[i][i]);
          }
          double[] alpha = ys.clone();
          choleskySolve(k, alpha, n);
          double quad = 0.0;
          for (int i = 0; i < n; i++) {
              quad += ys[i] * alpha[i];
          }
          return 0.5 * quad + 0.5 * logDet + 0.5 * n * Math.log(2 * Math.PI);
      }
      """;

  @Test
  void aLargeMethodGetsTheRowForm() {
    GradientOracle.checkWith(
        GP,
        r ->
            new Object[] {
              uniform(r, 0.8, 1.5),
              uniform(r, 0.5, 1.5),
              uniform(r, 0.1, 0.3),
              vector(r, 4, -2, 2),
              vector(r, 4, -1, 1)
            },
        CHOLESKY,
        SOLVE);
    Lowered gp = Sources.lowerWith(GP, CHOLESKY, SOLVE);
    Function hessian =
        Pipeline.hessian(gp.function(), gp.wrt(), Pipeline.hessianVector(gp.function(), gp.wrt()));
    assertEquals(Type.DOUBLE_ARRAY, hessian.params().get(hessian.params().size() - 1).type());
    assertTrue(
        hessian.params().stream().anyMatch(p -> p.type() == Type.INT), hessian.params().toString());
  }

  @Test
  void aSmallMethodGetsOneUnrolledPass() {
    Lowered sine =
        Sources.lower(
            """
        static double loss(double a, double b, double c, double d, @NoDerivative double[] x, @NoDerivative double[] y) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
                sum += (yPred - y[i]) * (yPred - y[i]);
            }
            return sum;
        }
        """);
    Function hessian =
        Pipeline.hessian(
            sine.function(), sine.wrt(), Pipeline.hessianVector(sine.function(), sine.wrt()));
    assertEquals(Type.DOUBLE_MATRIX, hessian.params().get(hessian.params().size() - 1).type());
    assertTrue(Hessians.size(hessian) < Hessians.MAX_UNROLLED_NODES);
  }
}
