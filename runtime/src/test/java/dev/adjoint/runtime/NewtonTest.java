package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewtonTest {

  /** f(x) = ½ (x - c)ᵀ A (x - c) + 3 with A = Bᵀ B + I, a random symmetric positive definite A. */
  private static TwiceDifferentiableFunction quadratic(int n, long seed, double[] c) {
    Random random = new Random(seed);
    double[][] b = new double[n][n];
    for (double[] row : b) {
      for (int j = 0; j < n; j++) {
        row[j] = random.nextGaussian();
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 1 : 0;
        for (int k = 0; k < n; k++) {
          s += b[k][i] * b[k][j];
        }
        a[i][j] = s;
      }
    }
    for (int i = 0; i < n; i++) {
      c[i] = random.nextGaussian();
    }
    return TwiceDifferentiableFunction.of(
        n,
        (x, g, h) -> {
          double f = 3;
          for (int i = 0; i < n; i++) {
            double gi = 0;
            for (int j = 0; j < n; j++) {
              gi += a[i][j] * (x[j] - c[j]);
              h[i][j] = a[i][j];
            }
            g[i] = gi;
            f += 0.5 * (x[i] - c[i]) * gi;
          }
          return f;
        });
  }

  @Test
  void oneStepMinimizesAQuadraticFromAnyStart() {
    int n = 6;
    double[] c = new double[n];
    TwiceDifferentiableFunction f = quadratic(n, 11, c);
    Random random = new Random(5);
    for (int trial = 0; trial < 10; trial++) {
      double[] start = GradientCheck.randomDirection(n, random);
      for (int i = 0; i < n; i++) {
        start[i] *= Math.pow(10, trial % 4);
      }
      int[] fallbacks = {0};
      Result r =
          new Newton().withMaxIterations(1).withGradientTolerance(0).minimize(f, start, fallbacks);
      assertEquals(1, r.iterations(), r::toString);
      assertEquals(0, fallbacks[0], r::toString);
      // Two Hessian evaluations and one line-search evaluation: the full step is accepted at once.
      assertEquals(3, r.evaluations(), r::toString);
      assertEquals(Status.MAX_ITERATIONS, r.status());
      for (int i = 0; i < n; i++) {
        assertEquals(c[i], r.point()[i], 1e-10 * Math.max(1, Math.abs(start[i])), r::toString);
      }
      assertEquals(3, r.value(), 1e-9);
    }
  }

  @Test
  void minimizesRosenbrockFromTheStandardStartWithQuadraticConvergence() {
    List<Double> values = new ArrayList<>();
    Result r =
        new Newton()
            .withGradientTolerance(1e-10)
            .onStep(s -> values.add(s.value()))
            .minimize(Rosenbrock.twice(2), new double[] {-1.2, 1});
    assertTrue(r.converged(), r::toString);
    assertEquals(Status.CONVERGED_GRADIENT, r.status());
    assertArrayEquals(new double[] {1, 1}, r.point(), 1e-12, r::toString);
    assertTrue(r.gradientNorm() <= 1e-10, r::toString);
    // Damped Newton takes about twenty iterations along the valley (Nocedal and Wright report 21).
    assertTrue(r.iterations() >= 10 && r.iterations() <= 30, r::toString);
    assertEquals(r.iterations(), values.size());
    assertEquals(24.2, values.get(0), 1e-12);
    // Quadratic convergence at the end: each of the last values is far below the square root
    // of the one before.
    int k = values.size();
    assertTrue(values.get(k - 1) < 1e-8, values.toString());
    assertTrue(
        values.get(k - 1) < 10 * values.get(k - 2) * Math.sqrt(values.get(k - 2)),
        values.toString());
    for (int i = 1; i < k; i++) {
      assertTrue(values.get(i) < values.get(i - 1), "monotone decrease: " + values);
    }
  }

  private static double[] standardStart(int n) {
    double[] start = new double[n];
    for (int i = 0; i < n; i++) {
      start[i] = i % 2 == 0 ? -1.2 : 1;
    }
    return start;
  }

  @Test
  void theShiftedHessianFallbackCrossesIndefiniteRegionsInFarFewerIterations() {
    // Chained Rosenbrock in 4-D: from the standard start the Hessian is indefinite for a while.
    int n = 4;
    Newton newton = new Newton().withGradientTolerance(1e-10).withMaxIterations(2000);
    int[] gradientFallbacks = {0};
    int[] shiftedFallbacks = {0};
    Result gradient = newton.minimize(Rosenbrock.twice(n), standardStart(n), gradientFallbacks);
    Result shifted =
        newton
            .withFallback(Newton.Fallback.SHIFTED_HESSIAN)
            .minimize(Rosenbrock.twice(n), standardStart(n), shiftedFallbacks);
    double[] ones = {1, 1, 1, 1};
    assertTrue(gradient.converged(), gradient::toString);
    assertTrue(shifted.converged(), shifted::toString);
    assertArrayEquals(ones, gradient.point(), 1e-10, gradient::toString);
    assertArrayEquals(ones, shifted.point(), 1e-10, shifted::toString);
    assertTrue(gradientFallbacks[0] > 100, gradient::toString);
    assertTrue(shiftedFallbacks[0] >= 1 && shiftedFallbacks[0] <= 5, shifted::toString);
    assertTrue(shifted.iterations() < 40, shifted::toString);
    assertTrue(10 * shifted.iterations() < gradient.iterations(), gradient + " vs " + shifted);
  }

  @Test
  void findsTheLocalMinimumOfChainedRosenbrockInTwentyDimensions() {
    // From the standard start, n = 20 leads to the known local minimum with x0 near -0.9933.
    int n = 20;
    Result r =
        new Newton()
            .withGradientTolerance(1e-10)
            .withFallback(Newton.Fallback.SHIFTED_HESSIAN)
            .minimize(Rosenbrock.twice(n), standardStart(n));
    assertTrue(r.converged(), r::toString);
    assertTrue(r.iterations() < 60, r::toString);
    assertEquals(-0.99328610095, r.point()[0], 1e-9, r::toString);
    assertEquals(3.98662385426, r.value(), 1e-9, r::toString);
    GradientCheck.checkHessian(Rosenbrock.twice(n), r.point()).assertPassed();
  }

  @Test
  void fallsBackToTheGradientWhereTheHessianIsIndefinite() {
    // f = x⁴/4 - x²/2 + y²: at x = 0.1 the Hessian has the negative eigenvalue 3x² - 1 < 0, and a
    // Newton step would head for the maximum at x = 0.
    TwiceDifferentiableFunction f =
        TwiceDifferentiableFunction.of(
            2,
            (p, g, h) -> {
              double x = p[0];
              double y = p[1];
              g[0] = x * x * x - x;
              g[1] = 2 * y;
              h[0][0] = 3 * x * x - 1;
              h[0][1] = 0;
              h[1][0] = 0;
              h[1][1] = 2;
              return x * x * x * x / 4 - x * x / 2 + y * y;
            });
    int[] fallbacks = {0};
    Result r =
        new Newton().withGradientTolerance(1e-14).minimize(f, new double[] {0.1, 0.5}, fallbacks);
    assertTrue(r.converged(), r::toString);
    assertTrue(fallbacks[0] >= 1, r::toString);
    assertTrue(fallbacks[0] < r.iterations(), "Newton steps once the Hessian is definite: " + r);
    assertEquals(1, r.point()[0], 1e-12, r::toString);
    assertEquals(0, r.point()[1], 1e-12, r::toString);
    assertEquals(-0.25, r.value(), 1e-15);
  }

  @Test
  void aNegativeDefiniteHessianGivesOnlyGradientSteps() {
    // The Hessian of ½|x|² reported with the wrong sign: Cholesky fails at every iteration.
    TwiceDifferentiableFunction f =
        TwiceDifferentiableFunction.of(
            3,
            (x, g, h) -> {
              double s = 0;
              for (int i = 0; i < 3; i++) {
                g[i] = x[i];
                s += x[i] * x[i];
                Arrays.fill(h[i], 0);
                h[i][i] = -1;
              }
              return s / 2;
            });
    int[] fallbacks = {0};
    Result r = new Newton().minimize(f, new double[] {3, -4, 12}, fallbacks);
    assertTrue(r.converged(), r::toString);
    assertEquals(r.iterations(), fallbacks[0], r::toString);
    assertTrue(r.iterations() > 1, r::toString);
    assertArrayEquals(new double[3], r.point(), 1e-8);
  }

  @Test
  void aNonFiniteHessianFallsBackToTheGradient() {
    TwiceDifferentiableFunction f =
        TwiceDifferentiableFunction.of(
            1,
            (x, g, h) -> {
              g[0] = 2 * (x[0] - 2);
              h[0][0] = Double.NaN;
              return (x[0] - 2) * (x[0] - 2);
            });
    int[] fallbacks = {0};
    Result r = new Newton().minimize(f, new double[] {-5}, fallbacks);
    assertTrue(r.converged(), r::toString);
    assertEquals(r.iterations(), fallbacks[0]);
    assertEquals(2, r.point()[0], 1e-8);
  }

  @Test
  void aWrongGradientMakesTheLineSearchFail() {
    // The gradient has the wrong sign, so the "descent" direction climbs.
    TwiceDifferentiableFunction f =
        TwiceDifferentiableFunction.of(
            2,
            (x, g, h) -> {
              g[0] = -2 * x[0];
              g[1] = -2 * x[1];
              h[0][0] = 2;
              h[0][1] = 0;
              h[1][0] = 0;
              h[1][1] = 2;
              return x[0] * x[0] + x[1] * x[1];
            });
    double[] start = {1, 2};
    Result r = new Newton().minimize(f, start);
    assertEquals(Status.LINE_SEARCH_FAILED, r.status(), r::toString);
    assertFalse(r.converged());
    assertEquals(0, r.iterations());
    assertEquals(1 + Newton.MAX_LINE_SEARCH_EVALUATIONS, r.evaluations());
    assertArrayEquals(start, r.point(), "the best point found is the start");
  }

  @Test
  void aNonFiniteValueStopsTheRun() {
    TwiceDifferentiableFunction f =
        TwiceDifferentiableFunction.of(
            1,
            (x, g, h) -> {
              g[0] = 1;
              h[0][0] = 1;
              return Double.NaN;
            });
    Result r = new Newton().minimize(f, new double[] {0});
    assertEquals(Status.NOT_FINITE, r.status());
    assertEquals(0, r.iterations());
  }

  @Test
  void stopsAtTheIterationLimitAndAtAConvergedStart() {
    Result one =
        new Newton().withMaxIterations(1).minimize(Rosenbrock.twice(2), new double[] {-1.2, 1});
    assertEquals(Status.MAX_ITERATIONS, one.status());
    assertEquals(1, one.iterations());
    assertTrue(one.value() < 24.2, one::toString);

    Result none =
        new Newton().withMaxIterations(0).minimize(Rosenbrock.twice(2), new double[] {-1.2, 1});
    assertEquals(Status.MAX_ITERATIONS, none.status());
    assertEquals(0, none.iterations());
    assertEquals(1, none.evaluations());

    Result atMinimum = new Newton().minimize(Rosenbrock.twice(2), new double[] {1, 1});
    assertEquals(Status.CONVERGED_GRADIENT, atMinimum.status());
    assertEquals(0, atMinimum.iterations());
    assertEquals(1, atMinimum.evaluations());
    assertEquals(0, atMinimum.value());
  }

  @Test
  void leavesTheStartAloneAndReturnsAFreshPoint() {
    double[] start = {-1.2, 1};
    Result r = new Newton().minimize(Rosenbrock.twice(2), start);
    assertArrayEquals(new double[] {-1.2, 1}, start);
    assertNotSame(start, r.point());
  }

  @Test
  void rejectsBadSettingsAndArguments() {
    assertThrows(IllegalArgumentException.class, () -> new Newton().withMaxIterations(-1));
    assertThrows(IllegalArgumentException.class, () -> new Newton().withGradientTolerance(-1));
    assertThrows(
        IllegalArgumentException.class, () -> new Newton().withGradientTolerance(Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Newton().minimize(Rosenbrock.twice(3), new double[] {1, 2}));
    Newton n = new Newton().withMaxIterations(7).withGradientTolerance(1e-3);
    assertEquals(7, n.stopping().maxIterations());
    assertEquals(1e-3, n.stopping().gradientTolerance());
    assertEquals(Newton.Fallback.GRADIENT, n.fallback());
    assertTrue(
        n.withFallback(Newton.Fallback.SHIFTED_HESSIAN).toString().endsWith("SHIFTED_HESSIAN]"));
    assertThrows(NullPointerException.class, () -> new Newton().withFallback(null));
  }

  @Test
  void choleskySolvesPositiveDefiniteSystemsAndRejectsOthers() {
    double[][] a = {{4, 2, -2}, {2, 10, 4}, {-2, 4, 9}};
    double[][] l = new double[3][3];
    assertTrue(Cholesky.cholesky(a, 0, l));
    double[] b = {2, 4, 1};
    double[] x = b.clone();
    Cholesky.solveInPlace(l, x);
    for (int i = 0; i < 3; i++) {
      double s = 0;
      for (int j = 0; j < 3; j++) {
        s += a[i][j] * x[j];
      }
      assertEquals(b[i], s, 1e-14);
    }
    assertFalse(
        Cholesky.cholesky(new double[][] {{1, 2}, {2, 1}}, 0, new double[2][2]), "indefinite");
    assertFalse(
        Cholesky.cholesky(new double[][] {{1, 1}, {1, 1}}, 0, new double[2][2]), "singular");
    assertFalse(Cholesky.cholesky(new double[][] {{Double.NaN}}, 0, new double[1][1]), "NaN");
    assertTrue(
        Cholesky.cholesky(new double[][] {{1, 2}, {2, 1}}, 1.5, new double[2][2]), "shifted");
    double[][] indefinite = {{1, 2}, {2, 1}};
    double[][] factor = new double[2][2];
    assertTrue(Cholesky.shiftedCholesky(indefinite, factor));
    // Eigenvalues 3 and -1: the shift found makes the smallest positive.
    double tau = factor[0][0] * factor[0][0] - 1;
    assertTrue(tau > 1 && tau < 4, "tau " + tau);
    assertFalse(Cholesky.shiftedCholesky(new double[][] {{Double.NaN}}, new double[1][1]));
  }
}
