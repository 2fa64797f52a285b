package dev.adjoint.examples;

/**
 * The tutorial's data: {@code n} equally spaced points on [-π, π] and {@code y = sin x}.
 *
 * <p>The points are those of {@code torch.linspace(-math.pi, math.pi, n)}: {@code x_i = -π + i *
 * (2π / (n - 1))}.
 *
 * @param x the sample points, in increasing order
 * @param y {@code sin x} at each point
 */
public record SineData(double[] x, double[] y) {

  /** The tutorial's number of points. */
  public static final int POINTS = 2000;

  /**
   * Checks that both arrays exist and have the same length.
   *
   * @param x the sample points
   * @param y the targets
   */
  public SineData {
    if (x == null || y == null) {
      throw new NullPointerException("x and y must not be null");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x has " + x.length + " points but y has " + y.length + " values");
    }
  }

  /**
   * The tutorial's data set of {@link #POINTS} points.
   *
   * @return 2000 points on [-π, π] with their sines
   */
  public static SineData tutorial() {
    return linspace(POINTS);
  }

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

  /**
   * The number of points.
   *
   * @return the length of {@link #x()} and {@link #y()}
   */
  public int size() {
    return x.length;
  }

  /**
   * Every {@code every}-th point, starting with the first, as the article plotted them.
   *
   * @param every the stride, at least 1
   * @return the subsample
   */
  public SineData subsample(int every) {
    if (every < 1) {
      throw new IllegalArgumentException("stride must be at least 1, got " + every);
    }
    int m = (x.length + every - 1) / every;
    double[] xs = new double[m];
    double[] ys = new double[m];
    for (int k = 0; k < m; k++) {
      xs[k] = x[k * every];
      ys[k] = y[k * every];
    }
    return new SineData(xs, ys);
  }
}
