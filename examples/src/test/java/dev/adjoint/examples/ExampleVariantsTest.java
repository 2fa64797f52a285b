package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.examples.TwoMoons.Data;
import dev.adjoint.examples.TwoMoons.Network;
import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each variant in {@link ExampleVariants} has the example's value and gradient. */
class ExampleVariantsTest {

  private static final Random RANDOM = new Random(42);

  private static double[] normal(int n, double mean, double sd) {
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = mean + sd * RANDOM.nextGaussian();
    }
    return p;
  }

  private static void assertSame(
      DifferentiableFunction expected, DifferentiableFunction actual, double[] p, double tol) {
    double[] ge = new double[p.length];
    double[] ga = new double[p.length];
    double ve = expected.valueAndGradient(p, ge);
    double va = actual.valueAndGradient(p, ga);
    double scale = 1;
    for (double g : ge) {
      scale = Math.max(scale, Math.abs(g));
    }
    assertEquals(ve, va, tol * Math.max(1, Math.abs(ve)), "value");
    assertArrayEquals(ge, ga, tol * scale, "gradient");
    GradientCheck.check(actual, p).assertPassed();
  }

  @Test
  void rosenbrockVariants() {
    int n = 20;
    DifferentiableFunction main = Rosenbrock.function(n, false);
    DifferentiableFunction pow =
        DifferentiableFunction.of(n, ExampleVariantsDerivatives::rosenbrockPowValueAndGradient);
    DifferentiableFunction loop =
        DifferentiableFunction.of(n, ExampleVariantsDerivatives::rosenbrockWhileValueAndGradient);
    DifferentiableFunction chained = Rosenbrock.function(n, true);
    DifferentiableFunction constants =
        DifferentiableFunction.of(
            n, ExampleVariantsDerivatives::chainedRosenbrockConstantsValueAndGradient);
    for (int k = 0; k < 5; k++) {
      double[] p = k == 0 ? Rosenbrock.standardStart(n) : normal(n, 0, 1.5);
      assertSame(main, pow, p, 1e-12);
      assertSame(main, loop, p, 1e-12);
      assertSame(chained, constants, p, 1e-12);
    }
  }

  @Test
  void twoMoonsVariants() {
    Data data = TwoMoons.moons(60, 0.15, 3);
    int hidden = 5;
    DifferentiableFunction main = TwoMoons.objective(data, hidden);
    DifferentiableFunction hiddenArray = moons(data, hidden, true);
    DifferentiableFunction stable = moons(data, hidden, false);
    for (int k = 0; k < 5; k++) {
      double[] p = Network.random(hidden, RANDOM).flatten();
      for (int i = 0; i < p.length; i++) {
        p[i] = (1 + k) * p[i] + 0.1 * RANDOM.nextGaussian();
      }
      assertSame(main, hiddenArray, p, 1e-12);
      assertSame(main, stable, p, 1e-9);
    }
  }

  private static DifferentiableFunction moons(Data data, int hidden, boolean hiddenArray) {
    double[][] w1 = new double[hidden][2];
    double[] b1 = new double[hidden];
    double[] w2 = new double[hidden];
    return hiddenArray
        ? ExampleVariantsDerivatives.moonsHiddenArrayObjective(w1, b1, w2, 0, data.x(), data.y())
        : ExampleVariantsDerivatives.moonsStableObjective(w1, b1, w2, 0, data.x(), data.y());
  }

  @Test
  void oscillatorVariants() {
    double dt = DampedOscillator.DT;
    double[] observed = DampedOscillator.observe(4, 0.5, 0.02, 99);
    DifferentiableFunction main = DampedOscillator.objective(observed, dt);
    DifferentiableFunction scalars =
        DifferentiableFunction.of(
            2,
            (p, g) ->
                ExampleVariantsDerivatives.oscillatorScalarsValueAndGradient(
                    p[0], p[1], observed, dt, g));
    DifferentiableFunction trajectory =
        DifferentiableFunction.of(
            2,
            (p, g) ->
                ExampleVariantsDerivatives.oscillatorTrajectoryValueAndGradient(
                    p[0], p[1], observed, dt, g));
    DifferentiableFunction cloned =
        DifferentiableFunction.of(
            2,
            (p, g) ->
                ExampleVariantsDerivatives.oscillatorCloneValueAndGradient(
                    p[0], p[1], observed, dt, g));
    DifferentiableFunction doWhile =
        DifferentiableFunction.of(
            2,
            (p, g) ->
                ExampleVariantsDerivatives.oscillatorDoWhileValueAndGradient(
                    p[0], p[1], observed, dt, g));
    for (int k = 0; k < 6; k++) {
      double[] p = {0.5 + 7.5 * RANDOM.nextDouble(), 2 * RANDOM.nextDouble()};
      assertSame(main, scalars, p, 1e-12);
      assertSame(main, trajectory, p, 1e-12);
      assertSame(main, cloned, p, 1e-12);
      assertSame(main, doWhile, p, 1e-12);
    }
  }
}
