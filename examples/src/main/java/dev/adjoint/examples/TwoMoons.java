package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

public final class TwoMoons {
  private TwoMoons() {}

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  @Differentiable
  static double loss(double[][] w1, double[] b1, double[] w2, double b2,
                     @NoDerivative double[][] x, @NoDerivative double[] y) {
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
}
