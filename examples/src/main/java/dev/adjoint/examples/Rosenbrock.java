package dev.adjoint.examples;

import dev.adjoint.Differentiable;

public final class Rosenbrock {
  private Rosenbrock() {}

  @Differentiable
  static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length / 2; i++) {
      double t1 = x[2 * i + 1] - x[2 * i] * x[2 * i];
      double t2 = 1 - x[2 * i];
      sum += 100 * t1 * t1 + t2 * t2;
    }
    return sum;
  }

  @Differentiable
  static double chainedRosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t1 = x[i + 1] - x[i] * x[i];
      double t2 = 1 - x[i];
      sum += 100 * t1 * t1 + t2 * t2;
    }
    return sum;
  }
}
