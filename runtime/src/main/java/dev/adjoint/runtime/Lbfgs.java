package dev.adjoint.runtime;

/**
 * Limited-memory BFGS (Nocedal and Wright, <i>Numerical Optimization</i>, Algorithm 7.4 and 7.5)
 * with a weak-Wolfe bisection line search: the usual first choice for minimizing a smooth function
 * of many variables when only its value and gradient are available.
 *
 * <p>Each iteration computes the search direction {@code d = -H g} with the two-loop recursion over
 * the last {@link #memory()} steps {@code s = x' - x} and gradient changes {@code y = g' - g},
 * scaled by {@code s·y / y·y} of the newest pair. The line search starts from the step {@code t =
 * 1} (on the first iteration {@code t = min(1, 1 / |g|)}) and bisects, or doubles, until the weak
 * Wolfe conditions hold:
 *
 * <pre>{@code
 * f(x + t d) <= f(x) + c1 t g·d          (sufficient decrease, c1 = 1e-4)
 * g(x + t d)·d >= c2 g·d                 (curvature, c2 = 0.9)
 * }</pre>
 *
 * (and a strict decrease {@code f(x + t d) < f(x)}, so that rounding cannot accept a null step),
 * which guarantees {@code s·y > 0}, so the approximate inverse Hessian stays positive definite. If
 * the direction is not a descent direction (which can only happen through rounding) the memory is
 * cleared and the step is along {@code -g}.
 *
 * <p>The run stops when a test of its {@link StoppingCriteria} fires (by default: the gradient norm
 * at most {@link #DEFAULT_GRADIENT_TOLERANCE}, or {@link #DEFAULT_MAX_ITERATIONS} iterations), and
 * with {@link Status#LINE_SEARCH_FAILED} when no step along the direction decreases the function
 * (the gradient is wrong, or the function is not smooth there). A line search that fails where the
 * decrease the direction predicts is below the rounding error of the value ends the run with {@link
 * Status#CONVERGED_FUNCTION_CHANGE} instead: the point is as good as floating point can tell,
 * whatever the absolute size of the gradient. The result holds the best point found.
 *
 * <pre>{@code
 * Result r = new Lbfgs().withGradientTolerance(1e-10).minimize(f, x0);
 * }</pre>
 *
 * <p>Working storage ({@code 2 * memory + 4} arrays of the dimension) is allocated once per {@link
 * #minimize} call. Instances are immutable and may be shared.
 */
public final class Lbfgs {

  /** The default number of correction pairs kept. */
  public static final int DEFAULT_MEMORY = 10;

  /** The default iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** The default absolute tolerance on the Euclidean norm of the gradient. */
  public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-8;

  /** The default stopping criteria: the iteration limit and the gradient tolerance above. */
  public static final StoppingCriteria DEFAULT_STOPPING =
      StoppingCriteria.none()
          .withMaxIterations(DEFAULT_MAX_ITERATIONS)
          .withGradientTolerance(DEFAULT_GRADIENT_TOLERANCE);

  /** The sufficient-decrease (Armijo) constant of the line search. */
  public static final double C1 = 1e-4;

  /** The curvature constant of the line search. */
  public static final double C2 = 0.9;

  /** The most function evaluations one line search may take. */
  public static final int MAX_LINE_SEARCH_EVALUATIONS = 60;

  private final int memory;
  private final StoppingCriteria stopping;
  private final StepListener listener;

  /** An optimizer with the default memory and {@link #DEFAULT_STOPPING}. */
  public Lbfgs() {
    this(DEFAULT_MEMORY, DEFAULT_STOPPING, null);
  }

  private Lbfgs(int memory, StoppingCriteria stopping, StepListener listener) {
    if (memory < 1) {
      throw new IllegalArgumentException("memory must be at least 1, got " + memory);
    }
    if (stopping == null) {
      throw new NullPointerException("stopping");
    }
    this.memory = memory;
    this.stopping = stopping;
    this.listener = listener;
  }

  /**
   * The number of correction pairs kept.
   *
   * @return the memory
   */
  public int memory() {
    return memory;
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
   * Returns a copy of this optimizer keeping {@code memory} correction pairs.
   *
   * @param memory at least 1
   * @return the new optimizer, other settings kept
   */
  public Lbfgs withMemory(int memory) {
    return new Lbfgs(memory, stopping, listener);
  }

  /**
   * Returns a copy with different stopping criteria.
   *
   * @param stopping the criteria, not null
   * @return the new optimizer, other settings kept
   */
  public Lbfgs withStopping(StoppingCriteria stopping) {
    return new Lbfgs(memory, stopping, listener);
  }

  /**
   * Returns a copy with a different iteration limit, other criteria kept.
   *
   * @param maxIterations not negative
   * @return the new optimizer, other settings kept
   */
  public Lbfgs withMaxIterations(int maxIterations) {
    return withStopping(stopping.withMaxIterations(maxIterations));
  }

  /**
   * Returns a copy with a different absolute gradient tolerance, other criteria kept.
   *
   * @param gradientTolerance finite and not negative (0 disables the test)
   * @return the new optimizer, other settings kept
   */
  public Lbfgs withGradientTolerance(double gradientTolerance) {
    return withStopping(stopping.withGradientTolerance(gradientTolerance));
  }

  /**
   * Returns a copy of this optimizer that calls {@code listener} at every iteration with the
   * current point, value and gradient, before the line search moves it.
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, other settings kept
   */
  public Lbfgs onStep(StepListener listener) {
    return new Lbfgs(memory, stopping, listener);
  }

  /**
   * Minimizes {@code function} from {@code initialPoint}, which is not modified.
   *
   * @param function the function to minimize
   * @param initialPoint the starting point, of length {@code function.dimension()}
   * @return the best point, its value and gradient norm, the counts and why the run stopped
   */
  public Result minimize(DifferentiableFunction function, double[] initialPoint) {
    int n = function.dimension();
    Checks.length("initialPoint", initialPoint, n);
    double[] x = initialPoint.clone();
    double[] g = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    double[] d = new double[n];
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    int stored = 0; // pairs in memory
    int newest = -1; // index of the newest pair in the ring
    Monitor monitor = new Monitor(stopping, listener, x, stopping.maxIterations());
    double f = function.valueAndGradient(x, g);
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

      // Two-loop recursion: d = -H g.
      System.arraycopy(g, 0, d, 0, n);
      for (int k = 0, i = newest; k < stored; k++, i = (i - 1 + memory) % memory) {
        alpha[i] = rho[i] * dot(s[i], d);
        axpy(-alpha[i], y[i], d);
      }
      if (stored > 0) {
        scale(dot(s[newest], y[newest]) / dot(y[newest], y[newest]), d);
      }
      for (int k = 0, i = (newest - stored + 1 + memory) % memory;
          k < stored;
          k++, i = (i + 1) % memory) {
        double beta = rho[i] * dot(y[i], d);
        axpy(alpha[i] - beta, s[i], d);
      }
      scale(-1, d);
      double slope = dot(g, d);
      if (!(slope < 0)) {
        stored = 0;
        newest = -1;
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = -gNorm * gNorm;
      }

      // Weak Wolfe line search by bisection (Lewis and Overton).
      double lo = 0;
      double hi = Double.POSITIVE_INFINITY;
      double t = stored == 0 ? Math.min(1, 1 / gNorm) : 1;
      double predictedDecrease = -t * slope;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < MAX_LINE_SEARCH_EVALUATIONS; ls++) {
        step(x, t, d, xNew);
        fNew = function.valueAndGradient(xNew, gNew);
        evaluations++;
        if (!(fNew <= f + C1 * t * slope && fNew < f)) {
          hi = t;
        } else if (dot(gNew, d) < C2 * slope) {
          lo = t;
        } else {
          accepted = true;
          break;
        }
        t = hi < Double.POSITIVE_INFINITY ? 0.5 * (lo + hi) : 2 * lo;
      }
      if (!accepted && lo > 0) {
        // Out of evaluations: take the longest step known to decrease f enough.
        step(x, lo, d, xNew);
        fNew = function.valueAndGradient(xNew, gNew);
        evaluations++;
        accepted = fNew <= f + C1 * lo * slope && fNew < f;
      }
      if (!accepted) {
        status =
            Monitor.atRoundingFloor(predictedDecrease, f)
                ? Status.CONVERGED_FUNCTION_CHANGE
                : Status.LINE_SEARCH_FAILED;
        break;
      }

      // New correction pair, kept only if the curvature is safely positive.
      int slot = (newest + 1) % memory;
      double[] sk = s[slot];
      double[] yk = y[slot];
      for (int i = 0; i < n; i++) {
        sk[i] = xNew[i] - x[i];
        yk[i] = gNew[i] - g[i];
      }
      double sy = dot(sk, yk);
      if (sy > 1e-12 * dot(yk, yk) && sy > 0) {
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, memory);
      } else if (stored == memory) {
        stored--; // the slot just overwritten held the oldest pair
      }
      double[] swap = x;
      x = xNew;
      xNew = swap;
      swap = g;
      g = gNew;
      gNew = swap;
      f = fNew;
      iteration++;
    }
    return monitor.finish(status, x, f, iteration, evaluations);
  }

  private static void step(double[] x, double t, double[] d, double[] out) {
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + t * d[i];
    }
  }

  private static double dot(double[] a, double[] b) {
    return Monitor.dot(a, b);
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static void scale(double a, double[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= a;
    }
  }

  @Override
  public String toString() {
    return "Lbfgs[memory=" + memory + ", stopping=" + stopping + "]";
  }
}
