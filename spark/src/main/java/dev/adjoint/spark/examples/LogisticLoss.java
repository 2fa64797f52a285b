package dev.adjoint.spark.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Logistic regression's loss written as ordinary Java: the mean log-loss of {@code P(y = 1 | x) =
 * σ(w·x + b)} over row-major features, no regularization. The annotation processor writes {@code
 * LogisticLossDerivatives}; on Spark each partition evaluates it on its own rows and the {@code
 * MEAN} reduction weights the partitions by their rows, giving the mean over all rows, the
 * objective MLlib's {@code LogisticRegression} minimizes without regularization.
 */
public final class LogisticLoss {

  private LogisticLoss() {}

  /**
   * The mean over the rows of {@code log(1 + e^z) - y z} with {@code z = w·x_i + b}, computed
   * without overflow ({@code z + log(1 + e^-z)} for positive {@code z}).
   *
   * @param w the weights, one per feature
   * @param b the intercept
   * @param x the features, row-major: {@code x[i * w.length + j]} is feature {@code j} of row
   *     {@code i}
   * @param y the labels, 0 or 1, one per row
   * @return the mean log-loss
   */
  @Differentiable
  public static double loss(
      double[] w, double b, @NoDerivative double[] x, @NoDerivative double[] y) {
    int d = w.length;
    int n = y.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      int row = i * d;
      double z = b;
      for (int j = 0; j < d; j++) {
        z += w[j] * x[row + j];
      }
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      sum += softplus - y[i] * z;
    }
    return sum / n;
  }
}
