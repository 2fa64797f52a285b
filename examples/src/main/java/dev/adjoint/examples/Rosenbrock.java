package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.Lbfgs;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.StepListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * Minimises the extended Rosenbrock function in 100 dimensions with L-BFGS, using the gradient
 * Adjoint generates for {@link #rosenbrock}.
 *
 * <p>The <em>extended</em> Rosenbrock function (Moré, Garbow and Hillstrom 1981, problem 21) is the
 * sum of {@code n / 2} independent copies of the two-dimensional banana valley,
 *
 * <pre>f(x) = Σ_{i=0}^{n/2-1} 100 (x[2i+1] - x[2i]²)² + (1 - x[2i])²,</pre>
 *
 * minimised at {@code x = (1, …, 1)} with {@code f = 0}, started from the standard point {@code
 * (-1.2, 1, -1.2, 1, …)}. With {@code --chained} the program minimises instead the chained form
 * {@code Σ_{i=0}^{n-2} 100 (x[i+1] - x[i]²)² + (1 - x[i])²} (SciPy's {@code rosen}), whose terms
 * overlap and which takes many more iterations.
 *
 * <p>Both functions are {@code @Differentiable(order = 2)}, so Adjoint also generates their
 * Hessians, which {@link RosenbrockNewton} uses for Newton's method.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Prosenbrock -DskipTests package} from the
 * repository root; options ({@link #USAGE}) go through {@code -Drosenbrock.args="--chained"}.
 */
public final class Rosenbrock {

  /** The dimension the example uses. */
  public static final int DIMENSION = 100;

  /** The tolerance on the gradient norm at which L-BFGS stops. */
  public static final double GRADIENT_TOLERANCE = 1e-9;

  /** How often the value is printed, in iterations. */
  public static final int LOG_EVERY = 5;

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: Rosenbrock [options]",
          "  Minimises the extended Rosenbrock function with L-BFGS from (-1.2, 1, -1.2, 1, ...).",
          "  --n N        dimension, even and at least 2 (default " + DIMENSION + ")",
          "  --chained    minimise the chained form sum_{i<n-1} 100 (x[i+1] - x[i]^2)^2"
              + " + (1 - x[i])^2",
          "  --every N    print the value every N iterations (default " + LOG_EVERY + ")",
          "  --help       print this text");

  private Rosenbrock() {}

  /**
   * The extended Rosenbrock function: {@code n / 2} independent banana valleys.
   *
   * @param x the point, of even length
   * @return {@code Σ_i 100 (x[2i+1] - x[2i]²)² + (1 - x[2i])²}
   */
  @Differentiable(order = 2)
  static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length / 2; i++) {
      double valley = x[2 * i + 1] - x[2 * i] * x[2 * i];
      double offset = 1 - x[2 * i];
      sum += 100 * valley * valley + offset * offset;
    }
    return sum;
  }

  /**
   * The chained Rosenbrock function, whose consecutive terms share a variable.
   *
   * @param x the point, at least 2 elements
   * @return {@code Σ_{i<n-1} 100 (x[i+1] - x[i]²)² + (1 - x[i])²}
   */
  @Differentiable(order = 2)
  static double chainedRosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double valley = x[i + 1] - x[i] * x[i];
      double offset = 1 - x[i];
      sum += 100 * valley * valley + offset * offset;
    }
    return sum;
  }

  /**
   * The standard starting point {@code (-1.2, 1, -1.2, 1, …)}.
   *
   * @param n the dimension
   * @return a fresh array
   */
  public static double[] standardStart(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1.2 : 1.0;
    }
    return x;
  }

  /**
   * The Euclidean distance from {@code x} to the minimiser {@code (1, …, 1)}.
   *
   * @param x the point
   * @return {@code |x - 1|}
   */
  public static double distanceToOptimum(double[] x) {
    double sum = 0;
    for (double xi : x) {
      sum += (xi - 1) * (xi - 1);
    }
    return Math.sqrt(sum);
  }

  /**
   * The function to minimise, as the runtime's {@link DifferentiableFunction}, backed by the
   * generated {@code RosenbrockDerivatives}.
   *
   * @param n the dimension
   * @param chained whether to use {@link #chainedRosenbrock} instead of {@link #rosenbrock}
   * @return the function
   */
  public static DifferentiableFunction function(int n, boolean chained) {
    return chained
        ? DifferentiableFunction.of(n, RosenbrockDerivatives::chainedRosenbrockValueAndGradient)
        : DifferentiableFunction.of(n, RosenbrockDerivatives::rosenbrockValueAndGradient);
  }

  /**
   * Minimises the function with L-BFGS from the standard start.
   *
   * @param n the dimension
   * @param chained whether to minimise the chained form
   * @param log called at every iteration with the value before the step, or null
   * @return the optimizer's result
   */
  public static Result minimize(int n, boolean chained, StepListener log) {
    return new Lbfgs()
        .withGradientTolerance(GRADIENT_TOLERANCE)
        .withMaxIterations(5000)
        .onStep(log)
        .minimize(function(n, chained), standardStart(n));
  }

  /**
   * Runs the minimisation as {@code args} say and prints the progress and the result.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the optimizer's result
   */
  public static Result run(String[] args, PrintStream out) {
    ExampleOptions options = ExampleOptions.parse(args, Set.of("n", "every"), Set.of("chained"));
    int n = options.getInt("n", DIMENSION, 2);
    if (n % 2 != 0) {
      throw new IllegalArgumentException("option --n must be even, got " + n);
    }
    boolean chained = options.flag("chained");
    int every = options.getInt("every", LOG_EVERY, 1);
    out.printf(
        Locale.ROOT,
        "Minimising the %s Rosenbrock function in n = %d dimensions with L-BFGS (memory %d)%n",
        chained ? "chained" : "extended",
        n,
        Lbfgs.DEFAULT_MEMORY);
    out.printf(
        Locale.ROOT,
        "from x = (-1.2, 1, -1.2, 1, ...), f = %.6g; stop when |gradient| <= %.0e%n",
        function(n, chained).value(standardStart(n)),
        GRADIENT_TOLERANCE);
    out.println("iteration  f(x)");
    long start = System.nanoTime();
    Result r =
        minimize(
            n,
            chained,
            s -> {
              if (s.iteration() % every == 0) {
                out.printf(Locale.ROOT, "%9d  %.6e%n", s.iteration(), s.value());
              }
            });
    double millis = (System.nanoTime() - start) / 1e6;
    double[] x = r.point();
    out.printf(
        Locale.ROOT,
        "Stopped (%s) after %d iterations, %d gradient evaluations, %.0f ms%n",
        r.status(),
        r.iterations(),
        r.evaluations(),
        millis);
    out.printf(Locale.ROOT, "final value        f(x) = %.3e%n", r.value());
    out.printf(Locale.ROOT, "gradient norm      |g|  = %.3e%n", r.gradientNorm());
    out.printf(Locale.ROOT, "distance to (1, ..., 1) = %.3e%n", distanceToOptimum(x));
    StringBuilder head = new StringBuilder("x[0.." + (Math.min(4, n) - 1) + "] =");
    for (int i = 0; i < Math.min(4, n); i++) {
      head.append(String.format(Locale.ROOT, " %.10f", x[i]));
    }
    out.println(head);
    return r;
  }

  /**
   * Runs the example.
   *
   * @param args see {@link #USAGE}
   */
  public static void main(String[] args) {
    try {
      if (ExampleOptions.parse(args, Set.of("n", "every"), Set.of("chained")).help()) {
        System.out.println(USAGE);
        return;
      }
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("Rosenbrock: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }
}
