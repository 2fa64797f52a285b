package dev.adjoint.runtime;

/**
 * The pass rule every derivative check in {@link GradientCheck} applies: PyTorch's {@code
 * gradcheck} rule, with one handling of NaN and infinity for all of them.
 *
 * <p>A value {@code actual} agrees with a {@code reference} when both are finite and
 *
 * <pre>{@code |actual - reference| <= atol + rtol * |reference|}</pre>
 *
 * <p>The gradient and Hessian checks compare the analytic value ({@code actual}) with the central
 * difference ({@code reference}). The dot-product test compares the reverse-mode side with the
 * forward-mode side against a {@linkplain #passes(double, double, double) scale} of its own, the
 * magnitude of the sum's terms, so that a sum that cancels is not judged relative to its rounding
 * noise.
 *
 * <p><b>NaN and infinity never pass</b>, on either side, whatever the other side is:
 *
 * <ul>
 *   <li>A NaN analytic value fails even against a NaN central difference. The checks fill the
 *       arrays they hand out with NaN, so a NaN is how an element the code under test never wrote
 *       shows up; letting NaN agree with NaN would hide exactly those bugs wherever the function is
 *       undefined nearby. (PyTorch's {@code allclose} also defaults to {@code equal_nan=False}.)
 *   <li>An infinite value fails even against the same infinity. A central difference is infinite
 *       only when the function itself overflows at {@code x ± h}, so two equal infinities say
 *       nothing about whether the derivative code is right, and the error ratio is undefined. This
 *       is stricter than {@code torch.isclose}, which calls equal infinities close: check
 *       derivatives at points where they are finite.
 * </ul>
 *
 * <p>An exact zero on both sides passes, also with {@code atol = rtol = 0}.
 *
 * @param atol the absolute tolerance, finite and not negative
 * @param rtol the relative tolerance, finite and not negative
 */
public record PassRule(double atol, double rtol) {

  /** PyTorch's {@code gradcheck} defaults: {@code atol = 1e-5}, {@code rtol = 1e-3}. */
  public static final PassRule DEFAULT =
      new PassRule(GradientCheck.DEFAULT_ATOL, GradientCheck.DEFAULT_RTOL);

  /**
   * Validates the tolerances.
   *
   * @param atol the absolute tolerance, finite and not negative
   * @param rtol the relative tolerance, finite and not negative
   * @throws IllegalArgumentException if a tolerance is negative, NaN or infinite
   */
  public PassRule {
    Checks.nonNegativeFinite("atol", atol);
    Checks.nonNegativeFinite("rtol", rtol);
  }

  /**
   * The error allowed against a reference of magnitude {@code scale}.
   *
   * @param scale the magnitude the relative tolerance applies to
   * @return {@code atol + rtol * |scale|}
   */
  public double allowed(double scale) {
    return atol + rtol * Math.abs(scale);
  }

  /**
   * Whether {@code actual} agrees with {@code reference}: both finite and {@code |actual -
   * reference| <= atol + rtol * |reference|}.
   *
   * @param actual the value checked (the analytic derivative)
   * @param reference the value it is checked against (the central difference)
   * @return whether the pair passes
   */
  public boolean passes(double actual, double reference) {
    return passes(actual, reference, reference);
  }

  /**
   * Whether {@code actual} agrees with {@code reference} to the tolerance at a given magnitude: all
   * three finite and {@code |actual - reference| <= atol + rtol * |scale|}.
   *
   * @param actual the value checked
   * @param reference the value it is checked against
   * @param scale the magnitude the relative tolerance applies to
   * @return whether the pair passes
   */
  public boolean passes(double actual, double reference, double scale) {
    return Double.isFinite(actual)
        && Double.isFinite(reference)
        && Double.isFinite(scale)
        && Math.abs(actual - reference) <= allowed(scale);
  }

  /**
   * How far a pair is from failing: its error divided by the error allowed, so that a pair passes
   * exactly when the ratio is at most 1 (up to rounding of the division). The checks report the
   * entry with the largest ratio as the worst.
   *
   * @param actual the value checked
   * @param reference the value it is checked against
   * @return 0 for an exact match, positive infinity when either value is not finite or when no
   *     error is allowed and there is one
   */
  public double toleranceRatio(double actual, double reference) {
    if (!Double.isFinite(actual) || !Double.isFinite(reference)) {
      return Double.POSITIVE_INFINITY;
    }
    double error = Math.abs(actual - reference);
    if (error == 0) {
      return 0;
    }
    double allowed = allowed(reference);
    return allowed > 0 ? error / allowed : Double.POSITIVE_INFINITY;
  }

  /**
   * The relative error of a pair, for reports: {@code |a - b| / max(|a|, |b|)}.
   *
   * @param a one value
   * @param b the other
   * @return 0 when {@code a == b} (finite), NaN when either is NaN or infinite
   */
  public static double relativeError(double a, double b) {
    double error = Math.abs(a - b);
    if (error == 0) {
      return 0;
    }
    double scale = Math.max(Math.abs(a), Math.abs(b));
    return Double.isNaN(error) ? Double.NaN : error / scale;
  }
}
