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

  /** The correct Hessian; overwrites {@code h}. */
  static void hessian(double[] x, double[][] h) {
    for (double[] row : h) {
      java.util.Arrays.fill(row, 0);
    }
    for (int i = 0; i + 1 < x.length; i++) {
      h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      h[i][i + 1] += -400 * x[i];
      h[i + 1][i] += -400 * x[i];
      h[i + 1][i + 1] += 200;
    }
  }

  /** The directional derivative, computed by hand in forward mode. */
  static double tangent(double[] x, double[] v) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double u = x[i + 1] - x[i] * x[i];
      double uDot = v[i + 1] - 2 * x[i] * v[i];
      double w = 1 - x[i];
      sum += 200 * u * uDot - 2 * w * v[i];
    }
    return sum;
  }

  /** Value, gradient and Hessian, as a {@link TwiceDifferentiableFunction}. */
  static TwiceDifferentiableFunction twice(int n) {
    return TwiceDifferentiableFunction.of(
        n,
        (x, g) -> {
          gradient(x, g);
          return value(x);
        },
        (x, g, h) -> {
          gradient(x, g);
          hessian(x, h);
          return value(x);
        });
  }
}
