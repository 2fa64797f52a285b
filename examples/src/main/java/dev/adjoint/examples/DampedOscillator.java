package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

public final class DampedOscillator {
  private DampedOscillator() {}

  @Differentiable
  static double loss(double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
    double[] state = {1.0, 0.0};
    double sum = 0;
    for (int i = 1; i < observed.length; i++) {
      double x = state[0];
      double v = state[1];
      state[0] = x + dt * v;
      state[1] = v + dt * (-c * v - k * x);
      double r = state[0] - observed[i];
      sum += r * r;
    }
    return sum;
  }

  @Differentiable
  static double lossScalars(double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
    double x = 1;
    double v = 0;
    double sum = 0;
    for (int i = 1; i < observed.length; i++) {
      double a = -c * v - k * x;
      x += dt * v;
      v += dt * a;
      double r = x - observed[i];
      sum += r * r;
    }
    return sum;
  }

  static void step(double[] state, double k, double c, double dt) {
    double x = state[0];
    double v = state[1];
    state[0] = x + dt * v;
    state[1] = v + dt * (-c * v - k * x);
  }

  @Differentiable
  static double lossWithStep(double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
    double[] state = {1.0, 0.0};
    double sum = 0;
    for (int i = 1; i < observed.length; i++) {
      step(state, k, c, dt);
      double r = state[0] - observed[i];
      sum += r * r;
    }
    return sum;
  }
}
