package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

  /** f(x) = sum_i w_i (x_i - c_i)^2, minimized at c with value 0. */
  private static final double[] W = {1, 3, 0.5};

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
  void convergesToTheMinimizerOfAQuadratic() {
    Result r = new GradientDescent(0.1, 500).minimize(quadratic(), new double[3]);
    assertArrayEquals(C, r.point(), 1e-12);
    assertEquals(0, r.value(), 1e-20);
    assertEquals(500, r.iterations());
  }

  @Test
  void takesExactlyThePlainUpdate() {
    // One step from 0: x1 = 0 - lr * 2 w (0 - c) = 2 lr w c.
    double lr = 0.01;
    Result r = new GradientDescent(lr, 1).minimize(quadratic(), new double[3]);
    for (int i = 0; i < 3; i++) {
      assertEquals(2 * lr * W[i] * C[i], r.point()[i], 1e-15);
    }
    // Each coordinate contracts by (1 - 2 lr w) per step.
    Result r10 = new GradientDescent(lr, 10).minimize(quadratic(), new double[3]);
    for (int i = 0; i < 3; i++) {
      double expected = C[i] * (1 - Math.pow(1 - 2 * lr * W[i], 10));
      assertEquals(expected, r10.point()[i], 1e-14);
    }
  }

  @Test
  void callbackSeesEveryStepBeforeTheUpdate() {
    List<double[]> seen = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    GradientDescent gd =
        new GradientDescent(0.1, 5)
            .onStep(
                s -> {
                  assertEquals(seen.size(), s.iteration());
                  seen.add(s.point().clone());
                  values.add(s.value());
                });
    Result r = gd.minimize(quadratic(), new double[3]);
    assertEquals(5, seen.size());
    assertArrayEquals(new double[3], seen.get(0));
    double[] g = new double[3];
    assertEquals(quadratic().valueAndGradient(seen.get(4), g), values.get(4), 0);
    // The final point is one update past the last point the callback saw.
    for (int i = 0; i < 3; i++) {
      assertEquals(seen.get(4)[i] - 0.1 * g[i], r.lastPoint()[i], 1e-15);
    }
  }

  @Test
  void everyFiresLikeTheTutorial() {
    List<Integer> steps = new ArrayList<>();
    new GradientDescent(1e-3, 450)
        .onStep(StepListener.every(100, s -> steps.add(s.iteration())))
        .minimize(quadratic(), new double[3]);
    assertEquals(List.of(99, 199, 299, 399), steps);
  }

  @Test
  void initialPointIsNotModifiedAndResultIsFresh() {
    double[] x0 = {1, 1, 1};
    Result r = new GradientDescent(0.1, 3).minimize(quadratic(), x0);
    assertArrayEquals(new double[] {1, 1, 1}, x0);
    assertNotSame(x0, r.point());
  }

  @Test
  void zeroStepsReturnsTheStartingValue() {
    Result r = new GradientDescent(0.1, 0).minimize(quadratic(), new double[3]);
    assertEquals(4 + 3 + 0.5 * 0.0625, r.value(), 1e-15);
    assertEquals(0, r.iterations());
  }

  @Test
  void withersKeepTheOtherSettings() {
    GradientDescent gd = new GradientDescent(0.5, 7).withLearningRate(0.25).withMaxIterations(9);
    assertEquals(0.25, gd.learningRate());
    assertEquals(9, gd.stopping().maxIterations());
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> new GradientDescent(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new GradientDescent(Double.NaN, 10));
    assertThrows(IllegalArgumentException.class, () -> new GradientDescent(0.1, -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new GradientDescent(0.1, 1).minimize(quadratic(), new double[2]));
    assertThrows(IllegalArgumentException.class, () -> StepListener.every(0, s -> {}));
  }
}
