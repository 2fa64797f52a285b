package dev.adjoint.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Checks an analytic gradient against central differences, with PyTorch's {@code gradcheck} pass
 * rule.
 *
 * <p>For each component {@code i} the numeric derivative is {@code (f(x + h e_i) - f(x - h e_i))
 * / (2h)} with the step {@code h = 1e-6 * max(1, |x_i|)} (the difference of the two perturbed
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
   * with the largest ratio {@code |analytic - numeric| / (atol + rtol * |numeric|)} (a ratio
   * above 1 fails; a NaN or infinite derivative counts as the worst). Its relative error is {@code
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

    private static double relativeError(double a, double num) {
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
     * A one-line summary, then the worst component, e.g. {@code GradientCheck FAILED (4
     * components, atol 1e-05, rtol 0.001): worst component 2: analytic 1.5, numeric 2.0, |diff|
     * 0.5, relative error 0.25, 2.5e+02 x allowed}.
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
