package dev.adjoint.runtime;

/**
 * What a {@link StepListener} sees of one iteration: its index, the value and gradient at the
 * current point, the time since the run started, and the iteration limit for estimating the time
 * left. It is also how a listener stops the run early: {@link #stop()}.
 *
 * <p>An optimizer passes the <em>same</em> instance at every iteration of a run, updated in place,
 * and its {@link #point()} and {@link #gradient()} are the optimizer's live working arrays, so that
 * the loop allocates nothing. Read them during the call, copy what you want to keep, and never
 * write them. A listener must not keep the {@code Step} past its call either.
 */
public final class Step {

  private int iteration;
  private double value;
  private double gradientNorm;
  private double[] point;
  private double[] gradient;
  private long elapsedNanos;
  private final int maxIterations;
  private boolean stopRequested;

  /**
   * A step view for a run with the given iteration limit; optimizers create one per run and update
   * it with {@link #update}.
   */
  Step(int maxIterations) {
    this.maxIterations = maxIterations;
  }

  /** Sets the fields for the next call of the listener. */
  Step update(
      int iteration,
      double value,
      double gradientNorm,
      double[] point,
      double[] gradient,
      long elapsedNanos) {
    this.iteration = iteration;
    this.value = value;
    this.gradientNorm = gradientNorm;
    this.point = point;
    this.gradient = gradient;
    this.elapsedNanos = elapsedNanos;
    return this;
  }

  /**
   * The index of this iteration.
   *
   * @return from 0
   */
  public int iteration() {
    return iteration;
  }

  /**
   * The value at {@link #point()}: of the function, or in stochastic training of the current
   * mini-batch's objective.
   *
   * @return the value
   */
  public double value() {
    return value;
  }

  /**
   * The Euclidean norm of {@link #gradient()}.
   *
   * @return the gradient norm
   */
  public double gradientNorm() {
    return gradientNorm;
  }

  /**
   * The current point, before this iteration's update. This is the optimizer's working array:
   * read-only, valid only during the call.
   *
   * @return the live point array
   */
  public double[] point() {
    return point;
  }

  /**
   * The gradient at {@link #point()}. This is the optimizer's working array: read-only, valid only
   * during the call.
   *
   * @return the live gradient array
   */
  public double[] gradient() {
    return gradient;
  }

  /**
   * The wall-clock time since the run started.
   *
   * @return nanoseconds
   */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /**
   * The most iterations the run can take, for an estimate of the time left: {@link
   * StoppingCriteria#maxIterations()}, or in stochastic training the epochs times the batches per
   * epoch.
   *
   * @return the iteration limit, {@link Integer#MAX_VALUE} when there is none
   */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * Asks the optimizer to stop after this call. The run ends without making this iteration's
   * update, with {@link Status#STOPPED_BY_LISTENER}, and returns the best point seen so far.
   */
  public void stop() {
    stopRequested = true;
  }

  /**
   * Whether {@link #stop()} was called during this run.
   *
   * @return true once a listener asked to stop
   */
  public boolean stopRequested() {
    return stopRequested;
  }

  @Override
  public String toString() {
    return "Step[iteration="
        + iteration
        + ", value="
        + value
        + ", gradientNorm="
        + gradientNorm
        + ", elapsedNanos="
        + elapsedNanos
        + "]";
  }
}
