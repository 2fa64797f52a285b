package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LevenbergMarquardtTest {

  private static final double[] T = {0, 0.5, 1, 1.5, 2, 3, 4, 6};

  /** Residuals A exp(-k t_i) - y_i for data generated with A = 2.5, k = 0.7. */
  private static double[] decayResiduals(double[] p, double[][] jacobian) {
    double[] r = new double[T.length];
    for (int i = 0; i < T.length; i++) {
      double e = Math.exp(-p[1] * T[i]);
      r[i] = p[0] * e - 2.5 * Math.exp(-0.7 * T[i]);
      if (jacobian != null) {
        jacobian[i][0] = e;
        jacobian[i][1] = -p[0] * T[i] * e;
      }
    }
    return r;
  }

  @Test
  void fitsAnExponentialDecayExactly() {
    LevenbergMarquardt.Result r =
        new LevenbergMarquardt()
            .minimize(T.length, LevenbergMarquardtTest::decayResiduals, new double[] {1, 0.1});
    assertArrayEquals(new double[] {2.5, 0.7}, r.point(), 1e-9, r::toString);
    assertTrue(r.cost() < 1e-9, r::toString);
    assertEquals(r.cost() * r.cost(), r.sumOfSquares());
    assertEquals(T.length, r.residuals().length);
    assertTrue(r.iterations() >= 1 && r.evaluations() >= r.iterations(), r::toString);
  }

  @Test
  void fitsALineByLeastSquaresWithSeparateResidualsAndJacobian() {
    // y = 1, 2, 2, 4 at x = 0..3: the least-squares line is y = 0.9 + 0.9 x.
    double[] y = {1, 2, 2, 4};
    LevenbergMarquardt.Result r =
        new LevenbergMarquardt()
            .minimize(
                4,
                p -> {
                  double[] res = new double[4];
                  for (int i = 0; i < 4; i++) {
                    res[i] = p[0] + p[1] * i - y[i];
                  }
                  return res;
                },
                (p, jacobian) -> {
                  for (int i = 0; i < 4; i++) {
                    jacobian[i][0] = 1;
                    jacobian[i][1] = i;
                  }
                },
                new double[] {10, -10});
    assertArrayEquals(new double[] {0.9, 0.9}, r.point(), 1e-10, r::toString);
    // Residuals 0.9 - 1, 1.8 - 2, 2.7 - 2, 3.6 - 4, with the model's sign.
    assertArrayEquals(new double[] {-0.1, -0.2, 0.7, -0.4}, r.residuals(), 1e-10);
    assertEquals(0.7, r.sumOfSquares(), 1e-10);
  }

  @Test
  void solvesRosenbrockAsAResidualModel() {
    // 100 (x2 - x1²)² + (1 - x1)² = r1² + r2² with r1 = 10 (x2 - x1²), r2 = 1 - x1.
    LevenbergMarquardt.Result r =
        new LevenbergMarquardt()
            .minimize(
                2,
                (p, j) -> {
                  j[0][0] = -20 * p[0];
                  j[0][1] = 10;
                  j[1][0] = -1;
                  j[1][1] = 0;
                  return new double[] {10 * (p[1] - p[0] * p[0]), 1 - p[0]};
                },
                new double[] {-1.2, 1});
    assertArrayEquals(new double[] {1, 1}, r.point(), 1e-9, r::toString);
  }

  @Test
  void reportsAWrongResidualCountAndRunningOutOfIterations() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LevenbergMarquardt()
                .minimize(
                    T.length + 1, LevenbergMarquardtTest::decayResiduals, new double[] {1, 0.1}));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new LevenbergMarquardt()
                    .withMaxIterations(2)
                    .minimize(
                        T.length, LevenbergMarquardtTest::decayResiduals, new double[] {1, 0.1}));
    assertTrue(e.getMessage().startsWith("Levenberg-Marquardt failed"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new LevenbergMarquardt().withMaxIterations(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LevenbergMarquardt().withTolerances(-1, 1e-10, 1e-10));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LevenbergMarquardt()
                .minimize(0, LevenbergMarquardtTest::decayResiduals, new double[] {1, 0.1}));
  }

  @Test
  void leavesTheStartAlone() {
    double[] start = {1, 0.1};
    new LevenbergMarquardt().minimize(T.length, LevenbergMarquardtTest::decayResiduals, start);
    assertArrayEquals(new double[] {1, 0.1}, start);
  }
}
