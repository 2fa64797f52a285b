package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * A time-stepping loss: explicit Euler steps of a damped oscillator x'' + c x' + k x = 0 from (1,
 * 0), squared error against an observed trajectory; and its hand-written adjoint, which stores the
 * trajectory and runs the steps backwards: the baseline of {@link OscillatorBenchmark}.
 */
final class OscillatorLoss {
  private OscillatorLoss() {}

  @Differentiable
  static double loss(double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
    double x = 1;
    double v = 0;
    double loss = 0;
    for (int t = 0; t < observed.length; t++) {
      double a = -k * x - c * v;
      x = x + dt * v;
      v = v + dt * a;
      loss += (x - observed[t]) * (x - observed[t]);
    }
    return loss;
  }

  /** The adjoint by hand: forward with the states kept in the caller's arrays, then backwards. */
  static double handWritten(
      double k,
      double c,
      double[] observed,
      double dt,
      double[] gradient,
      double[] xs,
      double[] vs) {
    int n = observed.length;
    double x = 1;
    double v = 0;
    double loss = 0;
    for (int t = 0; t < n; t++) {
      xs[t] = x;
      vs[t] = v;
      double a = -k * x - c * v;
      x = x + dt * v;
      v = v + dt * a;
      loss += (x - observed[t]) * (x - observed[t]);
    }
    double xBar = 0;
    double vBar = 0;
    double kBar = 0;
    double cBar = 0;
    for (int t = n - 1; t >= 0; t--) {
      double xt = xs[t];
      double vt = vs[t];
      double xNew = xt + dt * vt;
      xBar += 2 * (xNew - observed[t]);
      double aBar = vBar * dt;
      // v_new = v + dt a, x_new = x + dt v, a = -k x - c v
      double vBarOld = vBar + xBar * dt - aBar * c;
      double xBarOld = xBar - aBar * k;
      kBar -= aBar * xt;
      cBar -= aBar * vt;
      xBar = xBarOld;
      vBar = vBarOld;
    }
    gradient[0] = kBar;
    gradient[1] = cBar;
    return loss;
  }
}
