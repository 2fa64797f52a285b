package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** The seed's sine-fit loss with {@code order = 2}: tangent, Hessian-vector and Hessian. */
final class SecondOrderLoss {
  private SecondOrderLoss() {}

  @Differentiable(order = 2)
  static double loss(
      double a, double b, double c, double d, @NoDerivative double[] x, @NoDerivative double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
      sum += (yPred - y[i]) * (yPred - y[i]);
    }
    return sum;
  }
}
