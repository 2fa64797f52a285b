package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The sine-fit loss of the seed and every way of computing its gradient that the benchmarks
 * compare. Each gradient method returns the loss and <em>overwrites</em> {@code gradient} with
 * {@code (dL/da, dL/db, dL/dc, dL/dd)}, the contract of the generated {@code lossValueAndGradient}.
 */
public final class SineLoss {

  /** Central differences use the step {@code h = CENTRAL_STEP * max(1, |θ_k|)}. */
  public static final double CENTRAL_STEP = 1e-6;

  private SineLoss() {}

  /**
   * The seed's loss, character for character the body of {@code dev.adjoint.examples.SineFit.loss}:
   * the sum of squared errors of {@code a x^3 + b x^2 + c x + d}. The processor writes {@code
   * SineLossDerivatives.lossValueAndGradient} from it; called directly it is the primal baseline.
   *
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   * @param x the sample points
   * @param y the targets, at least as many as {@code x}
   * @return the sum of squared errors
   */
  @Differentiable
  public static double loss(
      double a, double b, double c, double d, @NoDerivative double[] x, @NoDerivative double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
      sum += (yPred - y[i]) * (yPred - y[i]);
    }
    return sum;
  }

  /**
   * The gradient as one would write it by hand, the limit a generator can hope to reach: one fused
   * loop, the powers of {@code x} computed once, the residual once, the factor 2 applied once after
   * the loop. Nine multiplications per point.
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
  public static double handWritten(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    checkGradient(gradient);
    double sum = 0;
    double ga = 0;
    double gb = 0;
    double gc = 0;
    double gd = 0;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double x2 = xi * xi;
      double x3 = x2 * xi;
      double r = a * x3 + b * x2 + c * xi + d - y[i];
      sum += r * r;
      ga += r * x3;
      gb += r * x2;
      gc += r * xi;
      gd += r;
    }
    gradient[0] = 2 * ga;
    gradient[1] = 2 * gb;
    gradient[2] = 2 * gc;
    gradient[3] = 2 * gd;
    return sum;
  }

  /**
   * Central differences of {@link #loss}: 9 evaluations (the value and two per coefficient) with
   * the step {@code h = 1e-6 * max(1, |θ_k|)}, the denominator being the difference of the two
   * perturbed coordinates as represented. Allocates nothing.
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
  public static double centralDifferences(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    checkGradient(gradient);
    double ha = step(a);
    double hb = step(b);
    double hc = step(c);
    double hd = step(d);
    gradient[0] =
        (loss(a + ha, b, c, d, x, y) - loss(a - ha, b, c, d, x, y)) / ((a + ha) - (a - ha));
    gradient[1] =
        (loss(a, b + hb, c, d, x, y) - loss(a, b - hb, c, d, x, y)) / ((b + hb) - (b - hb));
    gradient[2] =
        (loss(a, b, c + hc, d, x, y) - loss(a, b, c - hc, d, x, y)) / ((c + hc) - (c - hc));
    gradient[3] =
        (loss(a, b, c, d + hd, x, y) - loss(a, b, c, d - hd, x, y)) / ((d + hd) - (d - hd));
    return loss(a, b, c, d, x, y);
  }

  private static double step(double v) {
    return CENTRAL_STEP * Math.max(1.0, Math.abs(v));
  }

  /**
   * Hipparchus {@link Gradient} (forward mode, 4 directions), the loss transcribed literally: every
   * {@code *} and {@code +} of {@link #loss} becomes a method call, each of which allocates a new
   * {@code Gradient} and its {@code double[4]}.
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
  public static double hipparchus(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    checkGradient(gradient);
    Gradient ga = Gradient.variable(4, 0, a);
    Gradient gb = Gradient.variable(4, 1, b);
    Gradient gc = Gradient.variable(4, 2, c);
    Gradient gd = Gradient.variable(4, 3, d);
    Gradient sum = Gradient.constant(4, 0.0);
    for (int i = 0; i < x.length; i++) {
      Gradient yPred =
          ga.multiply(x[i])
              .multiply(x[i])
              .multiply(x[i])
              .add(gb.multiply(x[i]).multiply(x[i]))
              .add(gc.multiply(x[i]))
              .add(gd);
      Gradient r = yPred.subtract(y[i]);
      sum = sum.add(r.multiply(r));
    }
    return copyOut(sum, gradient);
  }

  /**
   * Hipparchus {@link Gradient} written with care: the powers of {@code x} are plain doubles, so
   * only the terms that carry derivatives are {@code Gradient} objects (9 allocations per point
   * instead of 12).
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
  public static double hipparchusPowers(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    checkGradient(gradient);
    Gradient ga = Gradient.variable(4, 0, a);
    Gradient gb = Gradient.variable(4, 1, b);
    Gradient gc = Gradient.variable(4, 2, c);
    Gradient gd = Gradient.variable(4, 3, d);
    Gradient sum = Gradient.constant(4, 0.0);
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double x2 = xi * xi;
      double x3 = x2 * xi;
      Gradient r = ga.multiply(x3).add(gb.multiply(x2)).add(gc.multiply(xi)).add(gd).subtract(y[i]);
      sum = sum.add(r.multiply(r));
    }
    return copyOut(sum, gradient);
  }

  private static double copyOut(Gradient sum, double[] gradient) {
    for (int k = 0; k < 4; k++) {
      gradient[k] = sum.getPartialDerivative(k);
    }
    return sum.getValue();
  }

  private static void checkGradient(double[] gradient) {
    if (gradient.length != 4) {
      throw new IllegalArgumentException(
          "gradient has length " + gradient.length + ", expected 4 (a, b, c, d)");
    }
  }
}
