package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every stopping reason, fired through the optimizers, and the best point they return. */
class StoppingCriteriaTest {

  /** f(x) = Σ w_i x_i², minimized at 0. */
  private static final double[] W = {1, 4};

  private static DifferentiableFunction bowl() {
    return DifferentiableFunction.of(
        2,
        (x, g) -> {
          double f = 0;
          for (int i = 0; i < 2; i++) {
            f += W[i] * x[i] * x[i];
            g[i] = 2 * W[i] * x[i];
          }
          return f;
        });
  }

  private static final double[] START = {3, -2};

  private static double norm(double[] g) {
    return Math.hypot(g[0], g[1]);
  }

  private static GradientDescent descent(StoppingCriteria stopping) {
    return new GradientDescent(0.05, 0).withStopping(stopping);
  }

  @Test
  void anAbsoluteGradientToleranceStopsAtTheFirstSmallGradient() {
    Result r = descent(StoppingCriteria.none().withGradientTolerance(1e-3)).minimize(bowl(), START);
    assertEquals(Status.CONVERGED_GRADIENT, r.status());
    assertTrue(r.converged());
    assertTrue(r.gradientNorm() <= 1e-3, r::toString);
    // One step earlier the gradient was still above the tolerance.
    Result before =
        descent(StoppingCriteria.none().withMaxIterations(r.iterations() - 1))
            .minimize(bowl(), START);
    assertTrue(before.gradientNorm() > 1e-3, before::toString);
  }

  @Test
  void aRelativeGradientToleranceIsRelativeToTheInitialGradientNorm() {
    double[] g0 = new double[2];
    bowl().valueAndGradient(START, g0);
    Result r =
        descent(StoppingCriteria.none().withRelativeGradientTolerance(1e-6))
            .minimize(bowl(), START);
    assertEquals(Status.CONVERGED_GRADIENT, r.status());
    assertTrue(r.gradientNorm() <= 1e-6 * norm(g0), r::toString);
    assertTrue(r.gradientNorm() > 1e-7 * norm(g0), "not much later: " + r);
  }

  @Test
  void theFunctionChangeTestWaitsForItsPatience() {
    Result once =
        descent(StoppingCriteria.none().withFunctionTolerance(1e-6)).minimize(bowl(), START);
    Result thrice =
        descent(StoppingCriteria.none().withFunctionTolerance(1e-6, 3)).minimize(bowl(), START);
    assertEquals(Status.CONVERGED_FUNCTION_CHANGE, once.status());
    assertEquals(Status.CONVERGED_FUNCTION_CHANGE, thrice.status());
    assertEquals(once.iterations() + 2, thrice.iterations());
  }

  @Test
  void theStepTestComparesTheStepWithThePoint() {
    Result r = descent(StoppingCriteria.none().withStepTolerance(1e-6)).minimize(bowl(), START);
    assertEquals(Status.CONVERGED_STEP, r.status());
    assertTrue(r.converged());
  }

  @Test
  void theIterationLimitCountsUpdates() {
    Result r = descent(StoppingCriteria.none().withMaxIterations(7)).minimize(bowl(), START);
    assertEquals(Status.MAX_ITERATIONS, r.status());
    assertFalse(r.converged());
    assertEquals(7, r.iterations());
    assertEquals(8, r.evaluations());
  }

  @Test
  void theTimeLimitStopsASlowRun() {
    DifferentiableFunction slow =
        DifferentiableFunction.of(
            2,
            (x, g) -> {
              try {
                Thread.sleep(2);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return bowl().valueAndGradient(x, g);
            });
    Result r =
        new Adam(0.01, 1_000_000)
            .withStopping(
                StoppingCriteria.none()
                    .withMaxIterations(1_000_000)
                    .withTimeLimit(Duration.ofMillis(20)))
            .minimize(slow, START);
    assertEquals(Status.TIME_LIMIT, r.status());
    assertTrue(r.iterations() < 100, r::toString);
    assertTrue(r.elapsed().compareTo(Duration.ofMillis(20)) >= 0, r::toString);
  }

  @Test
  void aListenerStopsTheRunBeforeTheUpdate() {
    Result r =
        new GradientDescent(0.05, 1000)
            .onStep(
                s -> {
                  if (s.iteration() == 4) {
                    s.stop();
                  }
                })
            .minimize(bowl(), START);
    assertEquals(Status.STOPPED_BY_LISTENER, r.status());
    assertEquals(4, r.iterations());
    Result four = new GradientDescent(0.05, 4).minimize(bowl(), START);
    assertArrayEquals(four.lastPoint(), r.lastPoint(), 0);
  }

  @Test
  void aNonFiniteValueEndsTheRunWithTheLastFinitePointAsBest() {
    // A learning rate far above 1 / (2 max w) makes gradient descent diverge until it overflows.
    Result r = new GradientDescent(10, 100_000).minimize(bowl(), START);
    assertEquals(Status.NOT_FINITE, r.status());
    assertArrayEquals(START, r.point(), "the start had the lowest value");
    assertEquals(9 + 16, r.value(), 0);
    assertTrue(!Double.isFinite(r.lastValue()), r::toString);
  }

  @Test
  void theBestPointIsReturnedWhenTheLastIsWorse() {
    // Adam's steps of about the learning rate overshoot the minimum of x² and oscillate: the best
    // point of the run is not the last.
    DifferentiableFunction f =
        DifferentiableFunction.of(
            1,
            (x, g) -> {
              g[0] = 2 * x[0];
              return x[0] * x[0];
            });
    Result r = new Adam(0.5, 40).minimize(f, new double[] {1.25});
    assertTrue(r.value() < r.lastValue(), r::toString);
    assertEquals(r.point()[0] * r.point()[0], r.value(), 0);
    assertEquals(2 * Math.abs(r.point()[0]), r.gradientNorm(), 0);
    LossHistory history = new LossHistory();
    new Adam(0.5, 40).onStep(history).minimize(f, new double[] {1.25});
    double lowest = Double.POSITIVE_INFINITY;
    for (double v : history.values()) {
      lowest = Math.min(lowest, v);
    }
    assertEquals(Math.min(lowest, r.lastValue()), r.value(), 0);
  }

  @Test
  void withersKeepTheOtherSettingsAndValidate() {
    StoppingCriteria c =
        StoppingCriteria.none()
            .withMaxIterations(5)
            .withGradientTolerance(1e-3)
            .withRelativeGradientTolerance(1e-4)
            .withFunctionTolerance(1e-5, 2)
            .withStepTolerance(1e-6)
            .withTimeLimit(Duration.ofSeconds(3));
    assertEquals(5, c.maxIterations());
    assertEquals(1e-3, c.gradientTolerance());
    assertEquals(1e-4, c.relativeGradientTolerance());
    assertEquals(1e-5, c.functionTolerance());
    assertEquals(2, c.patience());
    assertEquals(1e-6, c.stepTolerance());
    assertEquals(Optional.of(Duration.ofSeconds(3)), c.timeLimit());
    assertEquals(Optional.empty(), c.withTimeLimit(null).timeLimit());
    assertEquals(Integer.MAX_VALUE, StoppingCriteria.none().maxIterations());
    assertEquals(c, c.withMaxIterations(5));
    assertThrows(IllegalArgumentException.class, () -> c.withMaxIterations(-1));
    assertThrows(IllegalArgumentException.class, () -> c.withGradientTolerance(-1));
    assertThrows(IllegalArgumentException.class, () -> c.withFunctionTolerance(1e-3, 0));
    assertThrows(IllegalArgumentException.class, () -> c.withStepTolerance(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> c.withTimeLimit(Duration.ZERO));
  }

  @Test
  void onlyTheConvergedStatusesSayConverged() {
    for (Status s : Status.values()) {
      assertEquals(s.name().startsWith("CONVERGED_"), s.converged(), s::name);
    }
  }
}
