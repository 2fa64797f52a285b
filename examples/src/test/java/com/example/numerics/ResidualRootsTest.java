package com.example.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.TwiceDifferentiableFunction;
import org.junit.jupiter.api.Test;

/**
 * Second order where least-squares residuals are exactly zero — where Newton and Gauss–Newton
 * methods converge to — through the generated Java code: the Hessian there is 2 JᵀJ exactly, and
 * agrees with differences of the generated gradient.
 */
class ResidualRootsTest {
  // twelve points at distance exactly 5 from (1, 2): Pythagorean triples
  private static final double[] XS = {4, -2, 4, -2, 5, -3, 5, -3, 6, -4, 1, 1};
  private static final double[] YS = {6, 6, -2, -2, 5, 5, -1, -1, 2, 2, 7, -3};

  @Test
  void circleFitAtAnExactFitHasTheGaussNewtonHessian() {
    double[] p = {1, 2, 5};
    double[] g = new double[3];
    double[][] h = new double[3][3];
    double value = CircleFitDerivatives.lossHessian(p[0], p[1], p[2], XS, YS, g, h);
    assertEquals(0, value);
    assertArrayEquals(new double[3], g);
    double[][] expected = gaussNewton(p);
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(expected[k], h[k], 1e-12, "row " + k);
    }
    double[] hv = new double[3];
    double[] v = {0.3, -0.7, 1.1};
    CircleFitDerivatives.lossHessianVector(p[0], p[1], p[2], XS, YS, v, new double[3], hv);
    for (int k = 0; k < 3; k++) {
      double expectedHv = expected[k][0] * v[0] + expected[k][1] * v[1] + expected[k][2] * v[2];
      assertEquals(expectedHv, hv[k], 1e-12, "Hessian-vector product [" + k + "]");
    }
    TwiceDifferentiableFunction f =
        TwiceDifferentiableFunction.of(
            3,
            (x, grad, hess) ->
                CircleFitDerivatives.lossHessian(x[0], x[1], x[2], XS, YS, grad, hess));
    GradientCheck.HessianResult check = GradientCheck.checkHessian(f, p);
    assertTrue(check.passed(), check.toString());
  }

  @Test
  void unitCircleResidualOnTheCircle() {
    double[] g = new double[2];
    double[][] h = new double[2][2];
    CircleFitDerivatives.unitCircleHessian(0.0, -1.0, g, h);
    assertArrayEquals(new double[] {0, 0}, h[0]);
    assertArrayEquals(new double[] {0, 2}, h[1]);
    CircleFitDerivatives.unitCircleHessian(1.0, 0.0, g, h);
    assertArrayEquals(new double[] {2, 0}, h[0]);
    assertArrayEquals(new double[] {0, 0}, h[1]);
  }

  /** 2 JᵀJ, the Jacobian of the residuals by hand: ∂ρ/∂(a, b, r) = (-(x - a)/d, -(y - b)/d, -1). */
  private static double[][] gaussNewton(double[] p) {
    double[][] h = new double[3][3];
    for (int i = 0; i < XS.length; i++) {
      double dx = XS[i] - p[0];
      double dy = YS[i] - p[1];
      double d = Math.sqrt(dx * dx + dy * dy);
      double[] j = {-dx / d, -dy / d, -1};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          h[r][c] += 2 * j[r] * j[c];
        }
      }
    }
    return h;
  }
}
