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
 * {@link Fallback#SHIFTED_HESSIAN}, first to the Newton step of {@code H + τI}), counted in {@link
 * Result#fallbackSteps()}. The line search starts from {@code t = 1} for a Newton step, so that
 * near the minimum the full step is taken and convergence is quadratic; for a gradient step it
 * starts from the minimizer {@code g·g / gᵀHg} of the quadratic model along {@code -g} when that
 * curvature is positive, and from a unit-length step {@code 1 / |g|} otherwise. It halves {@code t}
 * until
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
 * <p>The run stops with {@link Status#CONVERGED} when the Euclidean norm of the gradient is at most
 * {@link #gradientTolerance()}, with {@link Status#MAX_ITERATIONS} after {@link #maxIterations()}
 * iterations, and with {@link Status#LINE_SEARCH_FAILED} when no step along the direction decreases
 * the function, or the value, gradient or Hessian is not finite where the Cholesky factorization
 * needs it (the derivatives are wrong, or the point is already as good as floating point allows);
 * the result then holds the best point found.
 *
 * <pre>{@code
 * Newton.Result r = new Newton().withGradientTolerance(1e-10).minimize(f, x0);
 * }</pre>
 *
 * <p>Working storage (two {@code n × n} matrices and five vectors) is allocated once per {@link
 * #minimize} call; the iterations allocate nothing beyond what the function does. Instances are
 * immutable and may be shared.
 */
public final class Newton {

  /** The default iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 100;

  /** The default tolerance on the Euclidean norm of the gradient. */
  public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-8;

  /** The sufficient-decrease (Armijo) constant of the line search. */
  public static final double C1 = 1e-4;

  /** The most function evaluations one line search may take. */
  public static final int MAX_LINE_SEARCH_EVALUATIONS = 60;

  /** The most shifts {@link Fallback#SHIFTED_HESSIAN} tries before falling back to {@code -g}. */
  public static final int MAX_SHIFTS = 100;

  private final int maxIterations;
  private final double gradientTolerance;
  private final Fallback fallback;
  private final GradientDescent.StepListener listener;

  /**
   * An optimizer with the default iteration limit and gradient tolerance, falling back to the
   * gradient ({@link Fallback#GRADIENT}).
   */
  public Newton() {
    this(DEFAULT_MAX_ITERATIONS, DEFAULT_GRADIENT_TOLERANCE, Fallback.GRADIENT, null);
  }

  private Newton(
      int maxIterations,
      double gradientTolerance,
      Fallback fallback,
      GradientDescent.StepListener listener) {
    if (maxIterations < 0) {
      throw new IllegalArgumentException(
          "maxIterations must not be negative, got " + maxIterations);
    }
    if (fallback == null) {
      throw new NullPointerException("fallback");
    }
    this.maxIterations = maxIterations;
    this.gradientTolerance = Checks.nonNegativeFinite("gradientTolerance", gradientTolerance);
    this.fallback = fallback;
    this.listener = listener;
  }

  /**
   * The iteration limit.
   *
   * @return the most iterations (direction and line search) {@link #minimize} makes
   */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * The convergence tolerance.
   *
   * @return the gradient norm at or below which {@link #minimize} stops
   */
  public double gradientTolerance() {
    return gradientTolerance;
  }

  /**
   * Returns a copy of this optimizer with a different iteration limit.
   *
   * @param maxIterations not negative (1 takes a single Newton step)
   * @return the new optimizer, other settings kept
   */
  public Newton withMaxIterations(int maxIterations) {
    return new Newton(maxIterations, gradientTolerance, fallback, listener);
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
   * Returns a copy of this optimizer with a different fallback for iterations whose Hessian is not
   * positive definite.
   *
   * @param fallback the fallback, not null
   * @return the new optimizer, other settings kept
   */
  public Newton withFallback(Fallback fallback) {
    return new Newton(maxIterations, gradientTolerance, fallback, listener);
  }

  /**
   * Returns a copy of this optimizer with a different gradient tolerance.
   *
   * @param gradientTolerance finite and not negative (0 runs until another stop applies)
   * @return the new optimizer, other settings kept
   */
  public Newton withGradientTolerance(double gradientTolerance) {
    return new Newton(maxIterations, gradientTolerance, fallback, listener);
  }

  /**
   * Returns a copy of this optimizer that calls {@code listener} at every iteration with the
   * iteration index, the current value and the current point, before the line search moves it.
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, other settings kept
   */
  public Newton onStep(GradientDescent.StepListener listener) {
    return new Newton(maxIterations, gradientTolerance, fallback, listener);
  }

  /**
   * Minimizes {@code function} from {@code initialPoint}, which is not modified.
   *
   * @param function the function to minimize
   * @param initialPoint the starting point, of length {@code function.dimension()}
   * @return the final point, its value and gradient norm, the counts and why the run stopped
   */
  public Result minimize(TwiceDifferentiableFunction function, double[] initialPoint) {
    int n = function.dimension();
    Checks.length("initialPoint", initialPoint, n);
    double[] x = initialPoint.clone();
    double[] g = new double[n];
    double[][] h = new double[n][n];
    double[][] factor = new double[n][n];
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] scratch = new double[n];
    double f = function.valueGradientAndHessian(x, g, h);
    int hessianEvaluations = 1;
    int evaluations = 0;
    int fallbackSteps = 0;
    int iteration = 0;
    Status status;
    while (true) {
      double gNorm = norm(g);
      if (!Double.isFinite(f) || !Double.isFinite(gNorm)) {
        status = Status.LINE_SEARCH_FAILED;
        break;
      }
      if (gNorm <= gradientTolerance) {
        status = Status.CONVERGED;
        break;
      }
      if (iteration == maxIterations) {
        status = Status.MAX_ITERATIONS;
        break;
      }
      if (listener != null) {
        listener.onStep(iteration, f, x);
      }

      // Direction: Newton if the Hessian is positive definite and the step descends, else the
      // fallback: -g, or the Newton step of the shifted Hessian H + τI.
      double slope = Double.NaN;
      double t = 1;
      boolean factored = cholesky(h, 0, factor);
      boolean fellBack = !factored;
      if (!factored && fallback == Fallback.SHIFTED_HESSIAN) {
        factored = shiftedCholesky(h, factor);
      }
      if (factored) {
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        solveInPlace(factor, d);
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

      if (fellBack) {
        fallbackSteps++;
      }

      // Backtracking line search.
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
        status = Status.LINE_SEARCH_FAILED;
        break;
      }
      double[] swap = x;
      x = xNew;
      xNew = swap;
      f = function.valueGradientAndHessian(x, g, h);
      hessianEvaluations++;
      iteration++;
    }
    return new Result(
        x, f, norm(g), iteration, fallbackSteps, evaluations, hessianEvaluations, status);
  }

  /**
   * Factors {@code a + shift I}, for {@code a} symmetric (only its lower triangle is read), as
   * {@code L Lᵀ}, writing {@code L} into the lower triangle of {@code l}.
   *
   * @return false when the matrix is not (numerically) positive definite or not finite
   */
  static boolean cholesky(double[][] a, double shift, double[][] l) {
    int n = a.length;
    for (int j = 0; j < n; j++) {
      double[] lj = l[j];
      double diagonal = a[j][j] + shift;
      for (int k = 0; k < j; k++) {
        diagonal -= lj[k] * lj[k];
      }
      if (!(diagonal > 0) || !Double.isFinite(diagonal)) {
        return false;
      }
      double root = Math.sqrt(diagonal);
      lj[j] = root;
      for (int i = j + 1; i < n; i++) {
        double[] li = l[i];
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= li[k] * lj[k];
        }
        li[j] = sum / root;
      }
    }
    return true;
  }

  /**
   * Factors {@code a + τ I} with the smallest {@code τ > 0} of the sequence of Nocedal and Wright's
   * Algorithm 3.3 for which the factorization succeeds: {@code τ} starts at {@code β - min a_ii}
   * (or {@code β} when the diagonal is positive), with {@code β = 1e-3 max |a_ii|}, and doubles.
   *
   * @return false when no shift works (the matrix is not finite)
   */
  static boolean shiftedCholesky(double[][] a, double[][] l) {
    int n = a.length;
    double minDiagonal = Double.POSITIVE_INFINITY;
    double maxDiagonal = 0;
    for (int i = 0; i < n; i++) {
      minDiagonal = Math.min(minDiagonal, a[i][i]);
      maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i][i]));
    }
    if (!Double.isFinite(minDiagonal) || !Double.isFinite(maxDiagonal)) {
      return false;
    }
    double beta = maxDiagonal > 0 ? 1e-3 * maxDiagonal : 1e-3;
    double tau = minDiagonal > 0 ? beta : beta - minDiagonal;
    for (int k = 0; k < MAX_SHIFTS && Double.isFinite(tau); k++) {
      if (cholesky(a, tau, l)) {
        return true;
      }
      tau = Math.max(2 * tau, beta);
    }
    return false;
  }

  /** Overwrites {@code b} with the solution of {@code L Lᵀ z = b}. */
  static void solveInPlace(double[][] l, double[] b) {
    int n = b.length;
    for (int i = 0; i < n; i++) {
      double[] li = l[i];
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= li[k] * b[k];
      }
      b[i] = sum / li[i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double sum = b[i];
      for (int k = i + 1; k < n; k++) {
        sum -= l[k][i] * b[k];
      }
      b[i] = sum / l[i][i];
    }
  }

  private static void multiply(double[][] a, double[] v, double[] out) {
    for (int i = 0; i < v.length; i++) {
      out[i] = dot(a[i], v);
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  @Override
  public String toString() {
    return "Newton[maxIterations="
        + maxIterations
        + ", gradientTolerance="
        + gradientTolerance
        + ", fallback="
        + fallback
        + "]";
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

  /** Why {@link #minimize} stopped. */
  public enum Status {
    /** The gradient norm reached the tolerance. */
    CONVERGED,
    /** The iteration limit was reached first. */
    MAX_ITERATIONS,
    /**
     * No step along the search direction decreased the function, or the value or gradient was not
     * finite: the derivatives may be wrong, or the point is as good as rounding allows.
     */
    LINE_SEARCH_FAILED
  }

  /**
   * The outcome of {@link #minimize}.
   *
   * @param point the final point (a fresh array owned by the caller)
   * @param value the function value at {@code point}
   * @param gradientNorm the Euclidean norm of the gradient at {@code point}
   * @param iterations the number of iterations (line searches) completed
   * @param fallbackSteps how many of those iterations did not take the plain Newton step, because
   *     the Hessian was not positive definite or the Newton step did not descend, and took the
   *     {@link Fallback} direction instead
   * @param evaluations the number of value-and-gradient evaluations made by the line searches
   * @param hessianEvaluations the number of value, gradient and Hessian evaluations
   * @param status why the run stopped
   */
  public record Result(
      double[] point,
      double value,
      double gradientNorm,
      int iterations,
      int fallbackSteps,
      int evaluations,
      int hessianEvaluations,
      Status status) {

    /**
     * Whether the gradient tolerance was reached.
     *
     * @return {@code status() == Status.CONVERGED}
     */
    public boolean converged() {
      return status == Status.CONVERGED;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Result r
          && Arrays.equals(point, r.point)
          && Double.compare(value, r.value) == 0
          && Double.compare(gradientNorm, r.gradientNorm) == 0
          && iterations == r.iterations
          && fallbackSteps == r.fallbackSteps
          && evaluations == r.evaluations
          && hessianEvaluations == r.hessianEvaluations
          && status == r.status;
    }

    @Override
    public int hashCode() {
      int h = Arrays.hashCode(point);
      h = 31 * h + Double.hashCode(value);
      h = 31 * h + iterations;
      h = 31 * h + fallbackSteps;
      h = 31 * h + evaluations;
      return 31 * h + status.hashCode();
    }

    @Override
    public String toString() {
      return "Newton.Result[status="
          + status
          + ", iterations="
          + iterations
          + ", fallbackSteps="
          + fallbackSteps
          + ", evaluations="
          + evaluations
          + ", hessianEvaluations="
          + hessianEvaluations
          + ", value="
          + value
          + ", gradientNorm="
          + gradientNorm
          + ", point="
          + Arrays.toString(point)
          + "]";
    }
  }
}
