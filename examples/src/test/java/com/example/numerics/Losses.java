package com.example.numerics;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** Common machine-learning losses and small models. */
public final class Losses {

  private static final double EPS = 1e-7;
  static final double HUBER_DELTA = 1.0;

  private Losses() {}

  @Differentiable
  public static double mse(double[] predicted, @NoDerivative double[] target) {
    var sum = 0.0;
    for (int i = 0; i < predicted.length; i++) {
      final double diff = predicted[i] - target[i];
      sum += diff * diff;
    }
    return sum / predicted.length;
  }

  @Differentiable
  public static double mae(double[] predicted, @NoDerivative double[] target) {
    double total = 0;
    int n = predicted.length;
    for (int i = 0; i < n; ++i) {
      total += Math.abs(predicted[i] - target[i]);
    }
    return total / n;
  }

  @Differentiable
  public static double huber(double[] predicted, @NoDerivative double[] target) {
    double loss = 0.0;
    for (int i = 0; i < predicted.length; i++) {
      double r = Math.abs(predicted[i] - target[i]);
      loss += r <= HUBER_DELTA ? 0.5 * r * r : HUBER_DELTA * (r - 0.5 * HUBER_DELTA);
    }
    return loss / predicted.length;
  }

  @Differentiable
  public static double logCosh(double[] predicted, @NoDerivative double[] target) {
    double loss = 0.0;
    for (int i = 0; i < predicted.length; i++) {
      loss += Math.log(Math.cosh(predicted[i] - target[i]));
    }
    return loss;
  }

  static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Logistic regression, binary cross-entropy with clamped probabilities. */
  @Differentiable
  public static double binaryCrossEntropy(
      double[] w, double b, @NoDerivative double[][] X, @NoDerivative int[] labels) {
    double loss = 0;
    for (int i = 0; i < X.length; i++) {
      double p = sigmoid(dot(w, X[i]) + b);
      p = Math.max(EPS, Math.min(1 - EPS, p));
      loss -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return loss / X.length;
  }

  /** Multinomial logistic regression: W is [classes][features]. */
  @Differentiable
  public static double softmaxCrossEntropy(
      double[][] W, @NoDerivative double[][] X, @NoDerivative int[] labels) {
    int k = W.length;
    double total = 0.0;
    for (int n = 0; n < X.length; n++) {
      double[] logits = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        logits[c] = dot(W[c], X[n]);
        if (logits[c] > max) max = logits[c];
      }
      double sumExp = 0.0;
      for (int c = 0; c < k; c++) {
        sumExp += Math.exp(logits[c] - max);
      }
      total += Math.log(sumExp) + max - logits[labels[n]];
    }
    return total / X.length;
  }

  /** Soft-margin linear SVM primal objective; y in {-1, +1}. */
  @Differentiable
  public static double hingeLoss(
      double[] w,
      double b,
      @NoDerivative double[][] X,
      @NoDerivative double[] y,
      @NoDerivative double C) {
    double reg = 0;
    for (double wi : w) reg += wi * wi;
    double hinge = 0;
    for (int i = 0; i < X.length; i++) {
      double margin = y[i] * (dot(w, X[i]) + b);
      hinge += Math.max(0, 1 - margin);
    }
    return 0.5 * reg + C * hinge;
  }

  /** L2-regularised linear regression (ridge). */
  @Differentiable
  public static double ridge(
      double[] theta,
      @NoDerivative double[][] X,
      @NoDerivative double[] y,
      @NoDerivative double lambda) {
    int m = X.length;
    int n = theta.length;
    double cost = 0;
    for (int i = 0; i < m; i++) {
      double h = 0;
      for (int j = 0; j < n; j++) {
        h += X[i][j] * theta[j];
      }
      double err = h - y[i];
      cost += err * err;
    }
    double penalty = 0;
    for (int j = 1; j < n; j++) { // bias not regularised
      penalty += theta[j] * theta[j];
    }
    return cost / (2.0 * m) + lambda / (2.0 * m) * penalty;
  }

  /** One-hidden-layer MLP with ReLU, squared error. W1 is [hidden][in]. */
  @Differentiable
  public static double mlp(
      double[][] W1,
      double[] b1,
      double[] w2,
      double b2,
      @NoDerivative double[][] X,
      @NoDerivative double[] y) {
    int hidden = b1.length;
    double loss = 0;
    for (int s = 0; s < X.length; s++) {
      double[] h = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        double z = b1[j];
        for (int i = 0; i < X[s].length; i++) {
          z += W1[j][i] * X[s][i];
        }
        h[j] = Math.max(0, z);
      }
      double out = b2;
      for (int j = 0; j < hidden; j++) {
        out += w2[j] * h[j];
      }
      double e = out - y[s];
      loss += 0.5 * e * e;
    }
    return loss / X.length;
  }

  /** Numerically stable log-sum-exp. */
  @Differentiable
  public static double logSumExp(double[] x) {
    double m = x[0];
    for (double v : x) {
      m = Math.max(m, v);
    }
    double s = 0;
    for (double v : x) {
      s += Math.exp(v - m);
    }
    return m + Math.log(s);
  }
}
