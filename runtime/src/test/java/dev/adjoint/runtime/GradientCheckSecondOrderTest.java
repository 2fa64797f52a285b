package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dot-product tests and the Hessian check of {@link GradientCheck}. */
class GradientCheckSecondOrderTest {

  private static double[] randomPoint(int n, Random random) {
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = 4 * random.nextDouble() - 2;
    }
    return p;
  }

  @Test
  void reverseGradientAgreesWithAHandWrittenTangent() {
    Random random = new Random(3);
    for (int k = 0; k < 20; k++) {
      int n = 2 + k % 7;
      GradientCheck.DotProductResult r =
          GradientCheck.dotProduct(
              Rosenbrock.function(n), Rosenbrock::tangent, randomPoint(n, random), random);
      r.assertPassed();
      assertTrue(r.relativeError() < 1e-14, r::toString);
      assertEquals(n, r.direction().length);
    }
  }

  @Test
  void aWrongTangentFailsTheDotProductTest() {
    // Forgets the factor 2 of d(x²) = 2 x dx: wrong by far more than rounding.
    GradientCheck.TangentFunction wrong =
        (x, v) -> {
          double sum = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double u = x[i + 1] - x[i] * x[i];
            sum += 200 * u * (v[i + 1] - x[i] * v[i]) - 2 * (1 - x[i]) * v[i];
          }
          return sum;
        };
    GradientCheck.DotProductResult r =
        GradientCheck.dotProduct(
            Rosenbrock.function(3), wrong, new double[] {-1.2, 1, 0.5}, new Random(1));
    assertFalse(r.passed(), r::toString);
    assertTrue(r.relativeError() > 1e-3, r::toString);
    assertTrue(r.toString().startsWith("DotProduct FAILED (3 inputs"), r::toString);
    assertThrows(AssertionError.class, r::assertPassed);
  }

  @Test
  void aTangentOffByOneUlpInTenToTheTenthFails() {
    double[] p = {0.3, -0.7, 2.0};
    double[] v = {1, 2, 3};
    GradientCheck.TangentFunction slightlyOff = (x, d) -> Rosenbrock.tangent(x, d) * (1 + 1e-10);
    assertFalse(
        GradientCheck.dotProduct(Rosenbrock.function(3), slightlyOff, p, v, 1e-12).passed());
    assertTrue(GradientCheck.dotProduct(Rosenbrock.function(3), slightlyOff, p, v, 1e-9).passed());
  }

  @Test
  void unwrittenGradientElementsAndNonFiniteTangentsFail() {
    double[] p = {0.3, -0.7, 2.0};
    double[] v = {1, 2, 3};
    GradientCheck.DotProductResult lazy =
        GradientCheck.dotProduct(
            (x, g) -> {
              double[] full = new double[3];
              Rosenbrock.gradient(x, full);
              g[0] = full[0];
              g[1] = full[1]; // g[2] left as it was
            },
            Rosenbrock::tangent,
            p,
            v,
            1e-12);
    assertFalse(lazy.passed(), lazy::toString);
    GradientCheck.DotProductResult nan =
        GradientCheck.dotProduct(Rosenbrock::gradient, (x, d) -> Double.NaN, p, v, 1e-12);
    assertFalse(nan.passed(), nan::toString);
  }

  @Test
  void theCancellingDotProductIsMeasuredAgainstTheAbsoluteSum() {
    // f = x - y along v = (1, 1): ⟨∇f, v⟩ = 0 exactly; a tangent of 1e-14 is within 1e-12 of the
    // scale |1| + |-1| = 2.
    GradientCheck.DotProductResult r =
        GradientCheck.dotProduct(
            (x, g) -> {
              g[0] = 1;
              g[1] = -1;
            },
            (x, d) -> 1e-14,
            new double[] {0, 0},
            new double[] {1, 1},
            1e-12);
    assertTrue(r.passed(), r::toString);
    assertEquals(2, r.scale());
    assertEquals(5e-15, r.relativeError(), 1e-30);
  }

  @Test
  void jacobianVectorProductAgreesWithThePullback() {
    // F(x) = (x0 x1, sin x2, x0 + x1 + x2²), with J v and Jᵀ w written by hand.
    GradientCheck.JacobianVectorProduct jvp =
        (x, v, out) -> {
          out[0] = v[0] * x[1] + x[0] * v[1];
          out[1] = Math.cos(x[2]) * v[2];
          out[2] = v[0] + v[1] + 2 * x[2] * v[2];
        };
    GradientCheck.VectorJacobianProduct vjp =
        (x, w, out) -> {
          out[0] = w[0] * x[1] + w[2];
          out[1] = w[0] * x[0] + w[2];
          out[2] = w[1] * Math.cos(x[2]) + 2 * x[2] * w[2];
        };
    GradientCheck.VectorJacobianProduct transposedWrong =
        (x, w, out) -> {
          out[0] = w[0] * x[0] + w[2];
          out[1] = w[0] * x[1] + w[2];
          out[2] = w[1] * Math.cos(x[2]) + 2 * x[2] * w[2];
        };
    Random random = new Random(9);
    for (int k = 0; k < 10; k++) {
      double[] p = randomPoint(3, random);
      GradientCheck.dotProduct(3, jvp, vjp, p, random).assertPassed();
      assertFalse(GradientCheck.dotProduct(3, jvp, transposedWrong, p, random).passed());
    }
  }

  @Test
  void correctRosenbrockHessianPasses() {
    Random random = new Random(17);
    for (int k = 0; k < 10; k++) {
      int n = 2 + k % 5;
      GradientCheck.HessianResult r =
          GradientCheck.checkHessian(Rosenbrock.twice(n), randomPoint(n, random));
      r.assertPassed();
      assertTrue(r.symmetric());
      assertEquals(0, r.asymmetry());
      assertEquals(n, r.dimension());
      assertTrue(r.toString().startsWith("HessianCheck passed"), r::toString);
    }
  }

  @Test
  void aWrongHessianEntryFailsAndIsNamed() {
    // Forgets the -400 x_{i+1} of ∂²f/∂x_i², a plausible slip; symmetric, so only entries fail.
    TwiceDifferentiableFunction wrong =
        TwiceDifferentiableFunction.of(
            3,
            (x, g, h) -> {
              Rosenbrock.gradient(x, g);
              Rosenbrock.hessian(x, h);
              h[1][1] += 400 * x[2];
              return Rosenbrock.value(x);
            });
    GradientCheck.HessianResult r =
        GradientCheck.checkHessian(wrong, new double[] {0.3, -0.7, 2.0});
    assertFalse(r.passed(), r::toString);
    assertTrue(r.symmetric(), r::toString);
    assertEquals(1, r.worstRow());
    assertEquals(1, r.worstColumn());
    assertEquals(800, r.analytic()[1][1] - r.numeric()[1][1], 1e-4, r::toString);
    assertTrue(r.toString().contains("worst entry (1, 1)"), r::toString);
    assertThrows(AssertionError.class, r::assertPassed);
  }

  @Test
  void anAsymmetryFinerThanFiniteDifferencesStillFails() {
    TwiceDifferentiableFunction skewed =
        TwiceDifferentiableFunction.of(
            3,
            (x, g, h) -> {
              Rosenbrock.gradient(x, g);
              Rosenbrock.hessian(x, h);
              h[0][1] *= 1 + 1e-9;
              return Rosenbrock.value(x);
            });
    GradientCheck.HessianResult r =
        GradientCheck.checkHessian(skewed, new double[] {0.3, -0.7, 2.0});
    assertFalse(r.passed(), r::toString);
    assertFalse(r.symmetric(), r::toString);
    assertTrue(r.worstToleranceRatio() <= 1, "every entry is within the finite-difference rule");
    assertTrue(r.asymmetry() > 1e-12 && r.asymmetry() < 1e-9, r::toString);
    assertTrue(r.toString().contains("not symmetric"), r::toString);
  }

  @Test
  void unwrittenOrNonFiniteHessianEntriesFail() {
    TwiceDifferentiableFunction lazy =
        TwiceDifferentiableFunction.of(
            2,
            (x, g) -> {
              Rosenbrock.gradient(x, g);
              return Rosenbrock.value(x);
            },
            (x, g, h) -> {
              double[][] full = new double[2][2];
              Rosenbrock.gradient(x, g);
              Rosenbrock.hessian(x, full);
              h[0] = full[0].clone();
              h[1][1] = full[1][1]; // h[1][0] not written
              return Rosenbrock.value(x);
            });
    GradientCheck.HessianResult r = GradientCheck.checkHessian(lazy, new double[] {0.5, 0.5});
    assertFalse(r.passed(), r::toString);
    assertEquals(1, r.worstRow());
    assertEquals(0, r.worstColumn());
    assertTrue(Double.isNaN(r.asymmetry()));
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(
        IllegalArgumentException.class,
        () -> GradientCheck.checkHessian(Rosenbrock.twice(3), new double[2]));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GradientCheck.compareHessian(
                Rosenbrock::gradient, new double[2], new double[2][3], 1e-5, 1e-3, 1e-12));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GradientCheck.dotProduct(
                Rosenbrock::gradient, Rosenbrock::tangent, new double[2], new double[3], 1e-12));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GradientCheck.dotProduct(
                Rosenbrock::gradient, Rosenbrock::tangent, new double[2], new double[2], -1));
  }
}
