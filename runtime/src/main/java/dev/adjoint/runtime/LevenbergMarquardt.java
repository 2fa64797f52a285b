package dev.adjoint.runtime;

/**
 * Minimizes a sum of squared residuals {@code f(p) = Σ r_i(p)²} by the Levenberg–Marquardt method,
 * given the residuals and their Jacobian, such as those Adjoint generates for an array-valued
 * {@code @Differentiable} method {@code double[] m(…)}: {@code mJacobian(…, double[][] jacobian)}
 * returns the residuals and fills one Jacobian row per residual (flat layout over the
 * differentiated parameters), which is exactly {@link ResidualsAndJacobian}:
 *
 * <pre>{@code
 * Result r =
 *     new LevenbergMarquardt()
 *         .minimize(
 *             x.length,
 *             (p, jacobian) -> FitDerivatives.residualsJacobian(p[0], p[1], p[2], p[3], x, y, jacobian),
 *             new double[] {0, 0, 0, 0});
 * }</pre>
 *
 * <p>Each iteration solves the damped normal equations {@code (JᵀJ + λ D) δ = -Jᵀr} by Cholesky
 * factorization, with Moré's scaling: {@code D} is the diagonal of the largest {@code JᵀJ} diagonal
 * seen so far for each parameter (1 for a parameter the residuals never depended on), so the method
 * does not depend on the units of the parameters. A step is accepted when the gain ratio {@code ρ}
 * (actual over predicted decrease of {@code f}) exceeds {@code 1e-4}; the damping then shrinks by
 * {@code max(1/3, 1 - (2ρ - 1)³)}, and after a rejection it grows by a factor {@code ν} that
 * doubles at every consecutive rejection (Nielsen's update). The damping starts at {@link
 * #initialDamping()}.
 *
 * <p>{@link Result#value()} is {@code Σ r_i²} and the gradient that of this sum, {@code 2 Jᵀr}. The
 * run stops when a test of its {@link StoppingCriteria} fires (by default {@link
 * #DEFAULT_STOPPING}: a relative change of the value below {@code 1e-14} or of the point below
 * {@code 1e-10}, or 1000 iterations), and with {@link Status#LINE_SEARCH_FAILED} when no damped
 * step decreases the sum although the decrease the first one predicted was above the rounding error
 * of the value ({@link Status#CONVERGED_FUNCTION_CHANGE} when it was not). Nothing is thrown for a
 * run that does not converge: the status says why it stopped, and the result holds the best point
 * found.
 *
 * <p>Working storage (three {@code n × n} matrices, a second {@code m × n} Jacobian and a few
 * vectors) is allocated once per {@link #minimize} call. Instances are immutable and may be shared.
 */
public final class LevenbergMarquardt {

  /** The default iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** The default tolerance on the relative change of the sum of squares. */
  public static final double DEFAULT_FUNCTION_TOLERANCE = 1e-14;

  /** The default tolerance on the relative length of a step. */
  public static final double DEFAULT_STEP_TOLERANCE = 1e-10;

  /** The default stopping criteria, from the three constants above. */
  public static final StoppingCriteria DEFAULT_STOPPING =
      StoppingCriteria.none()
          .withMaxIterations(DEFAULT_MAX_ITERATIONS)
          .withFunctionTolerance(DEFAULT_FUNCTION_TOLERANCE)
          .withStepTolerance(DEFAULT_STEP_TOLERANCE);

  /** The default initial damping, relative to the scaling {@code D}. */
  public static final double DEFAULT_INITIAL_DAMPING = 1e-3;

  /** The most consecutive rejected steps before the run gives up. */
  public static final int MAX_REJECTIONS = 40;

  /** The gain ratio a step must exceed to be accepted. */
  static final double ACCEPT = 1e-4;

  private final StoppingCriteria stopping;
  private final double initialDamping;
  private final StepListener listener;

  /** An optimizer with {@link #DEFAULT_STOPPING} and {@link #DEFAULT_INITIAL_DAMPING}. */
  public LevenbergMarquardt() {
    this(DEFAULT_STOPPING, DEFAULT_INITIAL_DAMPING, null);
  }

  private LevenbergMarquardt(
      StoppingCriteria stopping, double initialDamping, StepListener listener) {
    if (stopping == null) {
      throw new NullPointerException("stopping");
    }
    this.stopping = stopping;
    this.initialDamping = Checks.positiveFinite("initialDamping", initialDamping);
    this.listener = listener;
  }

  /**
   * The stopping criteria.
   *
   * @return the criteria
   */
  public StoppingCriteria stopping() {
    return stopping;
  }

  /**
   * The damping of the first iteration, relative to the scaling.
   *
   * @return the initial {@code λ}
   */
  public double initialDamping() {
    return initialDamping;
  }

  /**
   * Returns a copy with different stopping criteria.
   *
   * @param stopping the criteria, not null
   * @return the new optimizer, other settings kept
   */
  public LevenbergMarquardt withStopping(StoppingCriteria stopping) {
    return new LevenbergMarquardt(stopping, initialDamping, listener);
  }

  /**
   * Returns a copy with a different iteration limit, other criteria kept.
   *
   * @param maxIterations not negative
   * @return the new optimizer, other settings kept
   */
  public LevenbergMarquardt withMaxIterations(int maxIterations) {
    return withStopping(stopping.withMaxIterations(maxIterations));
  }

  /**
   * Returns a copy with a different absolute tolerance on the norm of the gradient {@code 2 Jᵀr},
   * other criteria kept.
   *
   * @param gradientTolerance finite and not negative (0 disables the test)
   * @return the new optimizer, other settings kept
   */
  public LevenbergMarquardt withGradientTolerance(double gradientTolerance) {
    return withStopping(stopping.withGradientTolerance(gradientTolerance));
  }

  /**
   * Returns a copy with a different initial damping.
   *
   * @param initialDamping finite and positive; larger starts closer to gradient descent
   * @return the new optimizer, other settings kept
   */
  public LevenbergMarquardt withInitialDamping(double initialDamping) {
    return new LevenbergMarquardt(stopping, initialDamping, listener);
  }

  /**
   * Returns a copy that calls {@code listener} at every iteration with the current point, the sum
   * of squares and its gradient {@code 2 Jᵀr}.
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, other settings kept
   */
  public LevenbergMarquardt onStep(StepListener listener) {
    return new LevenbergMarquardt(stopping, initialDamping, listener);
  }

  /**
   * Minimizes the sum of squares of the residuals computed with their Jacobian in one call (every
   * trial point evaluates both).
   *
   * @param residualCount the number of residuals m, at least 1
   * @param model returns the m residuals at a point and fills the m × n Jacobian it is given
   * @param start the starting point of n parameters, not modified
   * @return the best point, its sum of squares, the counts and why the run stopped
   * @throws IllegalArgumentException if the model returns the wrong number of residuals
   */
  public Result minimize(int residualCount, ResidualsAndJacobian model, double[] start) {
    if (model == null) {
      throw new NullPointerException("model");
    }
    return run(new LeastSquaresModel.Combined(model, residualCount, checkStart(start)), start);
  }

  /**
   * Minimizes the sum of squares of residuals computed separately from their Jacobian (trial points
   * evaluate the residuals alone, accepted points the Jacobian too).
   *
   * @param residualCount the number of residuals m, at least 1
   * @param residuals returns the m residuals at a point
   * @param jacobian fills the m × n Jacobian at a point
   * @param start the starting point of n parameters, not modified
   * @return the best point, its sum of squares, the counts and why the run stopped
   * @throws IllegalArgumentException if the model returns the wrong number of residuals
   */
  public Result minimize(
      int residualCount, Residuals residuals, Jacobian jacobian, double[] start) {
    if (residuals == null || jacobian == null) {
      throw new NullPointerException("residuals and jacobian must not be null");
    }
    return run(
        new LeastSquaresModel.Separate(residuals, jacobian, residualCount, checkStart(start)),
        start);
  }

  private Result run(LeastSquaresModel model, double[] start) {
    int n = start.length;
    double[] x = start.clone();
    double[] xTrial = new double[n];
    double[] gradient = new double[n]; // of Σ r², 2 Jᵀr
    double[] scale = new double[n];
    double[] delta = new double[n];
    double[][] normal = new double[n][n];
    double[][] factor = new double[n][n];
    Monitor monitor = new Monitor(stopping, listener, x, stopping.maxIterations());
    double f = model.evaluate(x);
    model.accept(x);
    double damping = initialDamping;
    double growth = 2;
    int iteration = 0;
    Status status;
    while (true) {
      model.normalEquations(normal, gradient);
      for (int j = 0; j < n; j++) {
        scale[j] = Math.max(scale[j], normal[j][j]);
      }
      double gradientNorm = Monitor.norm(gradient);
      status = monitor.observe(iteration, f, gradientNorm, x);
      if (status == null && monitor.listen(iteration, f, gradientNorm, x, gradient)) {
        status = Status.STOPPED_BY_LISTENER;
      }
      if (status != null) {
        break;
      }
      double firstPrediction = Double.NaN;
      boolean accepted = false;
      for (int rejections = 0; rejections < MAX_REJECTIONS && !accepted; rejections++) {
        double predicted = dampedStep(normal, scale, damping, gradient, factor, delta);
        if (Double.isNaN(firstPrediction)) {
          firstPrediction = predicted;
        }
        for (int j = 0; j < n; j++) {
          xTrial[j] = x[j] + delta[j];
        }
        double fTrial = predicted > 0 ? model.evaluate(xTrial) : Double.NaN;
        double rho = (f - fTrial) / predicted;
        if (rho > ACCEPT && fTrial < f) {
          accepted = true;
          System.arraycopy(xTrial, 0, x, 0, n);
          model.accept(x);
          f = fTrial;
          double c = 2 * rho - 1;
          damping *= Math.max(1.0 / 3, 1 - c * c * c);
          growth = 2;
        } else {
          damping *= growth;
          growth *= 2;
          if (!Double.isFinite(damping)) {
            break;
          }
        }
      }
      if (!accepted) {
        status =
            Monitor.atRoundingFloor(firstPrediction, f)
                ? Status.CONVERGED_FUNCTION_CHANGE
                : Status.LINE_SEARCH_FAILED;
        break;
      }
      iteration++;
    }
    return monitor.finish(status, x, f, iteration, model.evaluations());
  }

  /**
   * Solves {@code (JᵀJ + λ D) δ = -Jᵀr} for the gradient {@code 2 Jᵀr} and returns the decrease of
   * {@code Σ r²} the linear model predicts, {@code δᵀ JᵀJ δ + 2 λ δᵀ D δ}; NaN when the matrix
   * cannot be factored.
   */
  private static double dampedStep(
      double[][] normal,
      double[] scale,
      double damping,
      double[] gradient,
      double[][] factor,
      double[] delta) {
    int n = delta.length;
    for (int j = 0; j < n; j++) {
      // Moré's scaling, with 1 for a parameter that never mattered so the system stays definite.
      double d = scale[j] > 0 ? scale[j] : 1;
      normal[j][j] += damping * d;
    }
    boolean factored = Cholesky.cholesky(normal, 0, factor);
    double dampingTerm = 0;
    for (int j = 0; j < n; j++) {
      double d = scale[j] > 0 ? scale[j] : 1;
      normal[j][j] -= damping * d;
      delta[j] = -0.5 * gradient[j];
    }
    if (!factored) {
      return Double.NaN;
    }
    Cholesky.solveInPlace(factor, delta);
    double curvature = 0;
    for (int i = 0; i < n; i++) {
      double d = scale[i] > 0 ? scale[i] : 1;
      dampingTerm += d * delta[i] * delta[i];
      curvature += delta[i] * Monitor.dot(normal[i], delta);
    }
    return curvature + 2 * damping * dampingTerm;
  }

  private static int checkStart(double[] start) {
    if (start == null) {
      throw new NullPointerException("start is null");
    }
    if (start.length < 1) {
      throw new IllegalArgumentException("start must have at least 1 parameter");
    }
    return start.length;
  }

  @Override
  public String toString() {
    return "LevenbergMarquardt[stopping=" + stopping + ", initialDamping=" + initialDamping + "]";
  }

  /** Residuals and Jacobian in one call, the shape of a generated {@code mJacobian}. */
  @FunctionalInterface
  public interface ResidualsAndJacobian {
    /**
     * Returns the residuals at {@code point} and overwrites {@code jacobian} with their Jacobian.
     *
     * @param point the parameters, only read
     * @param jacobian m rows of n columns: {@code jacobian[i][j] = ∂r_i / ∂p_j}
     * @return the m residuals (copied by the optimizer, so the array may be reused)
     */
    double[] residuals(double[] point, double[][] jacobian);
  }

  /** The residuals alone, such as a primal array-valued method with its data bound. */
  @FunctionalInterface
  public interface Residuals {
    /**
     * Returns the residuals at {@code point}.
     *
     * @param point the parameters, only read
     * @return the m residuals (copied by the optimizer, so the array may be reused)
     */
    double[] residuals(double[] point);
  }

  /** The Jacobian alone. */
  @FunctionalInterface
  public interface Jacobian {
    /**
     * Overwrites {@code jacobian} with the Jacobian of the residuals at {@code point}.
     *
     * @param point the parameters, only read
     * @param jacobian m rows of n columns: {@code jacobian[i][j] = ∂r_i / ∂p_j}
     */
    void jacobian(double[] point, double[][] jacobian);
  }
}
