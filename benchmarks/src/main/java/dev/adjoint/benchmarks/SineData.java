package dev.adjoint.benchmarks;

/**
 * The seed's data: {@code n} equally spaced points on [-π, π] and {@code y = sin x}, the same
 * points as {@code dev.adjoint.examples.SineData.linspace}.
 *
 * @param x the sample points
 * @param y {@code sin x} at each point
 */
public record SineData(double[] x, double[] y) {

  /** The seed's number of points. */
  public static final int POINTS = 2000;

  /**
   * {@code n} equally spaced points on [-π, π] with their sines.
   *
   * @param n the number of points, at least 2
   * @return the data
   */
  public static SineData linspace(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 points, got " + n);
    }
    double[] x = new double[n];
    double[] y = new double[n];
    double step = 2 * Math.PI / (n - 1);
    for (int i = 0; i < n; i++) {
      x[i] = -Math.PI + i * step;
      y[i] = Math.sin(x[i]);
    }
    return new SineData(x, y);
  }
}
