package dev.adjoint.runtime;

import java.time.Duration;

/**
 * The bookkeeping every optimizer shares for one run: the clock, the best point seen, the tests of
 * {@link StoppingCriteria}, the {@link StepListener} and the {@link Result}. Allocates its arrays
 * once, in the constructor.
 */
final class Monitor {

  /**
   * How many ulps of {@code max(|f|, 1)} a predicted decrease must exceed for a failed line search
   * to count as a failure rather than as the rounding floor of the value.
   */
  static final double ROUNDING_FLOOR = 1e3 * Math.ulp(1.0);

  private final StoppingCriteria criteria;
  private final StepListener listener;
  private final Step step;
  private final long start;
  private final long timeLimit;
  private final double[] best;
  private final double[] previous;
  private double bestValue = Double.NaN;
  private double bestGradientNorm = Double.NaN;
  private double initialGradientNorm = Double.NaN;
  private double previousValue = Double.NaN;
  private boolean observed;
  private int calm;

  /**
   * Starts the clock of a run from {@code initialPoint}, the best point until a finite value is
   * observed.
   *
   * @param stepLimit the iteration limit listeners see in {@link Step#maxIterations()}
   */
  Monitor(StoppingCriteria criteria, StepListener listener, double[] initialPoint, int stepLimit) {
    this.criteria = criteria;
    this.listener = listener;
    this.step = new Step(stepLimit);
    this.best = initialPoint.clone();
    this.previous = criteria.stepTolerance() > 0 ? new double[initialPoint.length] : null;
    this.timeLimit = criteria.timeLimitNanos();
    this.start = System.nanoTime();
  }

  /**
   * Records the iterate {@code x_k} with value {@code f} and gradient norm {@code gradientNorm},
   * keeps it if it is the best so far, and applies the stopping tests.
   *
   * @return the status of the test that fired, or null to go on
   */
  Status observe(int k, double f, double gradientNorm, double[] x) {
    if (!Double.isFinite(f) || !Double.isFinite(gradientNorm)) {
      return Status.NOT_FINITE;
    }
    if (!observed || f <= bestValue) {
      System.arraycopy(x, 0, best, 0, x.length);
      bestValue = f;
      bestGradientNorm = gradientNorm;
    }
    if (!observed) {
      initialGradientNorm = gradientNorm;
    }
    Status status = test(k, f, gradientNorm, x);
    observed = true;
    previousValue = f;
    if (previous != null) {
      System.arraycopy(x, 0, previous, 0, x.length);
    }
    return status;
  }

  private Status test(int k, double f, double gradientNorm, double[] x) {
    // An exactly zero gradient leaves no direction to move in, whatever the tolerances.
    if (gradientNorm == 0
        || gradientNorm <= criteria.gradientTolerance()
        || gradientNorm <= criteria.relativeGradientTolerance() * initialGradientNorm) {
      return Status.CONVERGED_GRADIENT;
    }
    if (observed && criteria.functionTolerance() > 0) {
      double scale = Math.max(Math.max(Math.abs(f), Math.abs(previousValue)), 1);
      calm = Math.abs(f - previousValue) <= criteria.functionTolerance() * scale ? calm + 1 : 0;
      if (calm >= criteria.patience()) {
        return Status.CONVERGED_FUNCTION_CHANGE;
      }
    }
    if (observed && previous != null) {
      double stepSquared = 0;
      double normSquared = 0;
      for (int i = 0; i < x.length; i++) {
        double d = x[i] - previous[i];
        stepSquared += d * d;
        normSquared += x[i] * x[i];
      }
      if (Math.sqrt(stepSquared)
          <= criteria.stepTolerance() * Math.max(Math.sqrt(normSquared), 1)) {
        return Status.CONVERGED_STEP;
      }
    }
    if (k >= criteria.maxIterations()) {
      return Status.MAX_ITERATIONS;
    }
    return timeUp() ? Status.TIME_LIMIT : null;
  }

  /** Whether the time limit has passed. */
  boolean timeUp() {
    return timeLimit != Long.MAX_VALUE && elapsedNanos() >= timeLimit;
  }

  /** Nanoseconds since the run started. */
  long elapsedNanos() {
    return System.nanoTime() - start;
  }

  /**
   * Calls the listener, if any, with iteration {@code k}.
   *
   * @return whether the listener asked to stop
   */
  boolean listen(int k, double f, double gradientNorm, double[] x, double[] g) {
    if (listener == null) {
      return false;
    }
    listener.onStep(step.update(k, f, gradientNorm, x, g, elapsedNanos()));
    return step.stopRequested();
  }

  /**
   * Whether a line search that found no acceptable step ended at the rounding floor: the decrease
   * the direction predicts for the first trial step is too small for the value to show.
   *
   * @param predictedDecrease {@code -t₀ g·d} for the first trial step {@code t₀}
   * @param f the value at the current point
   */
  static boolean atRoundingFloor(double predictedDecrease, double f) {
    return Math.abs(predictedDecrease) <= ROUNDING_FLOOR * Math.max(Math.abs(f), 1);
  }

  /** Builds the result, tells the listener, and returns it. */
  Result finish(Status status, double[] last, double lastValue, int iterations, int evaluations) {
    Result result =
        new Result(
            best.clone(),
            bestValue,
            bestGradientNorm,
            last.clone(),
            lastValue,
            iterations,
            evaluations,
            status,
            Duration.ofNanos(elapsedNanos()));
    if (listener != null) {
      listener.onFinish(result);
    }
    return result;
  }

  static double norm(double[] a) {
    double sum = 0;
    for (double v : a) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
