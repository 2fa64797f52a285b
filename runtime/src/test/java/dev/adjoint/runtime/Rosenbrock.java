package dev.adjoint.runtime;

/** The n-dimensional Rosenbrock function and its analytic gradient, for tests. */
final class Rosenbrock {

  private Rosenbrock() {}

  static double value(double[] x) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double u = x[i + 1] - x[i] * x[i];
      double v = 1 - x[i];
      sum += 100 * u * u + v * v;
    }
    return sum;
  }

  /** The correct gradient; overwrites {@code g}. */
  static void gradient(double[] x, double[] g) {
    java.util.Arrays.fill(g, 0);
    for (int i = 0; i + 1 < x.length; i++) {
      double u = x[i + 1] - x[i] * x[i];
      double v = 1 - x[i];
      g[i] += -400 * x[i] * u - 2 * v;
      g[i + 1] += 200 * u;
    }
  }

  /** A plausible mistake: the chain rule through {@code x[i]^2} forgets the factor 2. */
  static void wrongGradient(double[] x, double[] g) {
    java.util.Arrays.fill(g, 0);
    for (int i = 0; i + 1 < x.length; i++) {
      double u = x[i + 1] - x[i] * x[i];
      double v = 1 - x[i];
      g[i] += -200 * x[i] * u - 2 * v;
      g[i + 1] += 200 * u;
    }
  }

  static DifferentiableFunction function(int n) {
    return DifferentiableFunction.of(
        n,
        (x, g) -> {
          gradient(x, g);
          return value(x);
        });
  }
}
