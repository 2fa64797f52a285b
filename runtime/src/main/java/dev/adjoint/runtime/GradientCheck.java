package dev.adjoint.runtime;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Numeric checks of derivatives, for tests of generated (or hand-written) derivative code: three
 * tools behind one entry point.
 *
 * <ul>
 *   <li>{@link #check} (and {@link #compare}): a gradient against central differences of the value,
 *       component by component;
 *   <li>{@link #dotProduct}: reverse mode against forward mode along a (random) direction {@code
 *       v}: {@code ⟨∇f(x), v⟩} must equal {@code tangent(x, v)} to {@link
 *       #DEFAULT_DOT_PRODUCT_TOLERANCE} relative, since both are exact up to rounding (and likewise
 *       {@code ⟨w, J v⟩ = ⟨Jᵀ w, v⟩} for array-valued functions);
 *   <li>{@link #checkHessian} (and {@link #compareHessian}): a Hessian against central differences
 *       of the gradient, entry by entry, and its symmetry to {@link #DEFAULT_SYMMETRY_TOLERANCE}
 *       relative to its largest entry.
 * </ul>
 *
 * <p>The central difference along coordinate {@code i} is {@code (f(x + h e_i) - f(x - h e_i)) /
 * (2h)} with the step {@code h = STEP * max(1, |x_i|)}. Every comparison uses one {@link PassRule},
 * PyTorch's {@code gradcheck} rule {@code |analytic - numeric| <= atol + rtol * |numeric|}, with
 * {@link #DEFAULT_ATOL} = 1e-5 and {@link #DEFAULT_RTOL} = 1e-3 unless given; a check passes when
 * every component passes. NaN and infinity never pass, on either side, not even against an equal
 * value: see {@link PassRule} for why.
 *
 * <p>Every array handed to the code under test (a gradient, a Hessian, a tangent) is filled with
 * NaN first, so an implementation that accumulates into the array instead of overwriting it, or
 * leaves an element unwritten, fails the check. The checked point is never modified.
 */
public final class GradientCheck {

  /** PyTorch's {@code gradcheck} default absolute tolerance. */
  public static final double DEFAULT_ATOL = 1e-5;

  /** PyTorch's {@code gradcheck} default relative tolerance. */
  public static final double DEFAULT_RTOL = 1e-3;

  /** The relative finite-difference step: {@code h = STEP * max(1, |x_i|)}. */
  public static final double STEP = 1e-6;

  /**
   * The default tolerance of the dot-product tests: forward and reverse mode compute the same
   * derivative with different rounding, so they agree to about this relative error.
   */
  public static final double DEFAULT_DOT_PRODUCT_TOLERANCE = 1e-12;

  /** The default tolerance on the asymmetry of a Hessian, relative to its largest entry. */
  public static final double DEFAULT_SYMMETRY_TOLERANCE = 1e-12;

  private GradientCheck() {}

  /**
   * Checks {@code function}'s gradient at {@code point} with the default tolerances.
   *
   * @param function the function whose {@code valueAndGradient} is checked
   * @param point the point, of length {@code function.dimension()}
   * @return the outcome, never null
   */
  public static Result check(DifferentiableFunction function, double[] point) {
    return check(function, point, DEFAULT_ATOL, DEFAULT_RTOL);
  }

  /**
   * Checks {@code function}'s gradient at {@code point} with the given tolerances.
   *
   * @param function the function whose {@code valueAndGradient} is checked
   * @param point the point, of length {@code function.dimension()}
   * @param atol the absolute tolerance, finite and not negative
   * @param rtol the relative tolerance, finite and not negative
   * @return the outcome, never null
   */
  public static Result check(
      DifferentiableFunction function, double[] point, double atol, double rtol) {
    return GradientDifferenceCheck.check(function, point, new PassRule(atol, rtol));
  }

  /**
   * Checks a gradient given as a separate function, with the default tolerances.
   *
   * @param value the function, called on perturbed copies of {@code point}
   * @param gradient writes the gradient at a point into its second argument
   * @param point the point
   * @return the outcome, never null
   */
  public static Result check(
      ToDoubleFunction<double[]> value, GradientFunction gradient, double[] point) {
    return check(value, gradient, point, DEFAULT_ATOL, DEFAULT_RTOL);
  }

  /**
   * Checks a gradient given as a separate function, with the given tolerances.
   *
   * @param value the function, called on perturbed copies of {@code point}
   * @param gradient writes the gradient at a point into its second argument (an array of {@code
   *     point.length} elements filled with NaN, so every element must be written)
   * @param point the point
   * @param atol the absolute tolerance, finite and not negative
   * @param rtol the relative tolerance, finite and not negative
   * @return the outcome, never null
   */
  public static Result check(
      ToDoubleFunction<double[]> value,
      GradientFunction gradient,
      double[] point,
      double atol,
      double rtol) {
    return GradientDifferenceCheck.check(value, gradient, point, new PassRule(atol, rtol));
  }

  /**
   * Compares a gradient already computed at {@code point} with central differences of {@code
   * value}.
   *
   * @param value the function
   * @param point the point, not modified
   * @param analytic the gradient to check, of length {@code point.length}
   * @param atol the absolute tolerance, finite and not negative
   * @param rtol the relative tolerance, finite and not negative
   * @return the outcome, never null
   */
  public static Result compare(
      ToDoubleFunction<double[]> value,
      double[] point,
      double[] analytic,
      double atol,
      double rtol) {
    return GradientDifferenceCheck.compare(value, point, analytic, new PassRule(atol, rtol));
  }

  /**
   * A direction with independent standard normal components, for the dot-product tests.
   *
   * @param n the length
   * @param random the source of randomness (seed it for reproducible tests)
   * @return a fresh array of {@code n} draws
   */
  public static double[] randomDirection(int n, Random random) {
    return DotProductCheck.randomDirection(n, random);
  }

  /**
   * The dot-product test along a random direction, with {@link #DEFAULT_DOT_PRODUCT_TOLERANCE}:
   * checks that {@code ⟨∇f(x), v⟩} from {@code function}'s reverse-mode gradient equals the
   * forward-mode directional derivative {@code tangent(x, v)} (for generated code: {@code
   * mValueAndGradient} against {@code mTangent}).
   *
   * @param function the function whose {@code valueAndGradient} gives the gradient
   * @param tangent the directional derivative
   * @param point the point, of length {@code function.dimension()}, not modified
   * @param random draws the direction, see {@link #randomDirection}
   * @return the outcome, never null
   */
  public static DotProductResult dotProduct(
      DifferentiableFunction function, TangentFunction tangent, double[] point, Random random) {
    return dotProduct(
        function,
        tangent,
        point,
        randomDirection(function.dimension(), random),
        DEFAULT_DOT_PRODUCT_TOLERANCE);
  }

  /**
   * The dot-product test along a given direction: {@code ⟨∇f(x), v⟩} from {@code function}'s
   * gradient against {@code tangent(x, v)}.
   *
   * @param function the function whose {@code valueAndGradient} gives the gradient
   * @param tangent the directional derivative
   * @param point the point, of length {@code function.dimension()}, not modified
   * @param direction the direction {@code v}, of the same length, not modified
   * @param tolerance the relative tolerance, finite and not negative
   * @return the outcome, never null
   */
  public static DotProductResult dotProduct(
      DifferentiableFunction function,
      TangentFunction tangent,
      double[] point,
      double[] direction,
      double tolerance) {
    Checks.length("point", point, function.dimension());
    return dotProduct(
        (x, g) -> function.valueAndGradient(x, g), tangent, point, direction, tolerance);
  }

  /**
   * The dot-product test along a given direction, with the gradient given as a separate function.
   *
   * <p>The reverse side is {@code Σ g_i v_i} with {@code g} the gradient (written into an array
   * filled with NaN, so every element must be written); the forward side is {@code tangent(x, v)}.
   * The relative error is {@code |reverse - forward| / max(Σ |g_i v_i|, |forward|)}, 0 when both
   * sides are 0: the scale {@code Σ |g_i v_i|} keeps the measure meaningful when the sum cancels.
   * It passes by {@code new PassRule(0, tolerance)} at that scale.
   *
   * @param gradient writes the gradient at a point into its second argument
   * @param tangent the directional derivative
   * @param point the point, not modified
   * @param direction the direction {@code v}, of the same length, not modified
   * @param tolerance the relative tolerance, finite and not negative
   * @return the outcome, never null
   */
  public static DotProductResult dotProduct(
      GradientFunction gradient,
      TangentFunction tangent,
      double[] point,
      double[] direction,
      double tolerance) {
    return DotProductCheck.gradient(gradient, tangent, point, direction, tolerance);
  }

  /**
   * The dot-product test of an array-valued function {@code F: R^n → R^m} along random directions,
   * with {@link #DEFAULT_DOT_PRODUCT_TOLERANCE}: checks {@code ⟨w, J v⟩ = ⟨Jᵀ w, v⟩}, the
   * Jacobian-vector product {@code J v} from forward mode (a generated {@code mTangent(…,
   * direction, tangent)}) against the vector-Jacobian product {@code Jᵀ w} from reverse mode (a
   * generated {@code mPullback(…, outputAdjoint, gradient)}).
   *
   * @param outputs the number of outputs m
   * @param jvp writes {@code J v} into its third argument
   * @param vjp writes {@code Jᵀ w} into its third argument
   * @param point the point of n inputs, not modified
   * @param random draws {@code v} (n components) and then {@code w} (m components)
   * @return the outcome, never null
   */
  public static DotProductResult dotProduct(
      int outputs,
      JacobianVectorProduct jvp,
      VectorJacobianProduct vjp,
      double[] point,
      Random random) {
    Objects.requireNonNull(point, "point is null");
    double[] v = randomDirection(point.length, random);
    double[] w = randomDirection(outputs, random);
    return dotProduct(jvp, vjp, point, v, w, DEFAULT_DOT_PRODUCT_TOLERANCE);
  }

  /**
   * The dot-product test {@code ⟨w, J v⟩ = ⟨Jᵀ w, v⟩} of an array-valued function along given
   * directions. The forward side is {@code Σ w_i (J v)_i}, the reverse side {@code Σ (Jᵀ w)_j v_j};
   * the relative error is measured against the larger of {@code Σ |w_i (J v)_i|} and {@code Σ |(Jᵀ
   * w)_j v_j|}. Both products are written into arrays filled with NaN, so every element must be
   * written.
   *
   * @param jvp writes {@code J v} into its third argument (of length {@code w.length})
   * @param vjp writes {@code Jᵀ w} into its third argument (of length {@code point.length})
   * @param point the point, not modified
   * @param v the input direction, of length {@code point.length}
   * @param w the output weights, one per output
   * @param tolerance the relative tolerance, finite and not negative
   * @return the outcome; its {@link DotProductResult#direction()} is {@code v}
   */
  public static DotProductResult dotProduct(
      JacobianVectorProduct jvp,
      VectorJacobianProduct vjp,
      double[] point,
      double[] v,
      double[] w,
      double tolerance) {
    return DotProductCheck.jacobian(jvp, vjp, point, v, w, tolerance);
  }

  /**
   * Checks {@code function}'s Hessian at {@code point} against central differences of its gradient,
   * with {@link #DEFAULT_ATOL}, {@link #DEFAULT_RTOL} and {@link #DEFAULT_SYMMETRY_TOLERANCE}; see
   * {@link #compareHessian}.
   *
   * @param function the function whose {@code valueGradientAndHessian} is checked
   * @param point the point, of length {@code function.dimension()}, not modified
   * @return the outcome, never null
   */
  public static HessianResult checkHessian(TwiceDifferentiableFunction function, double[] point) {
    return checkHessian(function, point, DEFAULT_ATOL, DEFAULT_RTOL, DEFAULT_SYMMETRY_TOLERANCE);
  }

  /**
   * Checks {@code function}'s Hessian at {@code point} against central differences of its gradient
   * ({@code valueAndGradient}); the gradient and Hessian arrays are filled with NaN before {@code
   * valueGradientAndHessian} is called, so every element must be written.
   *
   * @param function the function whose {@code valueGradientAndHessian} is checked
   * @param point the point, of length {@code function.dimension()}, not modified
   * @param atol the absolute tolerance, finite and not negative
   * @param rtol the relative tolerance, finite and not negative
   * @param symmetryTolerance the allowed asymmetry, finite and not negative
   * @return the outcome, never null
   */
  public static HessianResult checkHessian(
      TwiceDifferentiableFunction function,
      double[] point,
      double atol,
      double rtol,
      double symmetryTolerance) {
    return HessianDifferenceCheck.check(
        function, point, new PassRule(atol, rtol), symmetryTolerance);
  }

  /**
   * Compares a Hessian already computed at {@code point} with central differences of the gradient,
   * and checks its symmetry.
   *
   * <p>Entry {@code (i, j)} of the numeric Hessian is the central difference of {@code g_i} along
   * {@code x_j}, and passes by the {@link PassRule}. The asymmetry is {@code max |H_ij - H_ji| /
   * max |H_kl|} (0 for a zero matrix); the Hessian is symmetric when it is at most {@code
   * symmetryTolerance}. The check passes when every entry passes and the Hessian is symmetric.
   *
   * @param gradient writes the gradient at a point into its second argument
   * @param point the point, not modified
   * @param analytic the Hessian to check, {@code point.length} rows of {@code point.length}
   * @param atol the absolute tolerance, finite and not negative
   * @param rtol the relative tolerance, finite and not negative
   * @param symmetryTolerance the allowed asymmetry, finite and not negative
   * @return the outcome, never null
   */
  public static HessianResult compareHessian(
      GradientFunction gradient,
      double[] point,
      double[][] analytic,
      double atol,
      double rtol,
      double symmetryTolerance) {
    return HessianDifferenceCheck.compare(
        gradient, point, analytic, new PassRule(atol, rtol), symmetryTolerance);
  }

  /** A forward-mode directional derivative, such as a generated {@code mTangent}. */
  @FunctionalInterface
  public interface TangentFunction {
    /**
     * Returns the directional derivative {@code ∇f(point) · direction}.
     *
     * @param point the point, only read
     * @param direction the direction, only read
     * @return the directional derivative
     */
    double tangent(double[] point, double[] direction);
  }

  /** A Jacobian-vector product, such as a generated array-valued {@code mTangent}. */
  @FunctionalInterface
  public interface JacobianVectorProduct {
    /**
     * Overwrites {@code tangent} with {@code J(point) direction}.
     *
     * @param point the point, only read
     * @param direction the input direction, only read
     * @param tangent receives one component per output
     */
    void apply(double[] point, double[] direction, double[] tangent);
  }

  /** A vector-Jacobian product, such as a generated {@code mPullback}. */
  @FunctionalInterface
  public interface VectorJacobianProduct {
    /**
     * Overwrites {@code gradient} with {@code J(point)ᵀ outputAdjoint}.
     *
     * @param point the point, only read
     * @param outputAdjoint one weight per output, only read
     * @param gradient receives one component per input
     */
    void apply(double[] point, double[] outputAdjoint, double[] gradient);
  }

  /**
   * The outcome of a dot-product test.
   *
   * @param passed whether both sides are finite and agree to the tolerance
   * @param reverse the reverse-mode side ({@code ⟨∇f, v⟩}, or {@code ⟨Jᵀ w, v⟩})
   * @param forward the forward-mode side ({@code tangent(x, v)}, or {@code ⟨w, J v⟩})
   * @param relativeError {@code |reverse - forward| / scale}, 0 when both are 0
   * @param scale the magnitude the error is measured against (see the {@code dotProduct} methods)
   * @param tolerance the relative tolerance used
   * @param point the point (a copy)
   * @param direction the direction {@code v} (a copy)
   */
  public record DotProductResult(
      boolean passed,
      double reverse,
      double forward,
      double relativeError,
      double scale,
      double tolerance,
      double[] point,
      double[] direction)
      implements CheckResult<DotProductResult> {

    @Override
    public boolean equals(Object o) {
      return o instanceof DotProductResult r
          && passed == r.passed
          && Double.compare(reverse, r.reverse) == 0
          && Double.compare(forward, r.forward) == 0
          && Double.compare(relativeError, r.relativeError) == 0
          && Double.compare(scale, r.scale) == 0
          && Double.compare(tolerance, r.tolerance) == 0
          && Arrays.equals(point, r.point)
          && Arrays.equals(direction, r.direction);
    }

    @Override
    public int hashCode() {
      int h = Boolean.hashCode(passed);
      h = 31 * h + Double.hashCode(reverse);
      h = 31 * h + Double.hashCode(forward);
      return 31 * h + Arrays.hashCode(direction);
    }

    /** One line, e.g. {@code DotProduct passed (4 inputs, tolerance 1e-12): reverse 12.5, …}. */
    @Override
    public String toString() {
      return DotProductCheck.describe(this);
    }
  }

  /**
   * The outcome of a Hessian check.
   *
   * <p>The <em>worst</em> entry is the one with the largest ratio of its error to its allowed
   * error, as for {@link Result}; a NaN or infinite entry counts as the worst.
   *
   * @param passed whether every entry passes and the Hessian is symmetric
   * @param symmetric whether {@code asymmetry <= symmetryTolerance}
   * @param worstRow the row of the worst entry, or -1 for a function of no variables
   * @param worstColumn the column of the worst entry, or -1
   * @param worstRelativeError the relative error of the worst entry
   * @param worstToleranceRatio the worst entry's error divided by its allowed error
   * @param asymmetry {@code max |H_ij - H_ji| / max |H_kl|}, NaN if an entry is not finite
   * @param point the point checked (a copy)
   * @param analytic the Hessian checked (a copy)
   * @param numeric the central differences of the gradient
   * @param atol the absolute tolerance used
   * @param rtol the relative tolerance used
   * @param symmetryTolerance the symmetry tolerance used
   */
  public record HessianResult(
      boolean passed,
      boolean symmetric,
      int worstRow,
      int worstColumn,
      double worstRelativeError,
      double worstToleranceRatio,
      double asymmetry,
      double[] point,
      double[][] analytic,
      double[][] numeric,
      double atol,
      double rtol,
      double symmetryTolerance)
      implements CheckResult<HessianResult> {

    /**
     * The number of variables.
     *
     * @return the number of rows (and columns) checked
     */
    public int dimension() {
      return point.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof HessianResult r
          && passed == r.passed
          && symmetric == r.symmetric
          && worstRow == r.worstRow
          && worstColumn == r.worstColumn
          && Double.compare(worstRelativeError, r.worstRelativeError) == 0
          && Double.compare(worstToleranceRatio, r.worstToleranceRatio) == 0
          && Double.compare(asymmetry, r.asymmetry) == 0
          && Arrays.equals(point, r.point)
          && Arrays.deepEquals(analytic, r.analytic)
          && Arrays.deepEquals(numeric, r.numeric)
          && Double.compare(atol, r.atol) == 0
          && Double.compare(rtol, r.rtol) == 0
          && Double.compare(symmetryTolerance, r.symmetryTolerance) == 0;
    }

    @Override
    public int hashCode() {
      int h = Boolean.hashCode(passed);
      h = 31 * h + worstRow;
      h = 31 * h + worstColumn;
      h = 31 * h + Arrays.deepHashCode(analytic);
      return 31 * h + Arrays.deepHashCode(numeric);
    }

    /**
     * One line with the worst entry and the asymmetry, e.g. {@code HessianCheck FAILED (2 x 2, …):
     * worst entry (0, 1): analytic 3.0, numeric 2.0, …; asymmetry 0.5 (not symmetric)}.
     */
    @Override
    public String toString() {
      return HessianDifferenceCheck.describe(this);
    }
  }

  /** A gradient computed separately from the value: writes the gradient at {@code point}. */
  @FunctionalInterface
  public interface GradientFunction {
    /**
     * Overwrites {@code gradient} with the gradient at {@code point}.
     *
     * @param point the point, only read
     * @param gradient receives the gradient, of the same length as {@code point}
     */
    void gradient(double[] point, double[] gradient);
  }

  /**
   * The outcome of a gradient check.
   *
   * <p>The <em>worst</em> component is the one closest to failing, or furthest past it: the one
   * with the largest ratio {@code |analytic - numeric| / (atol + rtol * |numeric|)} (a ratio above
   * 1 fails; a NaN or infinite derivative counts as the worst). Its relative error is {@code
   * |analytic - numeric| / max(|analytic|, |numeric|)}, 0 when both are 0.
   *
   * @param passed whether every component satisfies the pass rule
   * @param worstIndex the index of the worst component, or -1 for a function of no variables
   * @param worstRelativeError the relative error of the worst component
   * @param worstToleranceRatio the worst component's error divided by its allowed error
   * @param point the point checked (a copy)
   * @param analytic the analytic gradient checked (a copy)
   * @param numeric the central-difference gradient
   * @param atol the absolute tolerance used
   * @param rtol the relative tolerance used
   */
  public record Result(
      boolean passed,
      int worstIndex,
      double worstRelativeError,
      double worstToleranceRatio,
      double[] point,
      double[] analytic,
      double[] numeric,
      double atol,
      double rtol)
      implements CheckResult<Result> {

    /**
     * The number of components checked.
     *
     * @return the length of the checked gradient
     */
    public int dimension() {
      return analytic.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Result r
          && passed == r.passed
          && worstIndex == r.worstIndex
          && Double.compare(worstRelativeError, r.worstRelativeError) == 0
          && Double.compare(worstToleranceRatio, r.worstToleranceRatio) == 0
          && Arrays.equals(point, r.point)
          && Arrays.equals(analytic, r.analytic)
          && Arrays.equals(numeric, r.numeric)
          && Double.compare(atol, r.atol) == 0
          && Double.compare(rtol, r.rtol) == 0;
    }

    @Override
    public int hashCode() {
      int h = Boolean.hashCode(passed);
      h = 31 * h + worstIndex;
      h = 31 * h + Arrays.hashCode(analytic);
      h = 31 * h + Arrays.hashCode(numeric);
      return h;
    }

    /**
     * One line with the worst component, e.g. {@code GradientCheck FAILED (4 components, …): worst
     * component 2 at x = 0.5: analytic 1.5, numeric 2.0, |diff| 0.5, …, 2.5e+02 x allowed}.
     */
    @Override
    public String toString() {
      return GradientDifferenceCheck.describe(this);
    }
  }
}
