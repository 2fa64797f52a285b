package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * A 2-layer tanh MLP regression loss over a mini-batch, written as a scientist would, and its
 * hand-written backpropagation: the baseline of {@link MlpBenchmark}.
 */
final class MlpLoss {
  private MlpLoss() {}

  @Differentiable
  static double loss(
      double[][] w1,
      double[] b1,
      double[] w2,
      double b2,
      @NoDerivative double[][] x,
      @NoDerivative double[] y) {
    double total = 0;
    for (int n = 0; n < x.length; n++) {
      double out = b2;
      for (int j = 0; j < w1.length; j++) {
        double s = b1[j];
        for (int k = 0; k < x[n].length; k++) {
          s += w1[j][k] * x[n][k];
        }
        out += w2[j] * Math.tanh(s);
      }
      total += (out - y[n]) * (out - y[n]);
    }
    return total / x.length;
  }

  /** Hand-written backpropagation into the same flat layout (w1 row by row, b1, w2, b2). */
  static double handWritten(
      double[][] w1,
      double[] b1,
      double[] w2,
      double b2,
      double[][] x,
      double[] y,
      double[] gradient,
      double[] h) {
    int hidden = w1.length;
    int inputs = w1[0].length;
    java.util.Arrays.fill(gradient, 0.0);
    int b1At = hidden * inputs;
    int w2At = b1At + hidden;
    int b2At = w2At + hidden;
    double total = 0;
    double scale = 2.0 / x.length;
    for (int n = 0; n < x.length; n++) {
      double[] xn = x[n];
      double out = b2;
      for (int j = 0; j < hidden; j++) {
        double[] wj = w1[j];
        double s = b1[j];
        for (int k = 0; k < inputs; k++) {
          s += wj[k] * xn[k];
        }
        h[j] = Math.tanh(s);
        out += w2[j] * h[j];
      }
      double r = out - y[n];
      total += r * r;
      double g = scale * r;
      gradient[b2At] += g;
      for (int j = 0; j < hidden; j++) {
        gradient[w2At + j] += g * h[j];
        double gs = g * w2[j] * (1 - h[j] * h[j]);
        gradient[b1At + j] += gs;
        int row = j * inputs;
        for (int k = 0; k < inputs; k++) {
          gradient[row + k] += gs * xn[k];
        }
      }
    }
    return total / x.length;
  }
}
