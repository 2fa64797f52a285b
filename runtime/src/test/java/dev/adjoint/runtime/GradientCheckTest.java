package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

  private static final double[][] POINTS = {
    {-1.2, 1.0, 0.5}, {0.3, -0.7, 2.0}, {1.0, 1.0, 1.0}, {2.5, -3.0, 0.0}
  };

  @Test
  void correctRosenbrockGradientPasses() {
    for (double[] p : POINTS) {
      GradientCheck.Result r = GradientCheck.check(Rosenbrock::value, Rosenbrock::gradient, p);
      assertTrue(r.passed(), r::toString);
      assertTrue(r.worstToleranceRatio() <= 1, r::toString);
      assertEquals(3, r.dimension());
    }
  }

  @Test
  void correctRosenbrockGradientPassesThroughDifferentiableFunction() {
    Random random = new Random(7);
    DifferentiableFunction f = Rosenbrock.function(5);
    for (int k = 0; k < 20; k++) {
      double[] p = new double[5];
      for (int i = 0; i < p.length; i++) {
        p[i] = 4 * random.nextDouble() - 2;
      }
      GradientCheck.check(f, p).assertPassed();
    }
  }

  @Test
  void wrongRosenbrockGradientFailsAndNamesTheComponent() {
    double[] p = {-1.2, 1.0, 0.5};
    GradientCheck.Result r = GradientCheck.check(Rosenbrock::value, Rosenbrock::wrongGradient, p);
    assertFalse(r.passed(), r::toString);
    // Components 0 and 1 are wrong (the missing 200 x_i u_i, with u_i = x_{i+1} - x_i^2):
    // component 0 is off by 105.6 of 215.6, component 1 by 100 of 112, so 1 is the worst.
    assertEquals(0, r.analytic()[2] - r.numeric()[2], 1e-5, r::toString);
    assertEquals(105.6, r.analytic()[0] - r.numeric()[0], 1e-5, r::toString);
    assertEquals(1, r.worstIndex(), r::toString);
    assertEquals(100 / 112.0, r.worstRelativeError(), 1e-6, r::toString);
    assertTrue(r.worstRelativeError() > 0.1, r::toString);
    assertTrue(r.worstToleranceRatio() > 1, r::toString);
    assertTrue(r.toString().startsWith("GradientCheck FAILED (3 components"), r::toString);
    assertTrue(r.toString().contains("worst component 1"), r::toString);
    assertThrows(AssertionError.class, r::assertPassed);
  }

  @Test
  void numericGradientIsAccurate() {
    double[] p = {0.3, -0.7, 2.0};
    double[] expected = new double[3];
    Rosenbrock.gradient(p, expected);
    GradientCheck.Result r = GradientCheck.check(Rosenbrock::value, Rosenbrock::gradient, p);
    assertArrayEquals(expected, r.analytic());
    for (int i = 0; i < 3; i++) {
      assertEquals(expected[i], r.numeric()[i], 1e-6 * Math.max(1, Math.abs(expected[i])));
    }
  }

  @Test
  void passRuleIsAtolPlusRtolTimesNumeric() {
    // f(x) = 1000 x has numeric derivative 1000 (exactly enough); allowed error 1e-5 + 1e-3 * 1000.
    double[] p = {0.5};
    GradientCheck.Result inside =
        GradientCheck.check(x -> 1000 * x[0], (x, g) -> g[0] = 1000 + 0.99, p);
    assertTrue(inside.passed(), inside::toString);
    GradientCheck.Result outside =
        GradientCheck.check(x -> 1000 * x[0], (x, g) -> g[0] = 1000 + 1.01, p);
    assertFalse(outside.passed(), outside::toString);
    assertEquals(1.01 / (1e-5 + 1e-3 * 1000), outside.worstToleranceRatio(), 1e-6);
    assertEquals(0.99 / (1e-5 + 1e-3 * 1000), inside.worstToleranceRatio(), 1e-6);
    assertTrue(outside.toString().contains("1.01 x allowed"), outside::toString);
    // Looser tolerances make the same gradient pass; tighter ones make a tiny error fail.
    assertTrue(
        GradientCheck.check(x -> 1000 * x[0], (x, g) -> g[0] = 1001.01, p, 0, 2e-3).passed());
    assertFalse(GradientCheck.check(x -> 3 * x[0], (x, g) -> g[0] = 3 + 1e-4, p, 0, 1e-6).passed());
  }

  @Test
  void zeroDerivativeUsesAbsoluteTolerance() {
    double[] p = {0.0, 2.0};
    // d/dx0 of x0^2 at 0 is 0; a tiny analytic error within atol passes.
    GradientCheck.Result r =
        GradientCheck.check(
            x -> x[0] * x[0] + x[1],
            (x, g) -> {
              g[0] = 5e-6;
              g[1] = 1;
            },
            p);
    assertTrue(r.passed(), r::toString);
    assertEquals(0, r.worstIndex(), r::toString);
  }

  @Test
  void stepScalesWithTheCoordinate() {
    // At x = 1e8 an absolute step of 1e-6 would be lost in rounding; the relative step is not.
    double[] p = {1e8};
    GradientCheck.Result r = GradientCheck.check(x -> x[0] * x[0], (x, g) -> g[0] = 2 * x[0], p);
    assertTrue(r.passed(), r::toString);
    assertEquals(2e8, r.numeric()[0], 2e8 * 1e-6);
  }

  @Test
  void nanGradientFails() {
    GradientCheck.Result r =
        GradientCheck.check(
            x -> x[0] + x[1],
            (x, g) -> {
              g[0] = 1;
              g[1] = Double.NaN;
            },
            new double[] {1, 2});
    assertFalse(r.passed());
    assertEquals(1, r.worstIndex());
  }

  @Test
  void accumulatingImplementationFails() {
    // Adds into the gradient instead of overwriting: the NaN pre-fill exposes it.
    DifferentiableFunction accumulating =
        DifferentiableFunction.of(
            2,
            (x, g) -> {
              g[0] += 2 * x[0];
              g[1] += 2 * x[1];
              return x[0] * x[0] + x[1] * x[1];
            });
    assertFalse(GradientCheck.check(accumulating, new double[] {1, 2}).passed());
  }

  @Test
  void unwrittenElementFails() {
    DifferentiableFunction partial =
        DifferentiableFunction.of(
            2,
            (x, g) -> {
              g[0] = 2 * x[0];
              return x[0] * x[0];
            });
    GradientCheck.Result r = GradientCheck.check(partial, new double[] {1, 2});
    assertFalse(r.passed());
    assertEquals(1, r.worstIndex());
  }

  @Test
  void pointIsNotModified() {
    double[] p = {0.3, -0.7, 2.0};
    double[] copy = p.clone();
    GradientCheck.check(Rosenbrock.function(3), p);
    GradientCheck.check(Rosenbrock::value, Rosenbrock::gradient, p);
    assertArrayEquals(copy, p);
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(
        IllegalArgumentException.class,
        () -> GradientCheck.check(Rosenbrock.function(3), new double[2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> GradientCheck.check(Rosenbrock.function(3), new double[3], -1, 1e-3));
    assertThrows(
        IllegalArgumentException.class,
        () -> GradientCheck.check(Rosenbrock.function(3), new double[3], 1e-5, Double.NaN));
  }
}
