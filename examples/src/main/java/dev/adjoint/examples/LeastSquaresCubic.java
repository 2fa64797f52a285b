package dev.adjoint.examples;

/**
 * The exact least-squares cubic, the optimum gradient descent on the tutorial's loss approaches:
 * the solution of the 4×4 normal equations {@code (Φᵀ Φ) θ = Φᵀ y} with {@code Φ} the rows {@code
 * (x³, x², x, 1)} and {@code θ = (a, b, c, d)}, solved by Gaussian elimination with partial
 * pivoting.
 */
public final class LeastSquaresCubic {

  private LeastSquaresCubic() {}

  /**
   * The cubic minimizing the sum of squared errors over {@code data}.
   *
   * @param data at least 4 points with distinct x
   * @return the least-squares cubic
   * @throws IllegalArgumentException if the normal equations are singular
   */
  public static Cubic fit(SineData data) {
    double[] x = data.x();
    double[] y = data.y();
    // Power sums s[k] = Σ x^k (k = 0..6) and moments t[k] = Σ x^k y (k = 0..3).
    double[] s = new double[7];
    double[] t = new double[4];
    for (int i = 0; i < x.length; i++) {
      double p = 1;
      for (int k = 0; k <= 6; k++) {
        s[k] += p;
        if (k <= 3) {
          t[k] += p * y[i];
        }
        p *= x[i];
      }
    }
    // Unknowns in the order (a, b, c, d) multiply x^3, x^2, x, 1: entry (j, k) is Σ x^(6 - j - k).
    double[][] m = new double[4][5];
    for (int j = 0; j < 4; j++) {
      for (int k = 0; k < 4; k++) {
        m[j][k] = s[6 - j - k];
      }
      m[j][4] = t[3 - j];
    }
    double[] theta = solve(m);
    return new Cubic(theta[0], theta[1], theta[2], theta[3]);
  }

  /** Solves the n×n system in the augmented matrix {@code m} (n rows, n + 1 columns), in place. */
  static double[] solve(double[][] m) {
    int n = m.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      if (m[pivot][col] == 0 || !Double.isFinite(m[pivot][col])) {
        throw new IllegalArgumentException("singular normal equations (column " + col + ")");
      }
      double[] tmp = m[col];
      m[col] = m[pivot];
      m[pivot] = tmp;
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / m[col][col];
        for (int k = col; k <= n; k++) {
          m[r][k] -= f * m[col][k];
        }
      }
    }
    double[] solution = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double sum = m[r][n];
      for (int k = r + 1; k < n; k++) {
        sum -= m[r][k] * solution[k];
      }
      solution[r] = sum / m[r][r];
    }
    return solution;
  }
}
