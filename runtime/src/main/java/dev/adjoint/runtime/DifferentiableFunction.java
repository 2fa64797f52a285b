package dev.adjoint.runtime;

/**
 * A scalar function of a flat {@code double[]} point that computes its value and its gradient
 * together: the meeting point between code Adjoint generates and the optimizers and checks in this
 * module.
 *
 * <p>The point uses the <em>flat layout</em> of the generated code: the differentiated parameters
 * of the {@code @Differentiable} method in declaration order, a scalar taking one slot, an array
 * all of its elements in index order, a 2-D array row by row. The processor generates no adapter:
 * {@link #of} with a lambda binds the {@code @NoDerivative} arguments (data such as samples and
 * targets) and forwards to the generated {@code mValueAndGradient} method, for example {@code
 * DifferentiableFunction.of(4, (p, g) -> SineFitDerivatives.lossValueAndGradient(p[0], p[1], p[2],
 * p[3], x, y, g))}.
 *
 * <p>Implementations should not allocate in {@link #valueAndGradient} so that optimizer loops run
 * without garbage. Unless stated otherwise an implementation is not thread-safe.
 */
public interface DifferentiableFunction {

  /**
   * The number of variables.
   *
   * @return the length of every point and gradient array
   */
  int dimension();

  /**
   * Computes the value at {@code point} and <em>overwrites</em> {@code gradient} with the partial
   * derivatives there. Every element of {@code gradient} is written; nothing is accumulated into
   * what the array held before. {@code point} is only read.
   *
   * @param point the point, of length {@link #dimension()}
   * @param gradient receives the gradient, of length {@link #dimension()}
   * @return the value at {@code point}
   * @throws IllegalArgumentException if an array does not have length {@link #dimension()}
   */
  double valueAndGradient(double[] point, double[] gradient);

  /**
   * Computes the value at {@code point} alone. The default implementation allocates a scratch
   * gradient and calls {@link #valueAndGradient}; implementations may override it with a cheaper
   * primal-only computation.
   *
   * @param point the point, of length {@link #dimension()}
   * @return the value at {@code point}
   */
  default double value(double[] point) {
    return valueAndGradient(point, new double[dimension()]);
  }

  /**
   * Wraps a value-and-gradient function of the given dimension, checking array lengths before every
   * call.
   *
   * @param dimension the number of variables, at least 1
   * @param function computes the value and overwrites the gradient
   * @return a function whose {@link #valueAndGradient} checks lengths and delegates
   */
  static DifferentiableFunction of(int dimension, ValueAndGradient function) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
    }
    if (function == null) {
      throw new NullPointerException("function");
    }
    return new DifferentiableFunction() {
      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public double valueAndGradient(double[] point, double[] gradient) {
        Checks.length("point", point, dimension);
        Checks.length("gradient", gradient, dimension);
        return function.valueAndGradient(point, gradient);
      }

      @Override
      public String toString() {
        return "DifferentiableFunction[dimension=" + dimension + "]";
      }
    };
  }

  /** The computation behind {@link DifferentiableFunction#of}: value returned, gradient written. */
  @FunctionalInterface
  interface ValueAndGradient {
    /**
     * Returns the value at {@code point} and overwrites {@code gradient} with the gradient there.
     *
     * @param point the point, only read
     * @param gradient receives the gradient, every element written
     * @return the value at {@code point}
     */
    double valueAndGradient(double[] point, double[] gradient);
  }
}
