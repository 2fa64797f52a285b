package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The three checks treat NaN and infinity alike: by the {@link PassRule}, they never pass. */
class GradientCheckNonFiniteTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void aNanGradientFailsAlsoWhereTheCentralDifferenceIsNan() {
    // sqrt of a negative number: the value is NaN, so is every difference of it.
    GradientCheck.Result r =
        GradientCheck.check(
            x -> Math.sqrt(x[0]), (x, g) -> g[0] = 0.5 / Math.sqrt(x[0]), new double[] {-1});
    assertTrue(Double.isNaN(r.numeric()[0]), r::toString);
    assertTrue(Double.isNaN(r.analytic()[0]), r::toString);
    assertFalse(r.passed(), r::toString);
    assertEquals(INF, r.worstToleranceRatio());
  }

  @Test
  void anInfiniteGradientFailsAlsoAgainstAnInfiniteCentralDifference() {
    // The value jumps to +∞ right of 0: the difference is +∞, as is the "derivative" given.
    GradientCheck.Result r =
        GradientCheck.check(x -> x[0] > 0 ? INF : 0, (x, g) -> g[0] = INF, new double[] {0});
    assertEquals(INF, r.numeric()[0], r::toString);
    assertFalse(r.passed(), r::toString);
    assertThrows(AssertionError.class, r::assertPassed);
  }

  @Test
  void equalInfiniteSidesFailTheDotProductTest() {
    GradientCheck.DotProductResult r =
        GradientCheck.dotProduct(
            (x, g) -> g[0] = INF, (x, v) -> INF, new double[] {1}, new double[] {1}, 1e-12);
    assertFalse(r.passed(), r::toString);
  }

  @Test
  void aNanHessianFailsAlsoWhereTheDifferencesOfTheGradientAreNan() {
    TwiceDifferentiableFunction undefined =
        TwiceDifferentiableFunction.of(
            1,
            (x, g) -> {
              g[0] = Double.NaN;
              return Double.NaN;
            },
            (x, g, h) -> {
              g[0] = Double.NaN;
              h[0][0] = Double.NaN;
              return Double.NaN;
            });
    GradientCheck.HessianResult r = GradientCheck.checkHessian(undefined, new double[] {1});
    assertTrue(Double.isNaN(r.numeric()[0][0]), r::toString);
    assertFalse(r.passed(), r::toString);
  }

  @Test
  void aGradientThatLeavesAnElementUnwrittenFailsTheHessianCheck() {
    // The Hessian is right, but the gradient its differences come from forgets element 1: the
    // difference is NaN, never a value left from the previous call.
    GradientCheck.HessianResult r =
        GradientCheck.compareHessian(
            (x, g) -> g[0] = 2 * x[0],
            new double[] {1, 1},
            new double[][] {{2, 0}, {0, 2}},
            GradientCheck.DEFAULT_ATOL,
            GradientCheck.DEFAULT_RTOL,
            GradientCheck.DEFAULT_SYMMETRY_TOLERANCE);
    assertTrue(Double.isNaN(r.numeric()[1][1]), r::toString);
    assertFalse(r.passed(), r::toString);
    assertEquals(1, r.worstRow(), r::toString);
  }

  @Test
  void everyResultIsACheckResult() {
    CheckResult<?> gradient = GradientCheck.check(Rosenbrock.function(2), new double[] {0.5, 1});
    CheckResult<?> hessian = GradientCheck.checkHessian(Rosenbrock.twice(2), new double[] {0.5, 1});
    assertTrue(gradient.passed());
    assertTrue(hessian.passed());
    GradientCheck.Result kept = GradientCheck.check(Rosenbrock.function(2), new double[] {1, 1});
    assertEquals(kept, kept.assertPassed());
  }
}
