package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * The seed's sine-fit loss with the coefficients in a record parameter: {@code
 * SineRecordLossDerivatives.lossValueAndGradient(p, x, y, gradient)} with the flat layout {@code
 * (a, b, c, d)}.
 */
public final class SineRecordLoss {
  private SineRecordLoss() {}

  /**
   * The four coefficients of the cubic.
   *
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   */
  public record Coefficients(double a, double b, double c, double d) {}

  /**
   * The body of {@link SineLoss#loss} with {@code p.a()} for {@code a} and so on.
   *
   * @param p the coefficients
   * @param x the sample points
   * @param y the targets
   * @return the sum of squared errors
   */
  @Differentiable
  public static double loss(Coefficients p, @NoDerivative double[] x, @NoDerivative double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double yPred = p.a() * x[i] * x[i] * x[i] + p.b() * x[i] * x[i] + p.c() * x[i] + p.d();
      sum += (yPred - y[i]) * (yPred - y[i]);
    }
    return sum;
  }
}
