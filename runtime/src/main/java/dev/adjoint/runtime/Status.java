package dev.adjoint.runtime;

/**
 * Why an optimizer stopped: the one reason shared by {@link GradientDescent}, {@link Adam}, {@link
 * AdamW}, {@link Lbfgs}, {@link Newton} and {@link LevenbergMarquardt}, reported in {@link
 * Result#status()}. The {@code CONVERGED_*} constants are the tests of {@link StoppingCriteria}
 * that say the point is a minimum; the others say the run ended for another reason, and the result
 * still holds the best point seen.
 */
public enum Status {

  /**
   * The Euclidean norm of the gradient fell to the absolute tolerance {@link
   * StoppingCriteria#gradientTolerance()}, or to {@link
   * StoppingCriteria#relativeGradientTolerance()} times the gradient norm at the initial point.
   */
  CONVERGED_GRADIENT,

  /**
   * The value stopped changing: {@code |f_k - f_{k-1}| ≤ tol · max(|f_k|, |f_{k-1}|, 1)} held for
   * {@link StoppingCriteria#patience()} consecutive iterations, with {@code tol} the {@link
   * StoppingCriteria#functionTolerance()}. A line-search method also reports it when no step along
   * a descent direction decreases the function and the decrease that direction predicts is below
   * the rounding error of the value: the point is as good as floating point can tell.
   */
  CONVERGED_FUNCTION_CHANGE,

  /**
   * The accepted step was short: {@code |x_k - x_{k-1}| ≤ tol · max(|x_k|, 1)} (Euclidean norms),
   * with {@code tol} the {@link StoppingCriteria#stepTolerance()}.
   */
  CONVERGED_STEP,

  /**
   * The iteration limit {@link StoppingCriteria#maxIterations()} was reached, or, in stochastic
   * training, the requested number of epochs was completed.
   */
  MAX_ITERATIONS,

  /** The wall-clock limit {@link StoppingCriteria#timeLimit()} was reached. */
  TIME_LIMIT,

  /** A {@link StepListener} asked to stop by calling {@link Step#stop()}. */
  STOPPED_BY_LISTENER,

  /**
   * No step along the search direction decreased the function (or, for {@link LevenbergMarquardt},
   * no damped step did), although the gradient was not small: the derivatives may be wrong, or the
   * function is not smooth there.
   */
  LINE_SEARCH_FAILED,

  /**
   * The value or the gradient at the current point was infinite or NaN. The result holds the best
   * finite point seen before (the initial point if none was finite).
   */
  NOT_FINITE;

  /**
   * Whether this reason says the run found a minimum.
   *
   * @return true for {@link #CONVERGED_GRADIENT}, {@link #CONVERGED_FUNCTION_CHANGE} and {@link
   *     #CONVERGED_STEP}
   */
  public boolean converged() {
    return this == CONVERGED_GRADIENT
        || this == CONVERGED_FUNCTION_CHANGE
        || this == CONVERGED_STEP;
  }
}
