package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.GradientDescent;
import dev.adjoint.runtime.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training reproduces the seed's numbers and converges to the least-squares optimum. */
class SineFitTrainingTest {

  private static final SineData DATA = SineData.tutorial();
  private static final Cubic OPTIMUM = LeastSquaresCubic.fit(DATA);

  @Test
  void seedFiguresAfter2000StepsFromZeros() {
    Cubic fit = SineFit.train(DATA, new double[4], 1e-6, 2000, SineFit.LossLog.NONE);
    assertEquals(9.01295, fit.loss(DATA), 1e-4);
    assertEquals(-0.0913917, fit.a(), 1e-6);
    assertEquals(0.8431111, fit.c(), 1e-6);
    // The data are odd in x, so the even coefficients stay at 0 from a zero start.
    assertEquals(0, fit.b(), 1e-12);
    assertEquals(0, fit.d(), 1e-12);
  }

  @Test
  void lossIsLoggedAtEveryStepAndDecreases() {
    List<Integer> steps = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    SineFit.train(
        DATA,
        new double[4],
        1e-6,
        2000,
        (t, loss) -> {
          steps.add(t);
          losses.add(loss);
        });
    assertEquals(2000, steps.size());
    for (int k = 0; k < 2000; k++) {
      assertEquals(k, steps.get(k));
      if (k > 0) {
        assertTrue(losses.get(k) < losses.get(k - 1), "loss decreases at step " + k);
      }
    }
  }

  @Test
  void convergesToTheLeastSquaresOptimumAtTheTutorialRate() {
    // The slowest mode contracts by about 1 - 1.7e-3 per step at lr 1e-6: 20 000 steps suffice.
    for (double[] init : new double[][] {new double[4], SineFitOptions.parse().initialValues()}) {
      Cubic fit = SineFit.train(DATA, init, 1e-6, 20_000, SineFit.LossLog.NONE);
      assertCloseToOptimum(fit, 1e-8);
    }
  }

  @Test
  void convergesFasterAtTheLargestStableRate() {
    // lr must stay below 2 / λmax(Hessian) ≈ 3.57e-6; 3.5e-6 converges in about 4000 steps.
    double[] init = {3, -3, 3, -3};
    Cubic fit = SineFit.train(DATA, init, 3.5e-6, 6000, SineFit.LossLog.NONE);
    assertCloseToOptimum(fit, 1e-8);
  }

  @Test
  void divergesAtLearningRate1eMinus5() {
    Cubic fit = SineFit.train(DATA, new double[4], 1e-5, 200, SineFit.LossLog.NONE);
    double loss = fit.loss(DATA);
    assertTrue(Double.isNaN(loss) || loss > 1e6, "loss " + loss);
  }

  @Test
  void leastSquaresOptimumMatchesTheSeed() {
    assertEquals(-0.0933303890405988, OPTIMUM.a(), 1e-12);
    assertEquals(0, OPTIMUM.b(), 1e-12);
    assertEquals(0.856740843073785, OPTIMUM.c(), 1e-12);
    assertEquals(0, OPTIMUM.d(), 1e-12);
    assertEquals(8.817165, OPTIMUM.loss(DATA), 1e-6);
  }

  @Test
  void runtimeGradientDescentTakesTheSameSteps() {
    double[] x = DATA.x();
    double[] y = DATA.y();
    DifferentiableFunction f =
        DifferentiableFunction.of(
            4, (p, g) -> SineFitDerivatives.lossValueAndGradient(p[0], p[1], p[2], p[3], x, y, g));
    Result r = new GradientDescent(1e-6, 2000).minimize(f, new double[4]);
    Cubic fit = SineFit.train(DATA, new double[4], 1e-6, 2000, SineFit.LossLog.NONE);
    assertEquals(fit.a(), r.point()[0], 0);
    assertEquals(fit.b(), r.point()[1], 0);
    assertEquals(fit.c(), r.point()[2], 0);
    assertEquals(fit.d(), r.point()[3], 0);
    assertEquals(fit.loss(DATA), r.value(), 1e-9);
  }

  private static void assertCloseToOptimum(Cubic fit, double tolerance) {
    assertEquals(OPTIMUM.a(), fit.a(), tolerance, "a");
    assertEquals(OPTIMUM.b(), fit.b(), tolerance, "b");
    assertEquals(OPTIMUM.c(), fit.c(), tolerance, "c");
    assertEquals(OPTIMUM.d(), fit.d(), tolerance, "d");
    assertEquals(OPTIMUM.loss(DATA), fit.loss(DATA), 1e-9, "loss");
  }
}
