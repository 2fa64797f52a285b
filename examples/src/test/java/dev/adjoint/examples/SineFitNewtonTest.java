package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.TwiceDifferentiableFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generated second-order sine-fit code and the one-step Newton solve. */
class SineFitNewtonTest {

  private static final SineData DATA = SineData.tutorial();
  private static final double[] X = DATA.x();
  private static final double[] Y = DATA.y();

  /** The Hessian of the loss, derived by hand: 2 Σ φ φᵀ with φ = (x³, x², x, 1); constant. */
  private static double[][] gram() {
    double[][] h = new double[4][4];
    for (double x : X) {
      double[] phi = {x * x * x, x * x, x, 1};
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          h[i][j] += 2 * phi[i] * phi[j];
        }
      }
    }
    return h;
  }

  /** Zeros and seeded normal draws of growing scale. */
  private static double[][] points() {
    Random random = new Random(20240517);
    double[][] points = new double[10][];
    points[0] = new double[4];
    for (int k = 1; k < points.length; k++) {
      points[k] = GradientCheck.randomDirection(4, random);
      for (int i = 0; i < 4; i++) {
        points[k][i] *= Math.pow(10, (k - 1) % 3);
      }
    }
    return points;
  }

  @Test
  void generatedHessianIsTheHandDerivedConstantMatrix() {
    double[][] expected = gram();
    for (double[] p : points()) {
      double[] g = new double[4];
      double[][] h = new double[4][4];
      double value = SineFitDerivatives.lossHessian(p[0], p[1], p[2], p[3], X, Y, g, h);
      assertEquals(SineFit.loss(p[0], p[1], p[2], p[3], X, Y), value, 1e-12 * value);
      double[] g2 = new double[4];
      SineFitDerivatives.lossValueAndGradient(p[0], p[1], p[2], p[3], X, Y, g2);
      for (int i = 0; i < 4; i++) {
        assertEquals(g2[i], g[i], 1e-12 * (1 + Math.abs(g2[i])), "gradient " + i);
        for (int j = 0; j < 4; j++) {
          // Relative to sqrt(H_ii H_jj): the odd moments 2 Σ x^5 etc. are 0 up to rounding.
          double scale = Math.sqrt(expected[i][i] * expected[j][j]);
          assertEquals(expected[i][j], h[i][j], 1e-12 * scale, i + "," + j);
          assertEquals(h[j][i], h[i][j], 1e-12 * scale, "symmetry " + i + "," + j);
        }
      }
    }
  }

  @Test
  void hessianPassesTheFiniteDifferenceAndSymmetryCheck() {
    TwiceDifferentiableFunction f = SineFitNewton.function(DATA);
    // The entries range from 0 (the odd moments 2 Σ x^5, ...) to 2 Σ x^6 ≈ 5.5e5, and the central
    // differences of a gradient summed over 2000 points carry a rounding error of about 1e-8 of
    // that scale (5e-3), above the default absolute tolerance 1e-5 for the zero entries; so the
    // absolute tolerance is set relative to the largest entry.
    double atol = 1e-7 * gram()[0][0];
    for (double[] p : points()) {
      GradientCheck.HessianResult r =
          GradientCheck.checkHessian(f, p, atol, GradientCheck.DEFAULT_RTOL, 1e-12).assertPassed();
      assertTrue(r.asymmetry() <= 1e-12, r::toString);
      assertTrue(r.worstToleranceRatio() < 0.5, r::toString);
    }
  }

  @Test
  void hessianVectorProductIsTheHessianTimesTheVector() {
    double[][] h = gram();
    Random random = new Random(4);
    for (double[] p : points()) {
      double[] v = GradientCheck.randomDirection(4, random);
      double[] g = new double[4];
      double[] hv = new double[4];
      SineFitDerivatives.lossHessianVector(p[0], p[1], p[2], p[3], X, Y, v, g, hv);
      for (int i = 0; i < 4; i++) {
        double expected = 0;
        double scale = 0;
        for (int j = 0; j < 4; j++) {
          expected += h[i][j] * v[j];
          scale += Math.abs(h[i][j] * v[j]);
        }
        assertEquals(expected, hv[i], 1e-12 * scale, "component " + i);
      }
    }
  }

  @Test
  void tangentAgreesWithTheReverseGradientToTheDotProductTolerance() {
    Random random = new Random(12);
    for (double[] p : points()) {
      GradientCheck.DotProductResult r =
          GradientCheck.dotProduct(
              SineFitNewton.function(DATA),
              (q, v) -> SineFitDerivatives.lossTangent(q[0], q[1], q[2], q[3], X, Y, v),
              p,
              random);
      r.assertPassed();
    }
  }

  @Test
  void oneNewtonStepFromAnyStartLandsOnTheLeastSquaresOptimum() {
    double[] optimum = LeastSquaresCubic.fit(DATA).coefficients();
    Random random = new Random(99);
    for (int k = 0; k < 12; k++) {
      double[] start = GradientCheck.randomDirection(4, random);
      for (int i = 0; i < 4; i++) {
        start[i] *= Math.pow(10, k % 3);
      }
      Result r = SineFitNewton.oneStep(DATA, start);
      assertEquals(1, r.iterations(), r::toString);
      // Two Hessian evaluations and one line-search evaluation: the full step is accepted.
      assertEquals(3, r.evaluations(), r::toString);
      double[] p = r.point();
      assertTrue(SineFitNewton.maxError(p, SineFitNewton.QUOTED_OPTIMUM) <= 1e-10, r::toString);
      assertTrue(SineFitNewton.maxError(p, optimum) <= 1e-10, r::toString);
      assertEquals(SineFitNewton.OPTIMUM_A, p[0], 1e-10);
      assertEquals(0, p[1], 1e-10);
      assertEquals(SineFitNewton.OPTIMUM_C, p[2], 1e-10);
      assertEquals(0, p[3], 1e-10);
    }
  }

  @Test
  void programPrintsEachStepNextToTheOptimum() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    double worst = SineFitNewton.run(new String[] {""}, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(worst <= 1e-10, text);
    assertEquals(
        SineFitNewton.DEFAULT_STARTS.length,
        text.lines().filter(l -> l.startsWith("  one Newton step: y = -0.09333038904")).count(),
        text);
    assertTrue(
        text.contains(
            "Least squares (normal equations): y = -0.093330389040597 x^3 + 0.000000000000000 x^2"
                + " + 0.856740843073771 x + 0.000000000000000   loss 8.817165410007"),
        text);
    assertTrue(text.contains("a = -0.0933303890405988, b = 0, c = 0.856740843073785, d = 0"), text);

    ByteArrayOutputStream one = new ByteArrayOutputStream();
    SineFitNewton.run(
        new String[] {"--start", "3,2,1,0"}, new PrintStream(one, true, StandardCharsets.UTF_8));
    String oneText = one.toString(StandardCharsets.UTF_8);
    assertTrue(oneText.contains("from (3, 2, 1, 0)"), oneText);
    assertTrue(oneText.contains("Largest one-step error over 1 starts"), oneText);
  }

  @Test
  void badOptionsAreRejected() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThrows(
        IllegalArgumentException.class,
        () -> SineFitNewton.run(new String[] {"--start", "1,2"}, out));
    assertThrows(
        IllegalArgumentException.class, () -> SineFitNewton.run(new String[] {"--x"}, out));
  }
}
