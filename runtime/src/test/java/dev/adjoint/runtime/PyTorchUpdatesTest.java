package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * SGD with momentum, dampening, Nesterov and weight decay, Adam with weight decay and AMSGrad, and
 * AdamW, against a few steps written out with the formulas of PyTorch's documentation.
 */
class PyTorchUpdatesTest {

  /** f(x) = (x - 3)⁴ / 4 + x² / 2, so the gradient changes nonlinearly between steps. */
  private static double gradient(double x) {
    return Math.pow(x - 3, 3) + x;
  }

  private static final DifferentiableFunction F =
      DifferentiableFunction.of(
          1,
          (x, g) -> {
            g[0] = gradient(x[0]);
            return Math.pow(x[0] - 3, 4) / 4 + x[0] * x[0] / 2;
          });

  private static final int STEPS = 4;
  private static final double X0 = 0.5;

  /** torch.optim.SGD's documented algorithm. */
  private static double sgd(
      double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
    double x = X0;
    double b = 0;
    for (int t = 1; t <= STEPS; t++) {
      double g = gradient(x);
      if (weightDecay != 0) {
        g = g + weightDecay * x;
      }
      if (momentum != 0) {
        b = t > 1 ? momentum * b + (1 - dampening) * g : g;
        g = nesterov ? g + momentum * b : b;
      }
      x = x - lr * g;
    }
    return x;
  }

  /** torch.optim.Adam's (decoupled = false) and torch.optim.AdamW's algorithms. */
  private static double adam(
      double lr, double b1, double b2, double eps, double wd, boolean amsgrad, boolean decoupled) {
    double x = X0;
    double m = 0;
    double v = 0;
    double vMax = 0;
    for (int t = 1; t <= STEPS; t++) {
      double g = gradient(x);
      if (decoupled) {
        x = x - lr * wd * x;
      } else if (wd != 0) {
        g = g + wd * x;
      }
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      double mHat = m / (1 - Math.pow(b1, t));
      // PyTorch's implementation keeps the maximum of the raw estimate and corrects it afterwards.
      vMax = Math.max(vMax, v);
      double vHat = (amsgrad ? vMax : v) / (1 - Math.pow(b2, t));
      x = x - lr * mHat / (Math.sqrt(vHat) + eps);
    }
    return x;
  }

  private static double last(GradientDescent optimizer) {
    return optimizer.withMaxIterations(STEPS).minimize(F, new double[] {X0}).lastPoint()[0];
  }

  @Test
  void sgdMatchesPyTorchWithEveryOption() {
    double lr = 0.02;
    GradientDescent sgd = new GradientDescent(lr, STEPS);
    assertEquals(sgd(lr, 0, 0, 0, false), last(sgd), 1e-14);
    assertEquals(sgd(lr, 0.9, 0, 0, false), last(sgd.withMomentum(0.9)), 1e-14);
    assertEquals(
        sgd(lr, 0.9, 0.3, 0, false), last(sgd.withMomentum(0.9).withDampening(0.3)), 1e-14);
    assertEquals(sgd(lr, 0.8, 0, 0, true), last(sgd.withMomentum(0.8).withNesterov(true)), 1e-14);
    assertEquals(
        sgd(lr, 0.8, 0, 0.1, true),
        last(sgd.withMomentum(0.8).withNesterov(true).withWeightDecay(0.1)),
        1e-14);
    assertEquals(sgd(lr, 0, 0, 0.5, false), last(sgd.withWeightDecay(0.5)), 1e-14);
    // Momentum really changes the path.
    assertEquals(1, Math.signum(Math.abs(sgd(lr, 0.9, 0, 0, false) - sgd(lr, 0, 0, 0, false))), 0);
  }

  @Test
  void nesterovNeedsMomentumAndNoDampening() {
    GradientDescent nesterov = new GradientDescent(0.1, 3).withNesterov(true);
    assertThrows(IllegalStateException.class, () -> nesterov.minimize(F, new double[] {X0}));
    assertThrows(
        IllegalStateException.class,
        () -> nesterov.withMomentum(0.9).withDampening(0.1).minimize(F, new double[] {X0}));
  }

  @Test
  void adamMatchesPyTorchWithWeightDecayAndAmsgrad() {
    double lr = 0.3;
    Adam adam = new Adam(lr, STEPS).withBetas(0.8, 0.9).withEpsilon(1e-3);
    double x = adam.minimize(F, new double[] {X0}).lastPoint()[0];
    assertEquals(adam(lr, 0.8, 0.9, 1e-3, 0, false, false), x, 1e-14);
    double decayed = adam.withWeightDecay(0.2).minimize(F, new double[] {X0}).lastPoint()[0];
    assertEquals(adam(lr, 0.8, 0.9, 1e-3, 0.2, false, false), decayed, 1e-14);
    double ams = adam.withAmsgrad(true).minimize(F, new double[] {X0}).lastPoint()[0];
    assertEquals(adam(lr, 0.8, 0.9, 1e-3, 0, true, false), ams, 1e-14);
  }

  @Test
  void adamWDecaysThePointBeforeTheAdamStep() {
    double lr = 0.3;
    AdamW adamW = new AdamW(lr, STEPS).withBetas(0.8, 0.9).withEpsilon(1e-3);
    assertEquals(AdamW.DEFAULT_WEIGHT_DECAY, adamW.weightDecay());
    double x = adamW.minimize(F, new double[] {X0}).lastPoint()[0];
    assertEquals(adam(lr, 0.8, 0.9, 1e-3, 0.01, false, true), x, 1e-14);
    double strong = adamW.withWeightDecay(0.5).minimize(F, new double[] {X0}).lastPoint()[0];
    assertEquals(adam(lr, 0.8, 0.9, 1e-3, 0.5, false, true), strong, 1e-14);
    double ams =
        adamW.withWeightDecay(0.5).withAmsgrad(true).minimize(F, new double[] {X0}).lastPoint()[0];
    assertEquals(adam(lr, 0.8, 0.9, 1e-3, 0.5, true, true), ams, 1e-14);
    // Without decay AdamW is Adam.
    double plain = adamW.withWeightDecay(0).minimize(F, new double[] {X0}).lastPoint()[0];
    assertEquals(adam(lr, 0.8, 0.9, 1e-3, 0, false, false), plain, 1e-14);
  }

  @Test
  void theScheduleSetsTheRateOfEachStep() {
    // Exponential decay by a half: step t uses lr / 2^t.
    double x = X0;
    for (int t = 0; t < STEPS; t++) {
      x -= 0.05 / Math.pow(2, t) * gradient(x);
    }
    Result r =
        new GradientDescent(0.05, STEPS)
            .withSchedule(LearningRateSchedule.exponential(0.5))
            .minimize(F, new double[] {X0});
    assertEquals(x, r.lastPoint()[0], 1e-14);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    GradientDescent sgd = new GradientDescent();
    assertEquals(GradientDescent.DEFAULT_LEARNING_RATE, sgd.learningRate());
    assertEquals(0, sgd.momentum());
    assertEquals(0, sgd.dampening());
    assertEquals(0, sgd.weightDecay());
    assertEquals(false, sgd.nesterov());
    Adam adam = new Adam();
    assertEquals(1e-3, adam.learningRate());
    assertEquals(0, adam.weightDecay());
    assertEquals(false, adam.amsgrad());
    AdamW adamW = new AdamW();
    assertEquals(1e-3, adamW.learningRate());
    assertEquals(0.9, adamW.beta1());
    assertEquals(0.999, adamW.beta2());
    assertEquals(1e-8, adamW.epsilon());
    assertEquals(1e-2, adamW.weightDecay());
    assertThrows(IllegalArgumentException.class, () -> sgd.withMomentum(1.5));
    assertThrows(IllegalArgumentException.class, () -> sgd.withWeightDecay(-1));
    assertThrows(IllegalArgumentException.class, () -> adamW.withWeightDecay(Double.NaN));
  }
}
