package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.GradientCheck;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generated sine-fit gradient against central differences and against its own contract. */
class SineFitGradientTest {

  private static final SineData DATA = SineData.tutorial();
  private static final double[] X = DATA.x();
  private static final double[] Y = DATA.y();

  private static double loss(double[] p) {
    return SineFit.loss(p[0], p[1], p[2], p[3], X, Y);
  }

  private static double valueAndGradient(double[] p, double[] g) {
    return SineFitDerivatives.lossValueAndGradient(p[0], p[1], p[2], p[3], X, Y, g);
  }

  private static void gradient(double[] p, double[] g) {
    valueAndGradient(p, g);
  }

  /** Seeded points: zeros, the optimum, standard normal draws and a few large coefficients. */
  private static double[][] points() {
    Random random = new Random(20240601);
    double[][] points = new double[12][];
    points[0] = new double[4];
    points[1] = LeastSquaresCubic.fit(DATA).coefficients();
    for (int k = 2; k < points.length; k++) {
      double scale = k < 8 ? 1 : 50;
      points[k] = new double[4];
      for (int i = 0; i < 4; i++) {
        points[k][i] = scale * random.nextGaussian();
      }
    }
    return points;
  }

  @Test
  void gradientPassesGradientCheckAtSeededPoints() {
    for (double[] p : points()) {
      GradientCheck.check(SineFitGradientTest::loss, SineFitGradientTest::gradient, p)
          .assertPassed();
    }
  }

  @Test
  void gradientPassesGradientCheckThroughDifferentiableFunction() {
    DifferentiableFunction f = DifferentiableFunction.of(4, SineFitGradientTest::valueAndGradient);
    for (double[] p : points()) {
      GradientCheck.check(f, p).assertPassed();
    }
  }

  @Test
  void gradientMatchesTheClosedForm() {
    // dL/dθ_j = Σ 2 r_i φ_j(x_i) with r = yPred - y and φ = (x^3, x^2, x, 1).
    for (double[] p : points()) {
      double[] expected = new double[4];
      for (int i = 0; i < X.length; i++) {
        double x = X[i];
        double r = p[0] * x * x * x + p[1] * x * x + p[2] * x + p[3] - Y[i];
        expected[0] += 2 * r * x * x * x;
        expected[1] += 2 * r * x * x;
        expected[2] += 2 * r * x;
        expected[3] += 2 * r;
      }
      double[] g = new double[4];
      valueAndGradient(p, g);
      for (int j = 0; j < 4; j++) {
        double tolerance = 1e-9 * Math.max(1, Math.abs(expected[j]));
        assertEquals(expected[j], g[j], tolerance, "component " + j);
      }
    }
  }

  @Test
  void valueIsTheLoss() {
    for (double[] p : points()) {
      double expected = loss(p);
      assertEquals(expected, valueAndGradient(p, new double[4]), 1e-12 * Math.max(1, expected));
    }
  }

  @Test
  void gradientIsOverwrittenNotAccumulated() {
    double[] p = points()[3];
    double[] fresh = new double[4];
    valueAndGradient(p, fresh);
    double[] stale = new double[4];
    Arrays.fill(stale, 12345.678);
    valueAndGradient(p, stale);
    assertArrayEquals(fresh, stale);
    valueAndGradient(p, stale);
    assertArrayEquals(fresh, stale);
  }

  @Test
  void gradientRecordAgreesWithValueAndGradient() {
    double[] p = points()[4];
    double[] g = new double[4];
    double value = valueAndGradient(p, g);
    SineFitDerivatives.LossGradient r =
        SineFitDerivatives.lossGradient(p[0], p[1], p[2], p[3], X, Y);
    assertEquals(value, r.value());
    assertArrayEquals(g, new double[] {r.a(), r.b(), r.c(), r.d()});
  }

  @Test
  void wrongGradientLengthIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SineFitDerivatives.lossValueAndGradient(0, 0, 0, 0, X, Y, new double[3]));
    assertThrows(
        IllegalArgumentException.class,
        () -> SineFitDerivatives.lossValueAndGradient(0, 0, 0, 0, X, Y, new double[5]));
  }

  @Test
  void gradientVanishesAtTheLeastSquaresOptimum() {
    double[] g = new double[4];
    valueAndGradient(LeastSquaresCubic.fit(DATA).coefficients(), g);
    for (double gi : g) {
      assertEquals(0, gi, 1e-9);
    }
  }
}
