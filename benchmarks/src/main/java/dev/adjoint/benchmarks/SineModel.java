package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * The seed's sine-fit loss as an instance method: the data and the four coefficients are private
 * final fields, and {@code wrt} names the coefficients. The processor writes {@code
 * SineModelDerivatives.lossValueAndGradient(SineModel self, double[] gradient)}, which reads the
 * fields at entry through {@code VarHandle}s and then runs the same code as the static {@link
 * SineLoss#loss}.
 */
public final class SineModel {
  private final double[] x;
  private final double[] y;
  private final double a;
  private final double b;
  private final double c;
  private final double d;

  /**
   * A model of the data {@code (x, y)} with the given coefficients (the arrays are shared, not
   * copied).
   *
   * @param x the sample points
   * @param y the targets
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   */
  public SineModel(double[] x, double[] y, double a, double b, double c, double d) {
    this.x = x;
    this.y = y;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /**
   * The body of {@link SineLoss#loss}, character for character, over the fields.
   *
   * @return the sum of squared errors
   */
  @Differentiable(wrt = {"a", "b", "c", "d"})
  public double loss() {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
      sum += (yPred - y[i]) * (yPred - y[i]);
    }
    return sum;
  }
}
