package dev.adjoint.runtime;

/**
 * Cholesky factorization and solves of small dense symmetric matrices, for {@link Newton} and
 * {@link LevenbergMarquardt}; writes into arrays the caller allocated once.
 */
final class Cholesky {

  private Cholesky() {}

  /**
   * Factors {@code a + shift I}, for {@code a} symmetric (only its lower triangle is read), as
   * {@code L Lᵀ}, writing {@code L} into the lower triangle of {@code l}.
   *
   * @return false when the matrix is not (numerically) positive definite or not finite
   */
  static boolean cholesky(double[][] a, double shift, double[][] l) {
    int n = a.length;
    for (int j = 0; j < n; j++) {
      double[] lj = l[j];
      double diagonal = a[j][j] + shift;
      for (int k = 0; k < j; k++) {
        diagonal -= lj[k] * lj[k];
      }
      if (!(diagonal > 0) || !Double.isFinite(diagonal)) {
        return false;
      }
      double root = Math.sqrt(diagonal);
      lj[j] = root;
      for (int i = j + 1; i < n; i++) {
        double[] li = l[i];
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= li[k] * lj[k];
        }
        li[j] = sum / root;
      }
    }
    return true;
  }

  /**
   * Factors {@code a + τ I} with the smallest {@code τ > 0} of the sequence of Nocedal and Wright's
   * Algorithm 3.3 for which the factorization succeeds: {@code τ} starts at {@code β - min a_ii}
   * (or {@code β} when the diagonal is positive), with {@code β = 1e-3 max |a_ii|}, and doubles.
   *
   * @return false when no shift works (the matrix is not finite)
   */
  static boolean shiftedCholesky(double[][] a, double[][] l) {
    int n = a.length;
    double minDiagonal = Double.POSITIVE_INFINITY;
    double maxDiagonal = 0;
    for (int i = 0; i < n; i++) {
      minDiagonal = Math.min(minDiagonal, a[i][i]);
      maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i][i]));
    }
    if (!Double.isFinite(minDiagonal) || !Double.isFinite(maxDiagonal)) {
      return false;
    }
    double beta = maxDiagonal > 0 ? 1e-3 * maxDiagonal : 1e-3;
    double tau = minDiagonal > 0 ? beta : beta - minDiagonal;
    for (int k = 0; k < Newton.MAX_SHIFTS && Double.isFinite(tau); k++) {
      if (cholesky(a, tau, l)) {
        return true;
      }
      tau = Math.max(2 * tau, beta);
    }
    return false;
  }

  /** Overwrites {@code b} with the solution of {@code L Lᵀ z = b}. */
  static void solveInPlace(double[][] l, double[] b) {
    int n = b.length;
    for (int i = 0; i < n; i++) {
      double[] li = l[i];
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= li[k] * b[k];
      }
      b[i] = sum / li[i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double sum = b[i];
      for (int k = i + 1; k < n; k++) {
        sum -= l[k][i] * b[k];
      }
      b[i] = sum / l[i][i];
    }
  }
}
