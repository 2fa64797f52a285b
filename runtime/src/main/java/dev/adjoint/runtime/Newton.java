package dev.adjoint.runtime;

import java.util.Arrays;

/**
 * Newton's method with a backtracking (Armijo) line search, for functions whose Hessian is
 * available: with {@code @Differentiable(order = 2)} Adjoint generates it, and {@link
 * TwiceDifferentiableFunction#of} turns the generated {@code mHessian} into what this class
 * minimizes.
 *
 * <p>Each iteration evaluates the value, gradient {@code g} and Hessian {@code H} at the current
 * point and tries the Cholesky factorization {@code H = L Lᵀ}. When it succeeds the direction is
 * the Newton step {@code d = -H⁻¹ g}; when it fails (the Hessian is not positive definite, or not
 * finite) or the Newton step is not a descent direction ({@code g·d ≥ 0}, possible only through
 * rounding), the iteration falls back to the steepest-descent direction {@code d = -g} (or, with
 * {@link Fallback#SHIFTED_HESSIAN}, first to the Newton step of {@code H + τI}). The line search
 * starts from {@code t = 1} for a Newton step, so that near the minimum the full step is taken and
 * convergence is quadratic; for a gradient step it starts from the minimizer {@code g·g / gᵀHg} of
 * the quadratic model along {@code -g} when that curvature is positive, and from a unit-length step
 * {@code 1 / |g|} otherwise. It halves {@code t} until
 *
 * <pre>{@code
 * f(x + t d) <= f(x) + c1 t g·d   and   f(x + t d) < f(x)      (c1 = 1e-4)
 * }</pre>
 *
 * <p>(At the rounding floor, where {@code f} cannot show the decrease any more, a full Newton step
 * that moves the point and does not increase {@code f} is also accepted: it still reduces the
 * gradient.)
 *
 * <p>For a convex quadratic, such as a linear least-squares loss, the first full Newton step lands
 * on the minimum (up to rounding), whatever the start.
 *
 * <p>The run stops when a test of its {@link StoppingCriteria} fires (by default: the gradient norm
 * at most {@link #DEFAULT_GRADIENT_TOLERANCE}, or {@link #DEFAULT_MAX_ITERATIONS} iterations), and
 * with {@link Status#LINE_SEARCH_FAILED} when no step along the direction decreases the function
 * (the derivatives are wrong, or the function is not smooth there). A line search that fails where
 * the decrease the direction predicts is below the rounding error of the value ends the run with
 * {@link Status#CONVERGED_FUNCTION_CHANGE} instead. The result holds the best point found; its
 * {@link Result#evaluations()} counts value-and-gradient and Hessian evaluations together.
 *
 * <pre>{@code
 * Result r = new Newton().withGradientTolerance(1e-10).minimize(f, x0);
 * }</pre>
 *
 * <p>Working storage (two {@code n × n} matrices and five vectors) is allocated once per {@link
 * #minimize} call; the iterations allocate nothing beyond what the function does. Instances are
 * immutable and may be shared.
 */
public final class Newton {

  /** The default iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 100;

  /** The default absolute tolerance on the Euclidean norm of the gradient. */
  public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-8;

  /** The default stopping criteria: the iteration limit and the gradient tolerance above. */
  public static final StoppingCriteria DEFAULT_STOPPING =
      StoppingCriteria.none()
          .withMaxIterations(DEFAULT_MAX_ITERATIONS)
          .withGradientTolerance(DEFAULT_GRADIENT_TOLERANCE);

  /** The sufficient-decrease (Armijo) constant of the line search. */
  public static final double C1 = 1e-4;

  /** The most function evaluations one line search may take. */
  public static final int MAX_LINE_SEARCH_EVALUATIONS = 60;

  /** The most shifts {@link Fallback#SHIFTED_HESSIAN} tries before falling back to {@code -g}. */
  public static final int MAX_SHIFTS = 100;

  private final StoppingCriteria stopping;
  private final Fallback fallback;
  private final StepListener listener;

  /**
   * An optimizer with {@link #DEFAULT_STOPPING}, falling back to the gradient ({@link
   * Fallback#GRADIENT}).
   */
  public Newton() {
    this(DEFAULT_STOPPING, Fallback.GRADIENT, null);
  }

  private Newton(StoppingCriteria stopping, Fallback fallback, StepListener listener) {
    if (stopping == null || fallback == null) {
      throw new NullPointerException("stopping and fallback must not be null");
    }
    this.stopping = stopping;
    this.fallback = fallback;
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
   * What the optimizer does where the Hessian is not positive definite.
   *
   * @return the fallback
   */
  public Fallback fallback() {
    return fallback;
  }

  /**
   * Returns a copy with different stopping criteria.
   *
   * @param stopping the criteria, not null
   * @return the new optimizer, other settings kept
   */
  public Newton withStopping(StoppingCriteria stopping) {
    return new Newton(stopping, fallback, listener);
  }

  /**
   * Returns a copy with a different iteration limit, other criteria kept.
   *
   * @param maxIterations not negative (1 takes a single Newton step)
   * @return the new optimizer, other settings kept
   */
  public Newton withMaxIterations(int maxIterations) {
    return withStopping(stopping.withMaxIterations(maxIterations));
  }

  /**
   * Returns a copy with a different absolute gradient tolerance, other criteria kept.
   *
   * @param gradientTolerance finite and not negative (0 disables the test)
   * @return the new optimizer, other settings kept
   */
  public Newton withGradientTolerance(double gradientTolerance) {
    return withStopping(stopping.withGradientTolerance(gradientTolerance));
  }

  /**
   * Returns a copy of this optimizer with a different fallback for iterations whose Hessian is not
   * positive definite.
   *
   * @param fallback the fallback, not null
   * @return the new optimizer, other settings kept
   */
  public Newton withFallback(Fallback fallback) {
    return new Newton(stopping, fallback, listener);
  }

  /**
   * Returns a copy of this optimizer that calls {@code listener} at every iteration with the
   * current point, value and gradient, before the line search moves it.
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, other settings kept
   */
  public Newton onStep(StepListener listener) {
    return new Newton(stopping, fallback, listener);
  }

  /**
   * Minimizes {@code function} from {@code initialPoint}, which is not modified.
   *
   * @param function the function to minimize
   * @param initialPoint the starting point, of length {@code function.dimension()}
   * @return the best point, its value and gradient norm, the counts and why the run stopped
   */
  public Result minimize(TwiceDifferentiableFunction function, double[] initialPoint) {
    return minimize(function, initialPoint, null);
  }

  /**
   * {@link #minimize(TwiceDifferentiableFunction, double[])}, adding to {@code fallbackSteps[0]}
   * (when not null) one for every iteration that did not take the plain Newton step.
   */
  Result minimize(
      TwiceDifferentiableFunction function, double[] initialPoint, int[] fallbackSteps) {
    int n = function.dimension();
    Checks.length("initialPoint", initialPoint, n);
    double[] x = initialPoint.clone();
    double[] g = new double[n];
    double[][] h = new double[n][n];
    double[][] factor = new double[n][n];
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] scratch = new double[n];
    Monitor monitor = new Monitor(stopping, listener, x, stopping.maxIterations());
    double f = function.valueGradientAndHessian(x, g, h);
    int evaluations = 1;
    int iteration = 0;
    Status status;
    while (true) {
      double gNorm = Monitor.norm(g);
      status = monitor.observe(iteration, f, gNorm, x);
      if (status == null && monitor.listen(iteration, f, gNorm, x, g)) {
        status = Status.STOPPED_BY_LISTENER;
      }
      if (status != null) {
        break;
      }

      // Direction: Newton if the Hessian is positive definite and the step descends, else the
      // fallback: -g, or the Newton step of the shifted Hessian H + τI.
      double slope = Double.NaN;
      double t = 1;
      boolean factored = Cholesky.cholesky(h, 0, factor);
      boolean fellBack = !factored;
      if (!factored && fallback == Fallback.SHIFTED_HESSIAN) {
        factored = Cholesky.shiftedCholesky(h, factor);
      }
      if (factored) {
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        Cholesky.solveInPlace(factor, d);
        slope = dot(g, d);
      }
      boolean newtonStep = slope < 0 && Double.isFinite(slope);
      if (!newtonStep) {
        fellBack = true;
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = -gNorm * gNorm;
        multiply(h, g, scratch);
        double curvature = dot(g, scratch);
        t = curvature > 0 && Double.isFinite(curvature) ? gNorm * gNorm / curvature : 1 / gNorm;
        if (!(t > 0) || !Double.isFinite(t)) {
          t = 1 / gNorm;
        }
      }

      if (fellBack && fallbackSteps != null) {
        fallbackSteps[0]++;
      }

      // Backtracking line search.
      double predictedDecrease = -t * slope;
      boolean accepted = false;
      for (int ls = 0; ls < MAX_LINE_SEARCH_EVALUATIONS; ls++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + t * d[i];
        }
        double fNew = function.valueAndGradient(xNew, scratch);
        evaluations++;
        if (fNew <= f + C1 * t * slope
            && (fNew < f || (newtonStep && t == 1 && !Arrays.equals(x, xNew)))) {
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) {
        status =
            Monitor.atRoundingFloor(predictedDecrease, f)
                ? Status.CONVERGED_FUNCTION_CHANGE
                : Status.LINE_SEARCH_FAILED;
        break;
      }
      double[] swap = x;
      x = xNew;
      xNew = swap;
      f = function.valueGradientAndHessian(x, g, h);
      evaluations++;
      iteration++;
    }
    return monitor.finish(status, x, f, iteration, evaluations);
  }

  private static void multiply(double[][] a, double[] v, double[] out) {
    for (int i = 0; i < v.length; i++) {
      out[i] = dot(a[i], v);
    }
  }

  private static double dot(double[] a, double[] b) {
    return Monitor.dot(a, b);
  }

  @Override
  public String toString() {
    return "Newton[stopping=" + stopping + ", fallback=" + fallback + "]";
  }

  /** The direction taken where the Hessian is not positive definite. */
  public enum Fallback {
    /**
     * The steepest-descent direction {@code -g}: simple and always a descent direction, but slow
     * where the Hessian stays indefinite over many iterations.
     */
    GRADIENT,
    /**
     * The Newton step of the shifted Hessian {@code H + τI}, with the smallest {@code τ} of a
     * doubling sequence for which the Cholesky factorization succeeds (Nocedal and Wright,
     * Algorithm 3.3); {@code -g} if no shift works or the step does not descend. Keeps much of the
     * curvature information, so it usually needs far fewer iterations through indefinite regions.
     */
    SHIFTED_HESSIAN
  }
}
