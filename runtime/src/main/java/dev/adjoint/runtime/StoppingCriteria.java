package dev.adjoint.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When an optimizer stops: an iteration limit, convergence tolerances and a wall-clock limit, each
 * reported by its own {@link Status} when it fires. Every optimizer takes one ({@code
 * withStopping}) and has its own defaults.
 *
 * <p>The tests, made at every iterate {@code x_k} (in stochastic training: at the end of every
 * epoch, on the evaluation function), in this order:
 *
 * <ol>
 *   <li>{@link Status#CONVERGED_GRADIENT}: {@code |g_k| ≤ gradientTolerance}, or {@code |g_k| ≤
 *       relativeGradientTolerance · |g_0|} with {@code g_0} the gradient at the initial point
 *       (Euclidean norms);
 *   <li>{@link Status#CONVERGED_FUNCTION_CHANGE}: {@code |f_k - f_{k-1}| ≤ functionTolerance ·
 *       max(|f_k|, |f_{k-1}|, 1)} at {@code patience} consecutive iterations;
 *   <li>{@link Status#CONVERGED_STEP}: {@code |x_k - x_{k-1}| ≤ stepTolerance · max(|x_k|, 1)};
 *   <li>{@link Status#MAX_ITERATIONS}: {@code k = maxIterations};
 *   <li>{@link Status#TIME_LIMIT}: the run has taken at least {@code timeLimit}.
 * </ol>
 *
 * A tolerance of 0 disables its test; a gradient that is exactly zero always ends the run with
 * {@link Status#CONVERGED_GRADIENT}. Instances are immutable.
 *
 * <pre>{@code
 * new Adam(1e-2, 10_000)
 *     .withStopping(
 *         StoppingCriteria.none()
 *             .withMaxIterations(10_000)
 *             .withFunctionTolerance(1e-9, 20)
 *             .withTimeLimit(Duration.ofMinutes(5)))
 * }</pre>
 */
public final class StoppingCriteria {

  private static final StoppingCriteria NONE =
      new StoppingCriteria(Integer.MAX_VALUE, 0, 0, 0, 1, 0, null);

  private final int maxIterations;
  private final double gradientTolerance;
  private final double relativeGradientTolerance;
  private final double functionTolerance;
  private final int patience;
  private final double stepTolerance;
  private final Duration timeLimit;

  private StoppingCriteria(
      int maxIterations,
      double gradientTolerance,
      double relativeGradientTolerance,
      double functionTolerance,
      int patience,
      double stepTolerance,
      Duration timeLimit) {
    if (maxIterations < 0) {
      throw new IllegalArgumentException(
          "maxIterations must not be negative, got " + maxIterations);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }
    if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
      throw new IllegalArgumentException("timeLimit must be positive, got " + timeLimit);
    }
    this.maxIterations = maxIterations;
    this.gradientTolerance = Checks.nonNegativeFinite("gradientTolerance", gradientTolerance);
    this.relativeGradientTolerance =
        Checks.nonNegativeFinite("relativeGradientTolerance", relativeGradientTolerance);
    this.functionTolerance = Checks.nonNegativeFinite("functionTolerance", functionTolerance);
    this.patience = patience;
    this.stepTolerance = Checks.nonNegativeFinite("stepTolerance", stepTolerance);
    this.timeLimit = timeLimit;
  }

  /**
   * Criteria that never stop a run: no iteration limit ({@link Integer#MAX_VALUE}), every tolerance
   * 0, no time limit. The starting point for building criteria with the {@code with…} methods.
   *
   * @return the empty criteria
   */
  public static StoppingCriteria none() {
    return NONE;
  }

  /**
   * The iteration limit.
   *
   * @return the most iterations a run makes
   */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * The absolute tolerance on the gradient norm.
   *
   * @return the tolerance, 0 when disabled
   */
  public double gradientTolerance() {
    return gradientTolerance;
  }

  /**
   * The tolerance on the gradient norm relative to the gradient norm at the initial point.
   *
   * @return the tolerance, 0 when disabled
   */
  public double relativeGradientTolerance() {
    return relativeGradientTolerance;
  }

  /**
   * The tolerance on the relative change of the value between consecutive iterations.
   *
   * @return the tolerance, 0 when disabled
   */
  public double functionTolerance() {
    return functionTolerance;
  }

  /**
   * How many consecutive iterations must pass the function-change test.
   *
   * @return at least 1
   */
  public int patience() {
    return patience;
  }

  /**
   * The tolerance on the length of a step relative to the length of the point.
   *
   * @return the tolerance, 0 when disabled
   */
  public double stepTolerance() {
    return stepTolerance;
  }

  /**
   * The wall-clock limit.
   *
   * @return the limit, empty when there is none
   */
  public Optional<Duration> timeLimit() {
    return Optional.ofNullable(timeLimit);
  }

  /** The time limit in nanoseconds, {@link Long#MAX_VALUE} when there is none. */
  long timeLimitNanos() {
    if (timeLimit == null) {
      return Long.MAX_VALUE;
    }
    try {
      return timeLimit.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // longer than 292 years
    }
  }

  /**
   * Returns a copy with a different iteration limit.
   *
   * @param maxIterations not negative; {@link Integer#MAX_VALUE} for no limit
   * @return the new criteria, other settings kept
   */
  public StoppingCriteria withMaxIterations(int maxIterations) {
    return new StoppingCriteria(
        maxIterations,
        gradientTolerance,
        relativeGradientTolerance,
        functionTolerance,
        patience,
        stepTolerance,
        timeLimit);
  }

  /**
   * Returns a copy with a different absolute gradient tolerance.
   *
   * @param gradientTolerance finite and not negative; 0 disables the test
   * @return the new criteria, other settings kept
   */
  public StoppingCriteria withGradientTolerance(double gradientTolerance) {
    return new StoppingCriteria(
        maxIterations,
        gradientTolerance,
        relativeGradientTolerance,
        functionTolerance,
        patience,
        stepTolerance,
        timeLimit);
  }

  /**
   * Returns a copy with a different relative gradient tolerance: the run stops when the gradient
   * norm is at most this fraction of the gradient norm at the initial point.
   *
   * @param relativeGradientTolerance finite and not negative; 0 disables the test
   * @return the new criteria, other settings kept
   */
  public StoppingCriteria withRelativeGradientTolerance(double relativeGradientTolerance) {
    return new StoppingCriteria(
        maxIterations,
        gradientTolerance,
        relativeGradientTolerance,
        functionTolerance,
        patience,
        stepTolerance,
        timeLimit);
  }

  /**
   * Returns a copy with a different function-change tolerance and a patience of 1.
   *
   * @param functionTolerance finite and not negative; 0 disables the test
   * @return the new criteria, other settings kept
   */
  public StoppingCriteria withFunctionTolerance(double functionTolerance) {
    return withFunctionTolerance(functionTolerance, 1);
  }

  /**
   * Returns a copy with a different function-change tolerance and patience.
   *
   * @param functionTolerance finite and not negative; 0 disables the test
   * @param patience how many consecutive iterations must pass the test, at least 1 (more than 1
   *     keeps a noisy or momentarily flat descent going)
   * @return the new criteria, other settings kept
   */
  public StoppingCriteria withFunctionTolerance(double functionTolerance, int patience) {
    return new StoppingCriteria(
        maxIterations,
        gradientTolerance,
        relativeGradientTolerance,
        functionTolerance,
        patience,
        stepTolerance,
        timeLimit);
  }

  /**
   * Returns a copy with a different step tolerance.
   *
   * @param stepTolerance finite and not negative; 0 disables the test
   * @return the new criteria, other settings kept
   */
  public StoppingCriteria withStepTolerance(double stepTolerance) {
    return new StoppingCriteria(
        maxIterations,
        gradientTolerance,
        relativeGradientTolerance,
        functionTolerance,
        patience,
        stepTolerance,
        timeLimit);
  }

  /**
   * Returns a copy with a wall-clock limit.
   *
   * @param timeLimit positive, or null for no limit
   * @return the new criteria, other settings kept
   */
  public StoppingCriteria withTimeLimit(Duration timeLimit) {
    return new StoppingCriteria(
        maxIterations,
        gradientTolerance,
        relativeGradientTolerance,
        functionTolerance,
        patience,
        stepTolerance,
        timeLimit);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoppingCriteria c
        && maxIterations == c.maxIterations
        && Double.compare(gradientTolerance, c.gradientTolerance) == 0
        && Double.compare(relativeGradientTolerance, c.relativeGradientTolerance) == 0
        && Double.compare(functionTolerance, c.functionTolerance) == 0
        && patience == c.patience
        && Double.compare(stepTolerance, c.stepTolerance) == 0
        && Objects.equals(timeLimit, c.timeLimit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxIterations,
        gradientTolerance,
        relativeGradientTolerance,
        functionTolerance,
        patience,
        stepTolerance,
        timeLimit);
  }

  @Override
  public String toString() {
    return "StoppingCriteria[maxIterations="
        + maxIterations
        + ", gradientTolerance="
        + gradientTolerance
        + ", relativeGradientTolerance="
        + relativeGradientTolerance
        + ", functionTolerance="
        + functionTolerance
        + ", patience="
        + patience
        + ", stepTolerance="
        + stepTolerance
        + ", timeLimit="
        + timeLimit
        + "]";
  }
}
