package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;

class LevenbergMarquardtTest {

  private static final double[] T = {0, 0.5, 1, 1.5, 2, 3, 4, 6};

  /** Noise added to the decay data for a fit whose residuals do not vanish. */
  private static final double[] NOISE = {0.03, -0.02, 0.05, -0.04, 0.01, 0.02, -0.03, 0.015};

  /** Residuals A exp(-k t_i) - y_i for data generated with A = 2.5, k = 0.7. */
  private static double[] decayResiduals(double[] p, double[][] jacobian) {
    return decay(p, jacobian, 0);
  }

  private static double[] noisyDecayResiduals(double[] p, double[][] jacobian) {
    return decay(p, jacobian, 1);
  }

  private static double[] decay(double[] p, double[][] jacobian, double noise) {
    double[] r = new double[T.length];
    for (int i = 0; i < T.length; i++) {
      double e = Math.exp(-p[1] * T[i]);
      r[i] = p[0] * e - 2.5 * Math.exp(-0.7 * T[i]) - noise * NOISE[i];
      if (jacobian != null) {
        jacobian[i][0] = e;
        jacobian[i][1] = -p[0] * T[i] * e;
      }
    }
    return r;
  }

  private static double sumOfSquares(double[] r) {
    double s = 0;
    for (double v : r) {
      s += v * v;
    }
    return s;
  }

  /** Hipparchus' Levenberg-Marquardt with its default tolerances on the same model. */
  private static double[] hipparchus(
      LevenbergMarquardt.ResidualsAndJacobian model, double[] start) {
    int m = T.length;
    int n = start.length;
    LeastSquaresOptimizer.Optimum optimum =
        new LevenbergMarquardtOptimizer()
            .optimize(
                new LeastSquaresBuilder()
                    .model(
                        point -> {
                          double[][] jacobian = new double[m][n];
                          double[] r = model.residuals(point.toArray(), jacobian);
                          return new Pair<RealVector, RealMatrix>(
                              new ArrayRealVector(r, false),
                              new Array2DRowRealMatrix(jacobian, false));
                        })
                    .target(new double[m])
                    .start(start.clone())
                    .maxIterations(1000)
                    .maxEvaluations(1000)
                    .build());
    return optimum.getPoint().toArray();
  }

  @Test
  void fitsAnExponentialDecayExactly() {
    Result r =
        new LevenbergMarquardt()
            .minimize(T.length, LevenbergMarquardtTest::decayResiduals, new double[] {1, 0.1});
    assertTrue(r.converged(), r::toString);
    assertArrayEquals(new double[] {2.5, 0.7}, r.point(), 1e-9, r::toString);
    assertTrue(r.value() < 1e-18, r::toString);
    assertEquals(sumOfSquares(decayResiduals(r.point(), null)), r.value(), 1e-30);
    assertTrue(r.iterations() >= 1 && r.evaluations() > r.iterations(), r::toString);
  }

  @Test
  void agreesWithHipparchusOnANoisyCurveFit() {
    for (double[] start : new double[][] {{1, 0.1}, {5, 2}, {0.5, 0.01}}) {
      Result r =
          new LevenbergMarquardt()
              .minimize(T.length, LevenbergMarquardtTest::noisyDecayResiduals, start);
      double[] reference = hipparchus(LevenbergMarquardtTest::noisyDecayResiduals, start);
      assertTrue(r.converged(), r::toString);
      assertArrayEquals(reference, r.point(), 1e-8, r::toString);
      assertTrue(r.value() > 1e-3, "the noise leaves a residual: " + r);
      assertTrue(r.gradientNorm() < 1e-6, r::toString);
    }
  }

  @Test
  void fitsALineByLeastSquaresWithSeparateResidualsAndJacobian() {
    // y = 1, 2, 2, 4 at x = 0..3: the least-squares line is y = 0.9 + 0.9 x, sum of squares 0.7.
    double[] y = {1, 2, 2, 4};
    int[] jacobians = {0};
    Result r =
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
                  jacobians[0]++;
                  for (int i = 0; i < 4; i++) {
                    jacobian[i][0] = 1;
                    jacobian[i][1] = i;
                  }
                },
                new double[] {10, -10});
    assertTrue(r.converged(), r::toString);
    assertArrayEquals(new double[] {0.9, 0.9}, r.point(), 1e-10, r::toString);
    assertEquals(0.7, r.value(), 1e-10);
    // The Jacobian is evaluated at the start and at accepted points only.
    assertEquals(r.iterations() + 1, jacobians[0], r::toString);
  }

  @Test
  void solvesRosenbrockAsAResidualModel() {
    // 100 (x2 - x1²)² + (1 - x1)² = r1² + r2² with r1 = 10 (x2 - x1²), r2 = 1 - x1.
    List<Double> values = new ArrayList<>();
    Result r =
        new LevenbergMarquardt()
            .onStep(s -> values.add(s.value()))
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
    assertEquals(24.2, values.get(0), 1e-12);
    for (int k = 1; k < values.size(); k++) {
      assertTrue(values.get(k) < values.get(k - 1), values::toString);
    }
  }

  @Test
  void reportsTheIterationLimitAndAWrongJacobianAsStatuses() {
    Result limited =
        new LevenbergMarquardt()
            .withMaxIterations(2)
            .minimize(T.length, LevenbergMarquardtTest::decayResiduals, new double[] {1, 0.1});
    assertEquals(Status.MAX_ITERATIONS, limited.status());
    assertEquals(2, limited.iterations());
    Result wrong =
        new LevenbergMarquardt()
            .minimize(
                T.length,
                (p, j) -> {
                  double[] r = decayResiduals(p, j);
                  for (double[] row : j) {
                    row[0] = -row[0];
                    row[1] = -row[1];
                  }
                  return r;
                },
                new double[] {1, 0.1});
    assertEquals(Status.LINE_SEARCH_FAILED, wrong.status(), wrong::toString);
    assertArrayEquals(new double[] {1, 0.1}, wrong.point());
    Result stopped =
        new LevenbergMarquardt()
            .onStep(Step::stop)
            .minimize(T.length, LevenbergMarquardtTest::decayResiduals, new double[] {1, 0.1});
    assertEquals(Status.STOPPED_BY_LISTENER, stopped.status());
    assertEquals(0, stopped.iterations());
  }

  @Test
  void aNonFiniteResidualEndsTheRun() {
    Result r =
        new LevenbergMarquardt().minimize(1, (p, j) -> new double[] {Double.NaN}, new double[] {1});
    assertEquals(Status.NOT_FINITE, r.status());
    assertNotEquals(Status.LINE_SEARCH_FAILED, r.status());
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LevenbergMarquardt()
                .minimize(
                    T.length + 1, LevenbergMarquardtTest::decayResiduals, new double[] {1, 0.1}));
    assertThrows(
        IllegalArgumentException.class, () -> new LevenbergMarquardt().withMaxIterations(-1));
    assertThrows(
        IllegalArgumentException.class, () -> new LevenbergMarquardt().withInitialDamping(0));
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
