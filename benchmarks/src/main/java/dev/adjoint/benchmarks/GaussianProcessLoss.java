package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * The negative log marginal likelihood of a Gaussian process with an RBF kernel on one-dimensional
 * points, as a function of the log lengthscale, log signal variance and log noise variance: the
 * kernel matrix factored in place by an unblocked Cholesky, then two triangular solves; and its
 * gradient by hand from the identity ∂/∂θ = ½ tr((K⁻¹ − ααᵀ) ∂K/∂θ): the baseline of {@link
 * ArrayStateBenchmark}.
 */
final class GaussianProcessLoss {
  private GaussianProcessLoss() {}

  @Differentiable
  static double nll(
      double logLengthscale,
      double logVariance,
      double logNoise,
      @NoDerivative double[] x,
      @NoDerivative double[] y) {
    int n = x.length;
    double ell = Math.exp(logLengthscale);
    double variance = Math.exp(logVariance);
    double noise = Math.exp(logNoise);
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = (x[i] - x[j]) / ell;
        k[i][j] = variance * Math.exp(-0.5 * d * d);
      }
      k[i][i] += noise;
    }
    // Cholesky K = L Lᵀ, L overwriting the lower triangle of k
    for (int j = 0; j < n; j++) {
      double s = k[j][j];
      for (int p = 0; p < j; p++) {
        s -= k[j][p] * k[j][p];
      }
      k[j][j] = Math.sqrt(s);
      for (int i = j + 1; i < n; i++) {
        double t = k[i][j];
        for (int p = 0; p < j; p++) {
          t -= k[i][p] * k[j][p];
        }
        k[i][j] = t / k[j][j];
      }
    }
    // α = K⁻¹ y: L z = y, then Lᵀ α = z, both in alpha
    double[] alpha = new double[n];
    for (int i = 0; i < n; i++) {
      double t = y[i];
      for (int p = 0; p < i; p++) {
        t -= k[i][p] * alpha[p];
      }
      alpha[i] = t / k[i][i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double t = alpha[i];
      for (int p = i + 1; p < n; p++) {
        t -= k[p][i] * alpha[p];
      }
      alpha[i] = t / k[i][i];
    }
    double fit = 0;
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      fit += y[i] * alpha[i];
      logDet += Math.log(k[i][i]);
    }
    return 0.5 * fit + logDet + 0.5 * n * Math.log(2 * Math.PI);
  }

  /**
   * The value and gradient by hand, O(n³): the same kernel, Cholesky and solves as {@link #nll},
   * then K⁻¹ = L⁻ᵀ L⁻¹ and ½ Σᵢⱼ (K⁻¹ − ααᵀ)ᵢⱼ (∂K/∂θ)ᵢⱼ for each hyperparameter; {@code gradient}
   * gets ∂/∂logLengthscale, ∂/∂logVariance, ∂/∂logNoise. The work arrays are the caller's, so a
   * call allocates nothing.
   *
   * @param chol n × n: the kernel, then its Cholesky factor in the lower triangle
   * @param inverse n × n: L⁻¹ in the lower triangle, then K⁻¹ in the lower triangle
   * @param alpha n doubles: K⁻¹ y
   */
  static double handWritten(
      double logLengthscale,
      double logVariance,
      double logNoise,
      double[] x,
      double[] y,
      double[] gradient,
      double[][] chol,
      double[][] inverse,
      double[] alpha) {
    int n = x.length;
    double ell = Math.exp(logLengthscale);
    double variance = Math.exp(logVariance);
    double noise = Math.exp(logNoise);
    double[][] k = chol;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = (x[i] - x[j]) / ell;
        k[i][j] = variance * Math.exp(-0.5 * d * d);
      }
      k[i][i] += noise;
    }
    for (int j = 0; j < n; j++) {
      double s = k[j][j];
      for (int p = 0; p < j; p++) {
        s -= k[j][p] * k[j][p];
      }
      k[j][j] = Math.sqrt(s);
      for (int i = j + 1; i < n; i++) {
        double t = k[i][j];
        for (int p = 0; p < j; p++) {
          t -= k[i][p] * k[j][p];
        }
        k[i][j] = t / k[j][j];
      }
    }
    for (int i = 0; i < n; i++) {
      double t = y[i];
      for (int p = 0; p < i; p++) {
        t -= k[i][p] * alpha[p];
      }
      alpha[i] = t / k[i][i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double t = alpha[i];
      for (int p = i + 1; p < n; p++) {
        t -= k[p][i] * alpha[p];
      }
      alpha[i] = t / k[i][i];
    }
    double fit = 0;
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      fit += y[i] * alpha[i];
      logDet += Math.log(k[i][i]);
    }
    double value = 0.5 * fit + logDet + 0.5 * n * Math.log(2 * Math.PI);

    // L⁻¹ column by column (forward substitution against the unit vectors), lower triangle only
    double[][] m = inverse;
    for (int j = 0; j < n; j++) {
      m[j][j] = 1 / k[j][j];
      for (int i = j + 1; i < n; i++) {
        double t = 0;
        for (int p = j; p < i; p++) {
          t -= k[i][p] * m[p][j];
        }
        m[i][j] = t / k[i][i];
      }
    }
    // K⁻¹ = L⁻ᵀ L⁻¹ in place, rows from the top: (K⁻¹)ᵢⱼ for j ≤ i reads only rows p ≥ i of L⁻¹,
    // and of row i only the entries j..i, which still hold L⁻¹ when (K⁻¹)ᵢⱼ is written.
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double t = 0;
        for (int p = i; p < n; p++) {
          t += m[p][i] * m[p][j];
        }
        m[i][j] = t;
      }
    }
    // ½ Σᵢⱼ Wᵢⱼ ∂Kᵢⱼ with W = K⁻¹ − ααᵀ symmetric: the lower triangle twice, the diagonal once.
    double ellBar = 0;
    double varianceBar = 0;
    double noiseBar = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double w = m[i][j] - alpha[i] * alpha[j];
        double d = (x[i] - x[j]) / ell;
        double kf = variance * Math.exp(-0.5 * d * d);
        varianceBar += w * kf;
        ellBar += w * kf * d * d;
      }
      double w = m[i][i] - alpha[i] * alpha[i];
      varianceBar += 0.5 * w * variance;
      noiseBar += 0.5 * w * noise;
    }
    gradient[0] = ellBar;
    gradient[1] = varianceBar;
    gradient[2] = noiseBar;
    return value;
  }
}
