package dev.adjoint.runtime;

import java.time.Duration;
import java.util.Arrays;

/**
 * The outcome of every optimizer in this package: the best point seen (the one with the lowest
 * value), the last point, the counts and why the run stopped.
 *
 * <p>For the deterministic optimizers the best point is the lowest value among the iterates (ties
 * go to the later point, so a run whose values never increase returns its last point). In
 * stochastic training ({@link GradientDescent#train}, {@link Adam#train}, {@link AdamW#train}) the
 * values are those of the evaluation function at the initial point and at the end of every epoch,
 * never the loss of a single mini-batch. For {@link LevenbergMarquardt} the value is the sum of
 * squared residuals {@code Σ r_i²} and the gradient that of this sum, {@code 2 Jᵀ r}.
 *
 * @param point the best point seen (a fresh array owned by the caller)
 * @param value the function value at {@code point}
 * @param gradientNorm the Euclidean norm of the gradient at {@code point}
 * @param lastPoint the point where the run stopped (a fresh array; equal to {@code point} when the
 *     last point was the best)
 * @param lastValue the function value at {@code lastPoint} (NaN or infinite when the run stopped
 *     with {@link Status#NOT_FINITE})
 * @param iterations the number of iterations completed: updates of the point for the first-order
 *     methods (mini-batch steps in stochastic training), accepted line searches for {@link Lbfgs}
 *     and {@link Newton}, accepted steps for {@link LevenbergMarquardt}
 * @param evaluations the number of calls to the function (value and gradient, Hessian, or residuals
 *     and Jacobian), including those of line searches and rejected steps
 * @param status why the run stopped
 * @param elapsed the wall-clock time of the run
 */
public record Result(
    double[] point,
    double value,
    double gradientNorm,
    double[] lastPoint,
    double lastValue,
    int iterations,
    int evaluations,
    Status status,
    Duration elapsed) {

  /**
   * Checks the components.
   *
   * @param point the best point seen
   * @param value the value at {@code point}
   * @param gradientNorm the gradient norm at {@code point}
   * @param lastPoint the point where the run stopped
   * @param lastValue the value at {@code lastPoint}
   * @param iterations the iterations completed
   * @param evaluations the function evaluations
   * @param status why the run stopped
   * @param elapsed the wall-clock time of the run
   * @throws NullPointerException if an array, the status or the duration is null
   */
  public Result {
    if (point == null || lastPoint == null || status == null || elapsed == null) {
      throw new NullPointerException("point, lastPoint, status and elapsed must not be null");
    }
  }

  /**
   * Whether the run found a minimum.
   *
   * @return {@code status().converged()}
   */
  public boolean converged() {
    return status.converged();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Result r
        && Arrays.equals(point, r.point)
        && Double.compare(value, r.value) == 0
        && Double.compare(gradientNorm, r.gradientNorm) == 0
        && Arrays.equals(lastPoint, r.lastPoint)
        && Double.compare(lastValue, r.lastValue) == 0
        && iterations == r.iterations
        && evaluations == r.evaluations
        && status == r.status
        && elapsed.equals(r.elapsed);
  }

  @Override
  public int hashCode() {
    int h = Arrays.hashCode(point);
    h = 31 * h + Double.hashCode(value);
    h = 31 * h + Arrays.hashCode(lastPoint);
    h = 31 * h + iterations;
    h = 31 * h + evaluations;
    return 31 * h + status.hashCode();
  }

  @Override
  public String toString() {
    return "Result[status="
        + status
        + ", iterations="
        + iterations
        + ", evaluations="
        + evaluations
        + ", value="
        + value
        + ", gradientNorm="
        + gradientNorm
        + ", lastValue="
        + lastValue
        + ", elapsed="
        + elapsed
        + ", point="
        + Arrays.toString(point)
        + "]";
  }
}
