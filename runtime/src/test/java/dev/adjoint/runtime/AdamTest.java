package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

  /** f(x) = sum_i w_i (x_i - c_i)^2, minimized at c with value 0. */
  private static final double[] W = {1, 30, 0.05};

  private static final double[] C = {2, -1, 0.25};

  private static DifferentiableFunction quadratic() {
    return DifferentiableFunction.of(
        3,
        (x, g) -> {
          double f = 0;
          for (int i = 0; i < 3; i++) {
            double r = x[i] - C[i];
            f += W[i] * r * r;
            g[i] = 2 * W[i] * r;
          }
          return f;
        });
  }

  @Test
  void firstStepMovesEveryCoordinateByTheLearningRate() {
    // m1 = (1 - b1) g and v1 = (1 - b2) g^2, so the corrected ratio is g / |g| = sign(g).
    Result r = new Adam(0.05, 1).minimize(quadratic(), new double[3]);
    for (int i = 0; i < 3; i++) {
      // epsilon = 1e-8 in the denominator shortens the step by a relative 1e-8 / |g_i|.
      assertEquals(0.05 * Math.signum(C[i]), r.point()[i], 1e-7, "component " + i);
    }
  }

  @Test
  void matchesAHandComputedReferenceOnOneCoordinate() {
    // Three steps on f(x) = (x - 3)^2 from 0, written out with PyTorch's formula.
    DifferentiableFunction f =
        DifferentiableFunction.of(
            1,
            (x, g) -> {
              g[0] = 2 * (x[0] - 3);
              return (x[0] - 3) * (x[0] - 3);
            });
    double lr = 0.1;
    double b1 = 0.8;
    double b2 = 0.99;
    double eps = 1e-3;
    double x = 0;
    double m = 0;
    double v = 0;
    for (int t = 1; t <= 3; t++) {
      double g = 2 * (x - 3);
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      double mHat = m / (1 - Math.pow(b1, t));
      double vHat = v / (1 - Math.pow(b2, t));
      x -= lr * mHat / (Math.sqrt(vHat) + eps);
    }
    Result r = new Adam(lr, 3).withBetas(b1, b2).withEpsilon(eps).minimize(f, new double[] {0});
    assertEquals(x, r.point()[0], 1e-14);
    assertEquals((x - 3) * (x - 3), r.value(), 1e-13);
    assertEquals(3, r.iterations());
  }

  @Test
  void convergesOnABadlyScaledQuadratic() {
    // Adam's per-coordinate scaling copes with weights from 0.05 to 30 at one learning rate.
    Result r = new Adam(0.01, 5000).minimize(quadratic(), new double[3]);
    assertArrayEquals(C, r.point(), 1e-4);
    assertTrue(r.value() < 1e-8, r.toString());
  }

  @Test
  void minimizesTheRosenbrockFunction() {
    Result r = new Adam(0.02, 20_000).minimize(Rosenbrock.function(2), new double[] {-1.2, 1});
    assertArrayEquals(new double[] {1, 1}, r.point(), 1e-3);
  }

  @Test
  void callbackSeesEveryStepBeforeTheUpdate() {
    List<double[]> seen = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    Result r =
        new Adam(0.1, 4)
            .onStep(
                s -> {
                  assertEquals(seen.size(), s.iteration());
                  seen.add(s.point().clone());
                  values.add(s.value());
                })
            .minimize(quadratic(), new double[3]);
    assertEquals(4, seen.size());
    assertArrayEquals(new double[3], seen.get(0));
    assertEquals(quadratic().value(seen.get(3)), values.get(3), 0);
    Result three = new Adam(0.1, 3).minimize(quadratic(), new double[3]);
    assertArrayEquals(three.lastPoint(), seen.get(3), 0);
    assertEquals(4, r.iterations());
  }

  @Test
  void everyListenerFiresOnTheLastStepOfEachPeriod() {
    List<Integer> steps = new ArrayList<>();
    new Adam(1e-3, 250)
        .onStep(StepListener.every(100, s -> steps.add(s.iteration())))
        .minimize(quadratic(), new double[3]);
    assertEquals(List.of(99, 199), steps);
  }

  @Test
  void zeroGradientLeavesTheCoordinateAlone() {
    DifferentiableFunction f =
        DifferentiableFunction.of(
            2,
            (x, g) -> {
              g[0] = 2 * x[0];
              g[1] = 0;
              return x[0] * x[0];
            });
    Result r = new Adam(0.1, 50).minimize(f, new double[] {1, 7});
    assertEquals(7, r.point()[1], 0);
  }

  @Test
  void initialPointIsNotModifiedAndResultIsFresh() {
    double[] x0 = {1, 1, 1};
    Result r = new Adam(0.1, 3).minimize(quadratic(), x0);
    assertArrayEquals(new double[] {1, 1, 1}, x0);
    assertNotSame(x0, r.point());
  }

  @Test
  void withersKeepTheOtherSettings() {
    Adam a =
        new Adam(0.5, 7)
            .withLearningRate(0.25)
            .withMaxIterations(9)
            .withBetas(0.5, 0.6)
            .withEpsilon(0);
    assertEquals(0.25, a.learningRate());
    assertEquals(9, a.stopping().maxIterations());
    assertEquals(0.5, a.beta1());
    assertEquals(0.6, a.beta2());
    assertEquals(0, a.epsilon());
    Adam d = new Adam(Adam.DEFAULT_LEARNING_RATE, 1);
    assertEquals(Adam.DEFAULT_BETA1, d.beta1());
    assertEquals(Adam.DEFAULT_BETA2, d.beta2());
    assertEquals(Adam.DEFAULT_EPSILON, d.epsilon());
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> new Adam(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN, 10));
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, -1));
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1).withBetas(1, 0.9));
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1).withBetas(0.9, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1).withEpsilon(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Adam(0.1, 1).minimize(quadratic(), new double[2]));
  }
}
