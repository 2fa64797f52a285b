package dev.adjoint.benchmarks;

/**
 * Steps from the generated sine-fit gradient to the hand-written one, one difference at a time, to
 * find which difference costs time. Measured by {@link GapBenchmark} (JMH, not in the default
 * suite) and by the interleaved cross-check of {@link Report}.
 *
 * <p>Multiplications per point (the JIT merges the repeated {@code x[i]} loads, as there are no
 * stores in the loop, and the repeated {@code yPred - y[i]}, but it may not reassociate floating
 * point products):
 *
 * <ul>
 *   <li>{@link #previousGenerated}: 14 — the generator before commit 15161e8 (primal 6, square 1,
 *       {@code 2.0 *} 1, adjoint products 3 + 2 + 1);
 *   <li>generated (now): 11 — the adjoint shares {@code yPredBar * x}, {@code (yPredBar * x) * x};
 *   <li>{@link #sharedPowers}: 10 — the primal too reads the powers {@code x2}, {@code x3} (this
 *       reassociates {@code a * x * x * x} into {@code a * (x * x * x)}, so the value may differ
 *       from the user's loss in the last bits);
 *   <li>{@link #twoAfterLoop}: 9 — the factor 2 of the square's derivative applied to the four sums
 *       after the loop instead of to every residual (bit-exact: scaling by 2 is exact);
 *   <li>hand-written ({@link SineLoss#handWritten}): 9, the same arithmetic as the step before.
 * </ul>
 *
 * <p>{@link #previousGeneratedLocalX} is {@link #previousGenerated} with {@code x[i]} read into a
 * local: the same arithmetic, bit-identical results; it shows how much of a ratio between such
 * loops is the JIT's scheduling rather than the arithmetic.
 */
public final class GeneratedVsHandWritten {

  private GeneratedVsHandWritten() {}

  /**
   * What the generator emitted before commit 15161e8 (common-subexpression elimination).
   *
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   * @param x the sample points
   * @param y the targets
   * @param gradient receives the gradient, length 4
   * @return the loss
   */
  public static double previousGenerated(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    double sum = 0;
    double aBar = 0.0;
    double bBar = 0.0;
    double cBar = 0.0;
    double dBar = 0.0;
    for (int i = 0; i < x.length; i++) {
      double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
      sum += (yPred - y[i]) * (yPred - y[i]);
      double yPredBar = 2.0 * (yPred - y[i]);
      aBar += yPredBar * x[i] * x[i] * x[i];
      bBar += yPredBar * x[i] * x[i];
      cBar += yPredBar * x[i];
      dBar += yPredBar;
    }
    gradient[0] = aBar;
    gradient[1] = bBar;
    gradient[2] = cBar;
    gradient[3] = dBar;
    return sum;
  }

  /**
   * {@link #previousGenerated} with {@code x[i]} and {@code y[i]} read once into locals: loads
   * only, the same arithmetic.
   *
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   * @param x the sample points
   * @param y the targets
   * @param gradient receives the gradient, length 4
   * @return the loss
   */
  public static double previousGeneratedLocalX(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    double sum = 0;
    double aBar = 0.0;
    double bBar = 0.0;
    double cBar = 0.0;
    double dBar = 0.0;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double yi = y[i];
      double yPred = a * xi * xi * xi + b * xi * xi + c * xi + d;
      sum += (yPred - yi) * (yPred - yi);
      double yPredBar = 2.0 * (yPred - yi);
      aBar += yPredBar * xi * xi * xi;
      bBar += yPredBar * xi * xi;
      cBar += yPredBar * xi;
      dBar += yPredBar;
    }
    gradient[0] = aBar;
    gradient[1] = bBar;
    gradient[2] = cBar;
    gradient[3] = dBar;
    return sum;
  }

  /**
   * The current generated code with the primal reading shared powers {@code x2}, {@code x3}.
   *
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   * @param x the sample points
   * @param y the targets
   * @param gradient receives the gradient, length 4
   * @return the loss
   */
  public static double sharedPowers(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    double sum = 0;
    double aBar = 0.0;
    double bBar = 0.0;
    double cBar = 0.0;
    double dBar = 0.0;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double x2 = xi * xi;
      double x3 = x2 * xi;
      double t = a * x3 + b * x2 + c * xi + d - y[i];
      sum += t * t;
      double yPredBar = 2.0 * t;
      aBar += yPredBar * x3;
      bBar += yPredBar * x2;
      cBar += yPredBar * xi;
      dBar += yPredBar;
    }
    gradient[0] = aBar;
    gradient[1] = bBar;
    gradient[2] = cBar;
    gradient[3] = dBar;
    return sum;
  }

  /**
   * {@link #sharedPowers} with the factor 2 applied after the loop.
   *
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   * @param x the sample points
   * @param y the targets
   * @param gradient receives the gradient, length 4
   * @return the loss
   */
  public static double twoAfterLoop(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    double sum = 0;
    double aBar = 0.0;
    double bBar = 0.0;
    double cBar = 0.0;
    double dBar = 0.0;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double x2 = xi * xi;
      double x3 = x2 * xi;
      double t = a * x3 + b * x2 + c * xi + d - y[i];
      sum += t * t;
      aBar += t * x3;
      bBar += t * x2;
      cBar += t * xi;
      dBar += t;
    }
    gradient[0] = 2.0 * aBar;
    gradient[1] = 2.0 * bBar;
    gradient[2] = 2.0 * cBar;
    gradient[3] = 2.0 * dBar;
    return sum;
  }
}
