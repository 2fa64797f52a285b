package dev.adjoint.runtime;

/**
 * A scalar function of a flat {@code double[]} point that also computes its Hessian: what {@link
 * Newton} minimizes, and what {@link GradientCheck#checkHessian} checks.
 *
 * <p>The point uses the flat layout of the generated code (see {@link DifferentiableFunction}).
 * With {@code @Differentiable(order = 2)} Adjoint generates {@code mHessian(…, double[] gradient,
 * double[][] hessian)}, which has exactly the shape of {@link #valueGradientAndHessian} once the
 * {@code @NoDerivative} arguments are bound:
 *
 * <pre>{@code
 * TwiceDifferentiableFunction f =
 *     TwiceDifferentiableFunction.of(
 *         4, (p, g, h) -> SineFitDerivatives.lossHessian(p[0], p[1], p[2], p[3], x, y, g, h));
 * }</pre>
 *
 * <p>Unless stated otherwise an implementation is not thread-safe.
 */
public interface TwiceDifferentiableFunction extends DifferentiableFunction {

  /**
   * Computes the value at {@code point}, <em>overwrites</em> {@code gradient} with the gradient and
   * every element of {@code hessian} with the matrix of second partial derivatives there ({@code
   * hessian[i][j] = ∂²f / ∂x_i ∂x_j}, flat layout by flat layout). {@code point} is only read.
   *
   * @param point the point, of length {@link #dimension()}
   * @param gradient receives the gradient, of length {@link #dimension()}
   * @param hessian receives the Hessian: {@link #dimension()} rows of {@link #dimension()}
   * @return the value at {@code point}
   * @throws IllegalArgumentException if an array does not have the right shape
   */
  double valueGradientAndHessian(double[] point, double[] gradient, double[][] hessian);

  /**
   * Wraps a value, gradient and Hessian computation, such as a generated {@code mHessian} method
   * with its data bound. {@link #valueAndGradient} goes through the same computation with a scratch
   * Hessian the wrapper allocates once (so the wrapper is not thread-safe); use {@link #of(int,
   * ValueAndGradient, ValueGradientAndHessian)} to give a cheaper gradient.
   *
   * @param dimension the number of variables, at least 1
   * @param function computes the value and overwrites the gradient and the Hessian
   * @return a function whose methods check array shapes and delegate
   */
  static TwiceDifferentiableFunction of(int dimension, ValueGradientAndHessian function) {
    if (function == null) {
      throw new NullPointerException("function");
    }
    return of(dimension, null, function);
  }

  /**
   * Wraps a value-and-gradient computation (such as a generated {@code mValueAndGradient}) and a
   * value, gradient and Hessian computation (such as the generated {@code mHessian}).
   *
   * @param dimension the number of variables, at least 1
   * @param gradient computes the value and overwrites the gradient; null to use {@code hessian}
   *     with a scratch Hessian
   * @param hessian computes the value and overwrites the gradient and the Hessian
   * @return a function whose methods check array shapes and delegate
   */
  static TwiceDifferentiableFunction of(
      int dimension, ValueAndGradient gradient, ValueGradientAndHessian hessian) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
    }
    if (hessian == null) {
      throw new NullPointerException("hessian");
    }
    return new TwiceDifferentiableFunction() {
      private double[][] scratch;

      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public double valueAndGradient(double[] point, double[] g) {
        Checks.length("point", point, dimension);
        Checks.length("gradient", g, dimension);
        if (gradient != null) {
          return gradient.valueAndGradient(point, g);
        }
        if (scratch == null) {
          scratch = new double[dimension][dimension];
        }
        return hessian.valueGradientAndHessian(point, g, scratch);
      }

      @Override
      public double valueGradientAndHessian(double[] point, double[] g, double[][] h) {
        Checks.length("point", point, dimension);
        Checks.length("gradient", g, dimension);
        Checks.square("hessian", h, dimension);
        return hessian.valueGradientAndHessian(point, g, h);
      }

      @Override
      public String toString() {
        return "TwiceDifferentiableFunction[dimension=" + dimension + "]";
      }
    };
  }

  /** The computation behind {@link TwiceDifferentiableFunction#of}. */
  @FunctionalInterface
  interface ValueGradientAndHessian {
    /**
     * Returns the value at {@code point} and overwrites {@code gradient} and {@code hessian} there.
     *
     * @param point the point, only read
     * @param gradient receives the gradient, every element written
     * @param hessian receives the Hessian, every element written
     * @return the value at {@code point}
     */
    double valueGradientAndHessian(double[] point, double[] gradient, double[][] hessian);
  }
}
