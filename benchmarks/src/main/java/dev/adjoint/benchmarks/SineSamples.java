package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * The seed's sine-fit loss as an instance method with the data in private final fields and the
 * coefficients as parameters (differentiated by default; the fields are data). The processor writes
 * {@code SineSamplesDerivatives.lossValueAndGradient(SineSamples self, a, b, c, d, gradient)}.
 */
public final class SineSamples {
  private final double[] x;
  private final double[] y;

  /**
   * The data {@code (x, y)} (shared, not copied).
   *
   * @param x the sample points
   * @param y the targets
   */
  public SineSamples(double[] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  /**
   * The body of {@link SineLoss#loss}, character for character, with the data from the fields.
   *
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   * @return the sum of squared errors
   */
  @Differentiable
  public double loss(double a, double b, double c, double d) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
      sum += (yPred - y[i]) * (yPred - y[i]);
    }
    return sum;
  }
}
