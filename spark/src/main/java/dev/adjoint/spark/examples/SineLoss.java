package dev.adjoint.spark.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * The seed example's loss (the PyTorch tutorial "fitting y = sin(x) with a third order
 * polynomial"), the same Java as {@code dev.adjoint.examples.SineFit.loss}: the annotation
 * processor writes {@code SineLossDerivatives} next to it. On Spark it runs once per partition on
 * that partition's points; the partitions' sums add up to the loss over all points.
 */
public final class SineLoss {

  private SineLoss() {}

  /**
   * The sum of squared errors of {@code a x^3 + b x^2 + c x + d} over the points.
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
   * The tutorial's data, as {@code dev.adjoint.examples.SineData.tutorial()} makes it: {@code n}
   * points {@code x_i = -π + i (2π / (n - 1))} and {@code y_i = sin x_i}.
   *
   * @param n the number of points, at least 2
   * @return {@code {x, y}}
   */
  public static double[][] linspace(int n) {
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
    return new double[][] {x, y};
  }
}
