package dev.adjoint.runtime;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The numeric side of every derivative check in {@link GradientCheck}: central differences of a
 * function of a point, one coordinate at a time.
 *
 * <p>Along coordinate {@code j} the step is {@code h = STEP * max(1, |x_j|)}, so it stays above the
 * rounding of large coordinates, and the denominator is the difference of the two perturbed
 * coordinates as actually represented, {@code (x_j + h) - (x_j - h)}, not {@code 2h}.
 */
final class CentralDifferences {

  /** A function with several outputs, such as a gradient: writes its values at a point. */
  @FunctionalInterface
  interface VectorFunction {
    /**
     * Overwrites {@code values} with the function's outputs at {@code point}.
     *
     * @param point the point, only read
     * @param values receives one value per output
     */
    void apply(double[] point, double[] values);
  }

  private CentralDifferences() {}

  /**
   * The step along a coordinate of value {@code x}.
   *
   * @param x the coordinate
   * @return {@code STEP * max(1, |x|)}
   */
  static double step(double x) {
    return GradientCheck.STEP * Math.max(1.0, Math.abs(x));
  }

  /**
   * The central-difference gradient of a scalar function.
   *
   * @param f the function, called on perturbed copies of {@code point}
   * @param point the point, not modified
   * @return a fresh array of {@code point.length} derivatives
   */
  static double[] gradient(ToDoubleFunction<double[]> f, double[] point) {
    return jacobian((x, values) -> values[0] = f.applyAsDouble(x), 1, point)[0];
  }

  /**
   * The central-difference Jacobian of a function with {@code outputs} outputs: entry {@code (i,
   * j)} estimates {@code ∂f_i / ∂x_j}. Applied to a gradient it is a numeric Hessian.
   *
   * <p>The output array is filled with NaN before every call, so an output the function leaves
   * unwritten gives a NaN column, which no check passes, instead of values left from the previous
   * call.
   *
   * @param f the function, called on perturbed copies of {@code point}
   * @param outputs the number of outputs
   * @param point the point, not modified
   * @return a fresh {@code outputs × point.length} matrix
   */
  static double[][] jacobian(VectorFunction f, int outputs, double[] point) {
    int n = point.length;
    double[][] jacobian = new double[outputs][n];
    double[] work = point.clone();
    double[] plusValues = new double[outputs];
    double[] minusValues = new double[outputs];
    for (int j = 0; j < n; j++) {
      double xj = work[j];
      double h = step(xj);
      double plus = xj + h;
      double minus = xj - h;
      work[j] = plus;
      Arrays.fill(plusValues, Double.NaN);
      f.apply(work, plusValues);
      work[j] = minus;
      Arrays.fill(minusValues, Double.NaN);
      f.apply(work, minusValues);
      work[j] = xj;
      for (int i = 0; i < outputs; i++) {
        jacobian[i][j] = (plusValues[i] - minusValues[i]) / (plus - minus);
      }
    }
    return jacobian;
  }
}
