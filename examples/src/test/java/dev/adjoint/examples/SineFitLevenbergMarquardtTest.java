package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generated Jacobian, pullback and tangent of the residual model, and the LM fit. */
class SineFitLevenbergMarquardtTest {

  private static final SineData DATA = SineData.tutorial();
  private static final double[] X = DATA.x();
  private static final double[] Y = DATA.y();

  /** Three points only: fewer residuals than parameters, so the Jacobian takes reverse sweeps. */
  private static final SineData SMALL = SineData.linspace(3);

  private static double[][] expectedJacobian(double[] x) {
    double[][] j = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      j[i] = new double[] {x[i] * x[i] * x[i], x[i] * x[i], x[i], 1};
    }
    return j;
  }

  private static double[] point(Random random) {
    double[] p = GradientCheck.randomDirection(4, random);
    for (int i = 0; i < 4; i++) {
      p[i] *= 3;
    }
    return p;
  }

  @Test
  void sumOfSquaredResidualsIsTheLoss() {
    Random random = new Random(1);
    for (int k = 0; k < 5; k++) {
      double[] p = point(random);
      double[] r = SineFitLevenbergMarquardt.residuals(p[0], p[1], p[2], p[3], X, Y);
      double sum = 0;
      for (double ri : r) {
        sum += ri * ri;
      }
      double loss = SineFit.loss(p[0], p[1], p[2], p[3], X, Y);
      assertEquals(loss, sum, 1e-12 * loss);
    }
  }

  @Test
  void generatedJacobianHasRowsXCubedXSquaredXOneByForwardAndByReverseSweeps() {
    Random random = new Random(2);
    for (SineData data : new SineData[] {DATA, SMALL}) {
      double[] x = data.x();
      double[] y = data.y();
      double[][] expected = expectedJacobian(x);
      double[] p = point(random);
      double[][] jacobian = new double[x.length][4];
      double[] r =
          SineFitLevenbergMarquardtDerivatives.residualsJacobian(
              p[0], p[1], p[2], p[3], x, y, jacobian);
      assertArrayEquals(SineFitLevenbergMarquardt.residuals(p[0], p[1], p[2], p[3], x, y), r);
      for (int i = 0; i < x.length; i++) {
        assertArrayEquals(expected[i], jacobian[i], 1e-12 * 40, "row " + i + " of " + x.length);
      }
    }
  }

  @Test
  void pullbackIsTheTransposedJacobianTimesTheWeights() {
    Random random = new Random(3);
    double[][] jacobian = expectedJacobian(X);
    double[] p = point(random);
    double[] w = GradientCheck.randomDirection(X.length, random);
    double[] gradient = new double[4];
    double[] r =
        SineFitLevenbergMarquardtDerivatives.residualsPullback(
            p[0], p[1], p[2], p[3], X, Y, w, gradient);
    assertArrayEquals(SineFitLevenbergMarquardt.residuals(p[0], p[1], p[2], p[3], X, Y), r);
    for (int j = 0; j < 4; j++) {
      double expected = 0;
      double scale = 0;
      for (int i = 0; i < X.length; i++) {
        expected += jacobian[i][j] * w[i];
        scale += Math.abs(jacobian[i][j] * w[i]);
      }
      assertEquals(expected, gradient[j], 1e-12 * scale, "component " + j);
    }
    // With w = 2 r the pullback is the gradient of the loss Σ r².
    double[] twoR = r.clone();
    for (int i = 0; i < twoR.length; i++) {
      twoR[i] *= 2;
    }
    SineFitLevenbergMarquardtDerivatives.residualsPullback(
        p[0], p[1], p[2], p[3], X, Y, twoR, gradient);
    double[] lossGradient = new double[4];
    SineFitDerivatives.lossValueAndGradient(p[0], p[1], p[2], p[3], X, Y, lossGradient);
    for (int j = 0; j < 4; j++) {
      assertEquals(lossGradient[j], gradient[j], 1e-10 * (1 + Math.abs(lossGradient[j])));
    }
  }

  @Test
  void tangentAndPullbackPassTheDotProductTest() {
    Random random = new Random(4);
    for (SineData data : new SineData[] {DATA, SMALL}) {
      double[] x = data.x();
      double[] y = data.y();
      for (int k = 0; k < 5; k++) {
        GradientCheck.dotProduct(
                x.length,
                (p, v, tangent) ->
                    SineFitLevenbergMarquardtDerivatives.residualsTangent(
                        p[0], p[1], p[2], p[3], x, y, v, tangent),
                (p, w, gradient) ->
                    SineFitLevenbergMarquardtDerivatives.residualsPullback(
                        p[0], p[1], p[2], p[3], x, y, w, gradient),
                point(random),
                random)
            .assertPassed();
      }
    }
  }

  @Test
  void levenbergMarquardtReachesTheLeastSquaresOptimum() {
    double[] optimum = LeastSquaresCubic.fit(DATA).coefficients();
    for (double[] start : SineFitNewton.DEFAULT_STARTS) {
      Result r = SineFitLevenbergMarquardt.fit(DATA, start);
      assertTrue(
          SineFitNewton.maxError(r.point(), SineFitNewton.QUOTED_OPTIMUM) <= 1e-10, r::toString);
      assertTrue(SineFitNewton.maxError(r.point(), optimum) <= 1e-10, r::toString);
      double loss = LeastSquaresCubic.fit(DATA).loss(DATA);
      assertEquals(loss, r.value(), 1e-12 * loss, r::toString);
      assertTrue(r.iterations() <= 10, r::toString);
    }
  }

  @Test
  void programPrintsTheFitNextToTheOptimum() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Result r = SineFitLevenbergMarquardt.run(new String[] {"--start=1,1,1,1"}, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("from (1.0, 1.0, 1.0, 1.0)"), text);
    assertTrue(text.contains("Levenberg-Marquardt: y = -0.09333038904"), text);
    assertTrue(text.contains("Least squares:       y = -0.093330389040597 x^3"), text);
    assertTrue(
        text.contains(
            String.format(java.util.Locale.ROOT, "cost |r| = %.12f", Math.sqrt(r.value()))),
        text);
    assertThrows(
        IllegalArgumentException.class,
        () -> SineFitLevenbergMarquardt.run(new String[] {"--start", "a,b,c,d"}, out));
  }
}
