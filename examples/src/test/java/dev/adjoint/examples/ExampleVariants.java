package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Other ways a scientist might write the three examples' functions. {@link ExampleVariantsTest}
 * checks that Adjoint differentiates each one to the same gradient as the example's own version.
 */
final class ExampleVariants {

  private ExampleVariants() {}

  // Helpers are repeated here rather than calling the examples' own: test sources are a separate
  // compilation, and the processor inlines only callees whose source it compiles (AD301 otherwise).

  static double square(double u) {
    return u * u;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  static double logit(double[][] w1, double[] b1, double[] w2, double b2, double[] input) {
    double z = b2;
    for (int j = 0; j < w2.length; j++) {
      double a = b1[j];
      for (int k = 0; k < input.length; k++) {
        a += w1[j][k] * input[k];
      }
      z += w2[j] * Math.tanh(a);
    }
    return z;
  }

  static void eulerStep(double[] state, double k, double c, double dt) {
    double x = state[0];
    double v = state[1];
    state[0] = x + dt * v;
    state[1] = v + dt * (-c * v - k * x);
  }

  /** The Rosenbrock constants {@code a} and {@code b} of {@code (a - x)² + b (y - x²)²}. */
  static final double A = 1.0;

  static final double B = 100.0;

  /** {@link Rosenbrock#chainedRosenbrock} with its constants as {@code static final} fields. */
  @Differentiable
  static double chainedRosenbrockConstants(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      sum += B * square(x[i + 1] - x[i] * x[i]) + square(A - x[i]);
    }
    return sum;
  }

  /** {@link Rosenbrock#rosenbrock} with {@code Math.pow}. */
  @Differentiable
  static double rosenbrockPow(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length / 2; i++) {
      sum += 100 * Math.pow(x[2 * i + 1] - Math.pow(x[2 * i], 2), 2) + Math.pow(1 - x[2 * i], 2);
    }
    return sum;
  }

  /** {@link Rosenbrock#rosenbrock} with a while loop over pairs and a helper. */
  @Differentiable
  static double rosenbrockWhile(double[] x) {
    double sum = 0;
    int i = 0;
    while (i + 1 < x.length) {
      sum += 100 * square(x[i + 1] - square(x[i])) + square(1 - x[i]);
      i += 2;
    }
    return sum;
  }

  /** {@link TwoMoons#loss} with the hidden activations in a local array reused per point. */
  @Differentiable
  static double moonsHiddenArray(
      double[][] w1,
      double[] b1,
      double[] w2,
      double b2,
      @NoDerivative double[][] x,
      @NoDerivative double[] y) {
    int n = x.length;
    double[] h = new double[b1.length];
    double total = 0;
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < h.length; j++) {
        double a = b1[j];
        for (int k = 0; k < x[s].length; k++) {
          a += w1[j][k] * x[s][k];
        }
        h[j] = Math.tanh(a);
      }
      double z = b2;
      for (int j = 0; j < h.length; j++) {
        z += w2[j] * h[j];
      }
      double p = sigmoid(z);
      total -= y[s] * Math.log(p) + (1 - y[s]) * Math.log(1 - p);
    }
    return total / n;
  }

  /** {@link TwoMoons#loss} in the overflow-safe form {@code max(z, 0) - y z + log1p(e^-|z|)}. */
  @Differentiable
  static double moonsStable(
      double[][] w1,
      double[] b1,
      double[] w2,
      double b2,
      @NoDerivative double[][] x,
      @NoDerivative double[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = logit(w1, b1, w2, b2, x[i]);
      total += Math.max(z, 0) - y[i] * z + Math.log1p(Math.exp(-Math.abs(z)));
    }
    return total / x.length;
  }

  /** {@link DampedOscillator#loss} with scalar state. */
  @Differentiable
  static double oscillatorScalars(
      double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
    double x = 1;
    double v = 0;
    double sum = 0;
    for (int i = 1; i < observed.length; i++) {
      double a = -c * v - k * x;
      x += dt * v;
      v += dt * a;
      sum += (x - observed[i]) * (x - observed[i]);
    }
    return sum;
  }

  /** {@link DampedOscillator#loss} storing the whole trajectory, then comparing. */
  @Differentiable
  static double oscillatorTrajectory(
      double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
    int n = observed.length;
    double[][] state = new double[n][2];
    state[0][0] = 1;
    state[0][1] = 0;
    for (int i = 1; i < n; i++) {
      state[i][0] = state[i - 1][0] + dt * state[i - 1][1];
      state[i][1] = state[i - 1][1] + dt * (-c * state[i - 1][1] - k * state[i - 1][0]);
    }
    double sum = 0;
    for (int i = 1; i < n; i++) {
      double error = state[i][0] - observed[i];
      sum += error * error;
    }
    return sum;
  }

  /** {@link DampedOscillator#loss} copying the previous state with {@code clone()}. */
  @Differentiable
  static double oscillatorClone(
      double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
    double[] state = {1.0, 0.0};
    double sum = 0;
    for (int i = 1; i < observed.length; i++) {
      double[] previous = state.clone();
      state[0] = previous[0] + dt * previous[1];
      state[1] = previous[1] + dt * (-c * previous[1] - k * previous[0]);
      sum += square(state[0] - observed[i]);
    }
    return sum;
  }

  /** {@link DampedOscillator#loss} as a do/while loop that stops at the last observation. */
  @Differentiable
  static double oscillatorDoWhile(
      double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
    double[] state = {1.0, 0.0};
    double sum = 0;
    int i = 0;
    do {
      i++;
      if (i >= observed.length) {
        break;
      }
      eulerStep(state, k, c, dt);
      double error = state[0] - observed[i];
      sum += error * error;
    } while (true);
    return sum;
  }
}
