package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The losses of {@link ArrayStateBenchmark}, with fewer steps: the generated gradient equals the
 * hand-written adjoint (relative 1e-9 of the largest component) and central differences of the
 * primal on a few components (relative 1e-5, or 1e-8 of the largest component for a component near
 * 0), at the benchmark's point and at a point with exact zeros; the generated value is the
 * primal's, and the caller's arrays are left as they were.
 */
class ArrayStateGradientsTest {

  private static final double AGREE = 1e-9;
  private static final double DIFFERENCES = 1e-5;

  @Test
  void diffusionGradientsAgree() {
    ArrayStateBenchmark s = new ArrayStateBenchmark();
    s.setUp();
    checkDiffusion(s.u0, s.kappa, 400);
  }

  @Test
  void diffusionGradientsAgreeWithZeroKappaAndZeroCells() {
    ArrayStateBenchmark s = new ArrayStateBenchmark();
    s.setUp();
    double[] u0 = s.u0.clone();
    for (int i = 0; i < u0.length; i += 2) {
      u0[i] = 0;
    }
    checkDiffusion(u0, 0.0, 400);
  }

  @Test
  void gaussianProcessGradientsAgree() {
    ArrayStateBenchmark s = new ArrayStateBenchmark();
    s.setUp();
    checkGaussianProcess(s.logLengthscale, s.logVariance, s.logNoise, s.gpX, s.gpY);
  }

  @Test
  void gaussianProcessGradientsAgreeWithDuplicatePointsAndZeroTargets() {
    ArrayStateBenchmark s = new ArrayStateBenchmark();
    s.setUp();
    double[] x = s.gpX.clone();
    double[] y = s.gpY.clone();
    // equal points make equal kernel rows (only the noise keeps K invertible); log-parameters of 0
    for (int i = 0; i < x.length; i += 3) {
      x[i + 1] = x[i];
      y[i] = 0;
    }
    checkGaussianProcess(0.0, 0.0, Math.log(1e-2), x, y);
  }

  @Test
  void rk4GradientsAgree() {
    ArrayStateBenchmark s = new ArrayStateBenchmark();
    s.setUp();
    checkRk4(s.rk4U0, s.coupling, s.damping, s.rk4Target, ArrayStateBenchmark.RK4_DT, 300);
  }

  @Test
  void rk4GradientsAgreeFromRestWithoutDamping() {
    ArrayStateBenchmark s = new ArrayStateBenchmark();
    s.setUp();
    double[] u0 = new double[s.rk4U0.length];
    u0[3] = 0.7; // one pendulum displaced, every other position and every velocity exactly 0
    double[] target = new double[u0.length];
    checkRk4(u0, s.coupling, 0.0, target, ArrayStateBenchmark.RK4_DT, 300);
  }

  private static void checkDiffusion(double[] u0, double kappa, int steps) {
    int n = u0.length;
    double[] before = u0.clone();
    double[] generated = nans(n + 1);
    double value = DiffusionLossDerivatives.energyValueAndGradient(u0, kappa, steps, generated);
    assertArrayEquals(before, u0, 0.0, "u0 left as it was");
    double[] hand = nans(n + 1);
    double handValue =
        DiffusionLoss.handWritten(
            u0, kappa, steps, hand, new double[steps * n], new double[n], new double[n]);
    double primal = DiffusionLoss.energy(u0, kappa, steps);
    checkAll(
        "diffusion",
        primal,
        value,
        handValue,
        generated,
        hand,
        p -> DiffusionLoss.energy(Arrays.copyOf(p, n), p[n], steps),
        concat(u0, kappa),
        new int[] {0, 1, n / 2, n - 1, n});
  }

  private static void checkGaussianProcess(
      double logLengthscale, double logVariance, double logNoise, double[] x, double[] y) {
    int n = x.length;
    double[] generated = nans(3);
    double value =
        GaussianProcessLossDerivatives.nllValueAndGradient(
            logLengthscale, logVariance, logNoise, x, y, generated);
    double[] hand = nans(3);
    double handValue =
        GaussianProcessLoss.handWritten(
            logLengthscale,
            logVariance,
            logNoise,
            x,
            y,
            hand,
            new double[n][n],
            new double[n][n],
            new double[n]);
    double primal = GaussianProcessLoss.nll(logLengthscale, logVariance, logNoise, x, y);
    checkAll(
        "Gaussian process",
        primal,
        value,
        handValue,
        generated,
        hand,
        p -> GaussianProcessLoss.nll(p[0], p[1], p[2], x, y),
        new double[] {logLengthscale, logVariance, logNoise},
        new int[] {0, 1, 2});
  }

  private static void checkRk4(
      double[] u0, double coupling, double damping, double[] target, double dt, int steps) {
    int n = u0.length;
    double[] before = u0.clone();
    double[] generated = nans(n + 2);
    double value =
        Rk4LossDerivatives.lossValueAndGradient(
            u0, coupling, damping, target, dt, steps, generated);
    assertArrayEquals(before, u0, 0.0, "u0 left as it was");
    double[] hand = nans(n + 2);
    double handValue =
        Rk4Loss.handWritten(
            u0,
            coupling,
            damping,
            target,
            dt,
            steps,
            hand,
            new double[steps * n],
            new double[Rk4Loss.WORK_ROWS][n]);
    double primal = Rk4Loss.loss(u0, coupling, damping, target, dt, steps);
    checkAll(
        "RK4",
        primal,
        value,
        handValue,
        generated,
        hand,
        p -> Rk4Loss.loss(Arrays.copyOf(p, n), p[n], p[n + 1], target, dt, steps),
        concat(concat(u0, coupling), damping),
        new int[] {0, 3, n / 2 + 3, n - 1, n, n + 1});
  }

  private static void checkAll(
      String what,
      double primal,
      double generatedValue,
      double handValue,
      double[] generated,
      double[] hand,
      ToDoubleFunction<double[]> loss,
      double[] point,
      int[] components) {
    assertEquals(primal, generatedValue, 1e-12 * Math.abs(primal), what + ": generated value");
    assertEquals(primal, handValue, 1e-12 * Math.abs(primal), what + ": hand-written value");
    double scale = 0;
    for (double g : generated) {
      assertTrue(Double.isFinite(g), what + ": generated gradient " + Arrays.toString(generated));
      scale = Math.max(scale, Math.abs(g));
    }
    assertTrue(scale > 0, what + ": gradient is not all zero");
    assertArrayEquals(
        hand, generated, AGREE * scale, what + ": generated against hand-written gradient");
    for (int k : components) {
      // The five-point stencil: at kappa = 0 the diffusion loss bends so sharply in kappa (its
      // highest mode decays as (1 - 4 kappa)^steps) that the three-point one is off by 1e-4.
      double h = 1e-6 * Math.max(1, Math.abs(point[k]));
      double central =
          (8 * (at(loss, point, k, h) - at(loss, point, k, -h))
                  - (at(loss, point, k, 2 * h) - at(loss, point, k, -2 * h)))
              / (12 * h);
      assertEquals(
          central,
          generated[k],
          DIFFERENCES * Math.max(Math.abs(generated[k]), 1e-3 * scale),
          what + ": component " + k + " against central differences");
    }
  }

  private static double at(ToDoubleFunction<double[]> loss, double[] point, int k, double step) {
    double[] p = point.clone();
    p[k] = point[k] + step;
    return loss.applyAsDouble(p);
  }

  private static double[] nans(int length) {
    double[] a = new double[length];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  private static double[] concat(double[] a, double b) {
    double[] c = Arrays.copyOf(a, a.length + 1);
    c[a.length] = b;
    return c;
  }
}
