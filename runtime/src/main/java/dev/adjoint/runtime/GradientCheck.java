package dev.adjoint.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Checks an analytic gradient against central differences, with PyTorch's {@code gradcheck} pass
 * rule.
 *
 * <p>For each component {@code i} the numeric derivative is {@code (f(x + h e_i) - f(x - h e_i)) /
 * (2h)} with the step {@code h = 1e-6 * max(1, |x_i|)} (the difference of the two perturbed
 * coordinates as actually represented is used as the denominator). Component {@code i} passes when
 *
 * <pre>{@code |analytic_i - numeric_i| <= atol + rtol * |numeric_i|}</pre>
 *
 * with {@link #DEFAULT_ATOL} = 1e-5 and {@link #DEFAULT_RTOL} = 1e-3 unless given; the check passes
 * when every component passes. A NaN or infinite derivative on either side fails.
 *
 * <p>When checking a {@link DifferentiableFunction}, the gradient array is filled with NaN before
 * {@link DifferentiableFunction#valueAndGradient} is called, so an implementation that accumulates
 * into the array instead of overwriting it, or leaves an element unwritten, fails the check.
 *
 * <p>Two further checks cover forward mode and second order:
 *
 * <ul>
 *   <li>{@link #dotProduct} compares the reverse-mode gradient with a forward-mode tangent along a
 *       (random) direction {@code v}: {@code ⟨∇f(x), v⟩} must equal {@code tangent(x, v)} to {@link
 *       #DEFAULT_DOT_PRODUCT_TOLERANCE} relative, since both are exact up to rounding (and likewise
 *       {@code ⟨w, J v⟩ = ⟨Jᵀ w, v⟩} for array-valued functions);
 *   <li>{@link #checkHessian} compares a Hessian with central differences of the gradient, entry by
 *       entry with the pass rule above, and checks that it is symmetric to {@link
 *       #DEFAULT_SYMMETRY_TOLERANCE} relative to its largest entry.
 * </ul>
 *
 * <p>The checked point is never modified.
 */
public final class GradientCheck {

  /** PyTorch's {@code gradcheck} default absolute tolerance. */
  public static final double DEFAULT_ATOL = 1e-5;

  /** PyTorch's {@code gradcheck} default relative tolerance. */
  public static final double DEFAULT_RTOL = 1e-3;

  /** The relative finite-difference step: {@code h = STEP * max(1, |x_i|)}. */
  public static final double STEP = 1e-6;

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
    int n = function.dimension();
    Checks.length("point", point, n);
    double[] analytic = new double[n];
    Arrays.fill(analytic, Double.NaN);
    function.valueAndGradient(point.clone(), analytic);
    return compare(function::value, point, analytic, atol, rtol);
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
    if (point == null) {
      throw new NullPointerException("point is null");
    }
    double[] analytic = new double[point.length];
    Arrays.fill(analytic, Double.NaN);
    gradient.gradient(point.clone(), analytic);
    return compare(value, point, analytic, atol, rtol);
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
    Checks.nonNegativeFinite("atol", atol);
    Checks.nonNegativeFinite("rtol", rtol);
    if (point == null) {
      throw new NullPointerException("point is null");
    }
    Checks.length("analytic gradient", analytic, point.length);
    int n = point.length;
    double[] numeric = new double[n];
    double[] work = point.clone();
    for (int i = 0; i < n; i++) {
      numeric[i] = centralDifference(value, work, i);
    }
    return Result.of(point.clone(), analytic.clone(), numeric, atol, rtol);
  }

  /**
   * The central-difference derivative of {@code value} along coordinate {@code i}, with the step
   * {@code STEP * max(1, |x_i|)}. {@code work} is perturbed and restored.
   */
  private static double centralDifference(ToDoubleFunction<double[]> value, double[] work, int i) {
    double xi = work[i];
    double h = STEP * Math.max(1.0, Math.abs(xi));
    double plus = xi + h;
    double minus = xi - h;
    work[i] = plus;
    double fPlus = value.applyAsDouble(work);
    work[i] = minus;
    double fMinus = value.applyAsDouble(work);
    work[i] = xi;
    return (fPlus - fMinus) / (plus - minus);
  }

  // ---------------------------------------------------------------------------------------------
  // Forward against reverse mode: the dot-product test.
  // ---------------------------------------------------------------------------------------------

  /**
   * The default tolerance of the dot-product tests: forward and reverse mode compute the same
   * derivative with different rounding, so they agree to about this relative error.
   */
  public static final double DEFAULT_DOT_PRODUCT_TOLERANCE = 1e-12;

  /**
   * A direction with independent standard normal components, for the dot-product tests.
   *
   * @param n the length
   * @param random the source of randomness (seed it for reproducible tests)
   * @return a fresh array of {@code n} draws
   */
  public static double[] randomDirection(int n, Random random) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, got " + n);
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
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
   * The test passes when both sides are finite and the relative error is at most {@code tolerance}.
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
    Checks.nonNegativeFinite("tolerance", tolerance);
    if (point == null) {
      throw new NullPointerException("point is null");
    }
    Checks.length("direction", direction, point.length);
    double[] g = new double[point.length];
    Arrays.fill(g, Double.NaN);
    gradient.gradient(point.clone(), g);
    double reverse = 0;
    double scale = 0;
    for (int i = 0; i < g.length; i++) {
      reverse += g[i] * direction[i];
      scale += Math.abs(g[i] * direction[i]);
    }
    double forward = tangent.tangent(point.clone(), direction.clone());
    return DotProductResult.of(reverse, forward, scale, tolerance, point, direction);
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
    if (point == null) {
      throw new NullPointerException("point is null");
    }
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
    Checks.nonNegativeFinite("tolerance", tolerance);
    if (point == null) {
      throw new NullPointerException("point is null");
    }
    Checks.length("v", v, point.length);
    if (w == null) {
      throw new NullPointerException("w is null");
    }
    double[] jv = new double[w.length];
    Arrays.fill(jv, Double.NaN);
    jvp.apply(point.clone(), v.clone(), jv);
    double[] jtw = new double[point.length];
    Arrays.fill(jtw, Double.NaN);
    vjp.apply(point.clone(), w.clone(), jtw);
    double forward = 0;
    double forwardScale = 0;
    for (int i = 0; i < w.length; i++) {
      forward += w[i] * jv[i];
      forwardScale += Math.abs(w[i] * jv[i]);
    }
    double reverse = 0;
    double reverseScale = 0;
    for (int j = 0; j < v.length; j++) {
      reverse += jtw[j] * v[j];
      reverseScale += Math.abs(jtw[j] * v[j]);
    }
    return DotProductResult.of(
        reverse, forward, Math.max(forwardScale, reverseScale), tolerance, point, v);
  }

  // ---------------------------------------------------------------------------------------------
  // Hessians against central differences of the gradient.
  // ---------------------------------------------------------------------------------------------

  /** The default tolerance on the asymmetry of a Hessian, relative to its largest entry. */
  public static final double DEFAULT_SYMMETRY_TOLERANCE = 1e-12;

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
    int n = function.dimension();
    Checks.length("point", point, n);
    double[] g = new double[n];
    Arrays.fill(g, Double.NaN);
    double[][] h = new double[n][n];
    for (double[] row : h) {
      Arrays.fill(row, Double.NaN);
    }
    function.valueGradientAndHessian(point.clone(), g, h);
    return compareHessian(
        (x, grad) -> function.valueAndGradient(x, grad), point, h, atol, rtol, symmetryTolerance);
  }

  /**
   * Compares a Hessian already computed at {@code point} with central differences of the gradient,
   * and checks its symmetry.
   *
   * <p>Column {@code j} of the numeric Hessian is {@code (g(x + h e_j) - g(x - h e_j)) / (2h)} with
   * the step {@code h = STEP * max(1, |x_j|)}, so entry {@code (i, j)} estimates {@code ∂g_i /
   * ∂x_j}. Each entry passes by the rule of {@link #check}: {@code |analytic - numeric| <= atol +
   * rtol * |numeric|}. The asymmetry is {@code max |H_ij - H_ji| / max |H_kl|} (0 for a zero
   * matrix); the Hessian is symmetric when it is at most {@code symmetryTolerance}. The check
   * passes when every entry passes and the Hessian is symmetric.
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
    Checks.nonNegativeFinite("atol", atol);
    Checks.nonNegativeFinite("rtol", rtol);
    Checks.nonNegativeFinite("symmetryTolerance", symmetryTolerance);
    if (point == null) {
      throw new NullPointerException("point is null");
    }
    int n = point.length;
    Checks.square("analytic Hessian", analytic, n);
    double[][] numeric = new double[n][n];
    double[] work = point.clone();
    double[] gPlus = new double[n];
    double[] gMinus = new double[n];
    for (int j = 0; j < n; j++) {
      double xj = work[j];
      double h = STEP * Math.max(1.0, Math.abs(xj));
      double plus = xj + h;
      double minus = xj - h;
      work[j] = plus;
      gradient.gradient(work, gPlus);
      work[j] = minus;
      gradient.gradient(work, gMinus);
      work[j] = xj;
      for (int i = 0; i < n; i++) {
        numeric[i][j] = (gPlus[i] - gMinus[i]) / (plus - minus);
      }
    }
    return HessianResult.of(
        point.clone(), deepCopy(analytic), numeric, atol, rtol, symmetryTolerance);
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] copy = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      copy[i] = a[i].clone();
    }
    return copy;
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
      double[] direction) {

    static DotProductResult of(
        double reverse,
        double forward,
        double scale,
        double tolerance,
        double[] point,
        double[] direction) {
      double s = Math.max(scale, Math.abs(forward));
      double error = Math.abs(reverse - forward);
      double relative;
      if (Double.isNaN(error) || Double.isNaN(s)) {
        relative = Double.NaN;
      } else if (error == 0) {
        relative = 0;
      } else {
        relative = error / s;
      }
      boolean passed =
          Double.isFinite(reverse)
              && Double.isFinite(forward)
              && Double.isFinite(s)
              && relative <= tolerance;
      return new DotProductResult(
          passed, reverse, forward, relative, s, tolerance, point.clone(), direction.clone());
    }

    /**
     * Throws {@link AssertionError} with {@link #toString()} as the message unless the test passed.
     *
     * @return this result
     */
    public DotProductResult assertPassed() {
      if (!passed) {
        throw new AssertionError(toString());
      }
      return this;
    }

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

    /**
     * One line, e.g. {@code DotProduct passed (4 inputs, tolerance 1e-12): reverse 12.5, forward
     * 12.500000000000002, relative error 1.42e-16}.
     */
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "DotProduct %s (%d %s, tolerance %s): reverse %s, forward %s, relative error %.3g",
          passed ? "passed" : "FAILED",
          point.length,
          point.length == 1 ? "input" : "inputs",
          tolerance,
          reverse,
          forward,
          relativeError);
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
      double symmetryTolerance) {

    static HessianResult of(
        double[] point,
        double[][] analytic,
        double[][] numeric,
        double atol,
        double rtol,
        double symmetryTolerance) {
      int n = point.length;
      boolean entriesPass = true;
      int worstRow = -1;
      int worstColumn = -1;
      double worstRatio = -1;
      double largest = 0;
      boolean finite = true;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double a = analytic[i][j];
          double num = numeric[i][j];
          double allowed = atol + rtol * Math.abs(num);
          double error = Math.abs(a - num);
          double ratio;
          if (!Double.isFinite(a) || !Double.isFinite(num)) {
            ratio = Double.POSITIVE_INFINITY;
            entriesPass = false;
          } else {
            ratio = allowed > 0 ? error / allowed : error == 0 ? 0 : Double.POSITIVE_INFINITY;
            entriesPass &= error <= allowed;
          }
          if (ratio > worstRatio) {
            worstRatio = ratio;
            worstRow = i;
            worstColumn = j;
          }
          finite &= Double.isFinite(a);
          largest = Math.max(largest, Math.abs(a));
        }
      }
      double asymmetry = 0;
      if (!finite) {
        asymmetry = Double.NaN;
      } else if (largest > 0) {
        for (int i = 0; i < n; i++) {
          for (int j = i + 1; j < n; j++) {
            asymmetry = Math.max(asymmetry, Math.abs(analytic[i][j] - analytic[j][i]) / largest);
          }
        }
      }
      boolean symmetric = asymmetry <= symmetryTolerance;
      double relative =
          worstRow < 0
              ? 0
              : Result.relativeError(
                  analytic[worstRow][worstColumn], numeric[worstRow][worstColumn]);
      return new HessianResult(
          entriesPass && symmetric,
          symmetric,
          worstRow,
          worstColumn,
          relative,
          Math.max(worstRatio, 0),
          asymmetry,
          point,
          analytic,
          numeric,
          atol,
          rtol,
          symmetryTolerance);
    }

    /**
     * The number of variables.
     *
     * @return the number of rows (and columns) checked
     */
    public int dimension() {
      return point.length;
    }

    /**
     * Throws {@link AssertionError} with {@link #toString()} as the message unless the check
     * passed.
     *
     * @return this result
     */
    public HessianResult assertPassed() {
      if (!passed) {
        throw new AssertionError(toString());
      }
      return this;
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
     * A one-line summary with the worst entry and the asymmetry, e.g. {@code HessianCheck FAILED (2
     * x 2, atol 1e-05, rtol 0.001, symmetry 1e-12): worst entry (0, 1): analytic 3.0, numeric 2.0,
     * …; asymmetry 0.5 (not symmetric)}.
     */
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("HessianCheck ");
      s.append(passed ? "passed" : "FAILED")
          .append(
              String.format(
                  Locale.ROOT,
                  " (%d x %d, atol %s, rtol %s, symmetry %s)",
                  point.length,
                  point.length,
                  atol,
                  rtol,
                  symmetryTolerance));
      if (worstRow >= 0) {
        double a = analytic[worstRow][worstColumn];
        double num = numeric[worstRow][worstColumn];
        s.append(
            String.format(
                Locale.ROOT,
                ": worst entry (%d, %d): analytic %s, numeric %s, |diff| %.3g,"
                    + " relative error %.3g, %.3g x allowed",
                worstRow,
                worstColumn,
                a,
                num,
                Math.abs(a - num),
                worstRelativeError,
                worstToleranceRatio));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "; asymmetry %.3g (%s)",
              asymmetry,
              symmetric ? "symmetric" : "not symmetric"));
      return s.toString();
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
      double rtol) {

    static Result of(
        double[] point, double[] analytic, double[] numeric, double atol, double rtol) {
      boolean passed = true;
      int worst = -1;
      double worstRatio = -1;
      for (int i = 0; i < analytic.length; i++) {
        double a = analytic[i];
        double num = numeric[i];
        double allowed = atol + rtol * Math.abs(num);
        double error = Math.abs(a - num);
        boolean ok = Double.isFinite(a) && Double.isFinite(num) && error <= allowed;
        double ratio;
        if (!Double.isFinite(a) || !Double.isFinite(num) || Double.isNaN(error)) {
          ratio = Double.POSITIVE_INFINITY;
        } else if (allowed > 0) {
          ratio = error / allowed;
        } else {
          ratio = error == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        passed &= ok;
        if (ratio > worstRatio) {
          worstRatio = ratio;
          worst = i;
        }
      }
      double relative = worst < 0 ? 0 : relativeError(analytic[worst], numeric[worst]);
      return new Result(
          passed, worst, relative, Math.max(worstRatio, 0), point, analytic, numeric, atol, rtol);
    }

    static double relativeError(double a, double num) {
      double error = Math.abs(a - num);
      if (error == 0) {
        return 0;
      }
      double scale = Math.max(Math.abs(a), Math.abs(num));
      return Double.isNaN(error) ? Double.NaN : error / scale;
    }

    /**
     * The number of components checked.
     *
     * @return the length of the checked gradient
     */
    public int dimension() {
      return analytic.length;
    }

    /**
     * Throws {@link AssertionError} with {@link #toString()} as the message unless the check
     * passed.
     *
     * @return this result
     */
    public Result assertPassed() {
      if (!passed) {
        throw new AssertionError(toString());
      }
      return this;
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
     * A one-line summary, then the worst component, e.g. {@code GradientCheck FAILED (4 components,
     * atol 1e-05, rtol 0.001): worst component 2: analytic 1.5, numeric 2.0, |diff| 0.5, relative
     * error 0.25, 2.5e+02 x allowed}.
     */
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("GradientCheck ");
      s.append(passed ? "passed" : "FAILED")
          .append(" (")
          .append(analytic.length)
          .append(analytic.length == 1 ? " component" : " components")
          .append(String.format(Locale.ROOT, ", atol %s, rtol %s)", atol, rtol));
      if (worstIndex >= 0) {
        double a = analytic[worstIndex];
        double num = numeric[worstIndex];
        s.append(
            String.format(
                Locale.ROOT,
                ": worst component %d at x = %s: analytic %s, numeric %s, |diff| %.3g,"
                    + " relative error %.3g, %.3g x allowed",
                worstIndex,
                point[worstIndex],
                a,
                num,
                Math.abs(a - num),
                worstRelativeError,
                worstToleranceRatio));
      }
      return s.toString();
    }
  }
}
