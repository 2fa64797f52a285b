package dev.adjoint.runtime;

/**
 * The outcome of one of {@link GradientCheck}'s checks: whether it passed, and a one-line {@code
 * toString()} naming what failed.
 *
 * @param <R> the result type itself, so that {@link #assertPassed()} keeps it
 */
public sealed interface CheckResult<R extends CheckResult<R>>
    permits GradientCheck.Result, GradientCheck.DotProductResult, GradientCheck.HessianResult {

  /**
   * Whether the check passed.
   *
   * @return true when every compared value satisfied the {@link PassRule}
   */
  boolean passed();

  /**
   * Throws {@link AssertionError} with {@code toString()} as the message unless the check passed.
   *
   * @return this result
   */
  @SuppressWarnings("unchecked") // every permitted R is the implementing record itself
  default R assertPassed() {
    if (!passed()) {
      throw new AssertionError(toString());
    }
    return (R) this;
  }
}
