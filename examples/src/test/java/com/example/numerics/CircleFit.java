package com.example.numerics;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Geometric circle fitting as people write it: the sum of squared distances of the points from a
 * circle of centre (a, b) and radius r. At an exact fit every residual is zero.
 */
final class CircleFit {
  private CircleFit() {}

  @Differentiable(order = 2)
  static double loss(
      double a, double b, double r, @NoDerivative double[] xs, @NoDerivative double[] ys) {
    double sum = 0;
    for (int i = 0; i < xs.length; i++) {
      double residual = Math.sqrt((xs[i] - a) * (xs[i] - a) + (ys[i] - b) * (ys[i] - b)) - r;
      sum += residual * residual;
    }
    return sum;
  }

  /** The residual of one point on a unit circle at the origin, squared: zero on the circle. */
  @Differentiable(order = 2)
  static double unitCircle(double u, double v) {
    double r = Math.sqrt(u * u + v * v) - 1;
    return r * r;
  }
}
