package dev.adjoint.examples;

import java.util.Locale;

/**
 * The model {@code y = a x^3 + b x^2 + c x + d}.
 *
 * @param a the coefficient of {@code x^3}
 * @param b the coefficient of {@code x^2}
 * @param c the coefficient of {@code x}
 * @param d the constant term
 */
public record Cubic(double a, double b, double c, double d) {

  /**
   * The model at {@code x}, by Horner's rule.
   *
   * @param x the argument
   * @return {@code a x^3 + b x^2 + c x + d}
   */
  public double at(double x) {
    return ((a * x + b) * x + c) * x + d;
  }

  /**
   * The tutorial's loss, the sum of squared errors over the data (the same expression as {@link
   * SineFit#loss}).
   *
   * @param data the points and targets
   * @return the sum of squared errors
   */
  public double loss(SineData data) {
    return SineFit.loss(a, b, c, d, data.x(), data.y());
  }

  /**
   * The coefficients in the order of the flat gradient layout.
   *
   * @return {@code {a, b, c, d}}
   */
  public double[] coefficients() {
    return new double[] {a, b, c, d};
  }

  /**
   * The polynomial with every coefficient printed in full, as the tutorial prints its result.
   *
   * @return e.g. {@code y = -0.0913917 x^3 + 0.0 x^2 + 0.8431111 x + 0.0}
   */
  @Override
  public String toString() {
    return "y = " + a + " x^3 + " + b + " x^2 + " + c + " x + " + d;
  }

  /**
   * The polynomial with the coefficients rounded to {@code digits} decimals (a value that rounds to
   * zero prints as 0, never -0).
   *
   * @param digits the number of decimals
   * @return e.g. {@code y = -0.0933304 x^3 + 0.0000000 x^2 + 0.8567408 x + 0.0000000}
   */
  public String toString(int digits) {
    return "y = "
        + round(a, digits)
        + " x^3 + "
        + round(b, digits)
        + " x^2 + "
        + round(c, digits)
        + " x + "
        + round(d, digits);
  }

  private static String round(double v, int digits) {
    String s = String.format(Locale.ROOT, "%." + digits + "f", v);
    return s.matches("-0\\.?0*") ? s.substring(1) : s;
  }
}
