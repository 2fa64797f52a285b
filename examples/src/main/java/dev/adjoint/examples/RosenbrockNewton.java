package dev.adjoint.examples;

import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.Lbfgs;
import dev.adjoint.runtime.Newton;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.TwiceDifferentiableFunction;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * Where the second derivative matters: the Rosenbrock function minimised by Newton's method with
 * the Hessian Adjoint generates ({@link Rosenbrock#rosenbrock} is {@code @Differentiable(order =
 * 2)}), by L-BFGS with the generated gradient, and by plain gradient descent with a fixed learning
 * rate, each from the standard start {@code (-1.2, 1, …)} until the gradient norm is at most {@code
 * 1e-10}; the iteration counts are printed side by side.
 *
 * <p>The banana valley's curvature differs by a factor of about 2500 across and along the valley at
 * the minimum, so gradient descent, whose learning rate must stay below {@code 2 / λmax}, crawls
 * along the valley floor for tens of thousands of steps; Newton's step rescales by the inverse
 * Hessian and converges quadratically in a couple of dozen.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Prosenbrock-newton -DskipTests package} from the
 * repository root; options ({@link #USAGE}) go through {@code -DrosenbrockNewton.args="..."}.
 */
public final class RosenbrockNewton {

  /** The gradient-norm tolerance every method runs to. */
  public static final double TOLERANCE = 1e-10;

  /** The default learning rate of gradient descent: below 2 / λmax along the whole path. */
  public static final double LEARNING_RATE = 1e-3;

  /** The default limit on gradient-descent steps. */
  public static final int MAX_STEPS = 1_000_000;

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: RosenbrockNewton [options]",
          "  Minimises the Rosenbrock function from (-1.2, 1, -1.2, 1, ...) with Newton's method",
          "  (generated Hessian), L-BFGS and gradient descent, until |gradient| <= 1e-10, and",
          "  prints the iteration counts side by side.",
          "  --n N           dimension, even and at least 2 (default 2)",
          "  --chained       the chained form sum_{i<n-1} instead of n/2 independent valleys",
          "  --shifted       Newton falls back to H + tau I (not -g) where H is not positive definite",
          "  --lr RATE       gradient-descent learning rate (default " + LEARNING_RATE + ")",
          "  --max-steps N   gradient-descent step limit (default " + MAX_STEPS + ")",
          "  --help          print this text");

  private RosenbrockNewton() {}

  /**
   * One method's run.
   *
   * @param method the method's name
   * @param iterations the iterations (steps) taken
   * @param evaluations the function evaluations (of any order) made
   * @param converged whether the gradient norm reached {@link #TOLERANCE}
   * @param value the final value
   * @param gradientNorm the final gradient norm
   * @param distance the final distance to {@code (1, …, 1)}
   */
  public record Run(
      String method,
      int iterations,
      int evaluations,
      boolean converged,
      double value,
      double gradientNorm,
      double distance) {}

  /**
   * The function with its generated gradient and Hessian.
   *
   * @param n the dimension
   * @param chained whether to use {@link Rosenbrock#chainedRosenbrock}
   * @return the function
   */
  public static TwiceDifferentiableFunction function(int n, boolean chained) {
    return chained
        ? TwiceDifferentiableFunction.of(
            n,
            RosenbrockDerivatives::chainedRosenbrockValueAndGradient,
            RosenbrockDerivatives::chainedRosenbrockHessian)
        : TwiceDifferentiableFunction.of(
            n,
            RosenbrockDerivatives::rosenbrockValueAndGradient,
            RosenbrockDerivatives::rosenbrockHessian);
  }

  /**
   * Newton's method with the generated Hessian.
   *
   * @param n the dimension
   * @param chained whether to minimise the chained form
   * @param fallback what Newton does where the Hessian is not positive definite
   * @return the run
   */
  public static Run newton(int n, boolean chained, Newton.Fallback fallback) {
    Result r =
        new Newton()
            .withGradientTolerance(TOLERANCE)
            .withMaxIterations(10_000)
            .withFallback(fallback)
            .minimize(function(n, chained), Rosenbrock.standardStart(n));
    return new Run(
        "Newton (generated Hessian)",
        r.iterations(),
        r.evaluations(),
        r.converged(),
        r.value(),
        r.gradientNorm(),
        Rosenbrock.distanceToOptimum(r.point()));
  }

  /**
   * L-BFGS with the generated gradient.
   *
   * @param n the dimension
   * @param chained whether to minimise the chained form
   * @return the run
   */
  public static Run lbfgs(int n, boolean chained) {
    Result r =
        new Lbfgs()
            .withGradientTolerance(TOLERANCE)
            .withMaxIterations(100_000)
            .minimize(Rosenbrock.function(n, chained), Rosenbrock.standardStart(n));
    return new Run(
        "L-BFGS (memory " + Lbfgs.DEFAULT_MEMORY + ")",
        r.iterations(),
        r.evaluations(),
        r.converged(),
        r.value(),
        r.gradientNorm(),
        Rosenbrock.distanceToOptimum(r.point()));
  }

  /**
   * Gradient descent {@code x -= learningRate * ∇f(x)} with the generated gradient, until the
   * gradient norm is at most {@link #TOLERANCE} or {@code maxSteps} steps have been taken.
   *
   * @param n the dimension
   * @param chained whether to minimise the chained form
   * @param learningRate the fixed learning rate
   * @param maxSteps the step limit
   * @return the run
   */
  public static Run gradientDescent(int n, boolean chained, double learningRate, int maxSteps) {
    DifferentiableFunction f = Rosenbrock.function(n, chained);
    double[] x = Rosenbrock.standardStart(n);
    double[] g = new double[n];
    double value = f.valueAndGradient(x, g);
    int evaluations = 1;
    int steps = 0;
    double gNorm = norm(g);
    while (gNorm > TOLERANCE && steps < maxSteps && Double.isFinite(value)) {
      for (int i = 0; i < n; i++) {
        x[i] -= learningRate * g[i];
      }
      steps++;
      value = f.valueAndGradient(x, g);
      evaluations++;
      gNorm = norm(g);
    }
    return new Run(
        String.format(Locale.ROOT, "gradient descent (lr %s)", learningRate),
        steps,
        evaluations,
        gNorm <= TOLERANCE,
        value,
        gNorm,
        Rosenbrock.distanceToOptimum(x));
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double vi : v) {
      s += vi * vi;
    }
    return Math.sqrt(s);
  }

  /**
   * Runs the comparison as {@code args} say and prints the table.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the runs: Newton, L-BFGS, gradient descent
   */
  public static Run[] run(String[] args, PrintStream out) {
    ExampleOptions options =
        ExampleOptions.parse(args, Set.of("n", "lr", "max-steps"), Set.of("chained", "shifted"));
    int n = options.getInt("n", 2, 2);
    if (n % 2 != 0) {
      throw new IllegalArgumentException("option --n must be even, got " + n);
    }
    boolean chained = options.flag("chained");
    Newton.Fallback fallback =
        options.flag("shifted") ? Newton.Fallback.SHIFTED_HESSIAN : Newton.Fallback.GRADIENT;
    double lr = options.getPositive("lr", LEARNING_RATE);
    int maxSteps = options.getInt("max-steps", MAX_STEPS, 1);
    out.printf(
        Locale.ROOT,
        "Minimising the %s Rosenbrock function in n = %d dimensions from (-1.2, 1, ...),%n"
            + "f = %.4g, until |gradient| <= %.0e%n%n",
        chained ? "chained" : "extended",
        n,
        Rosenbrock.function(n, chained).value(Rosenbrock.standardStart(n)),
        TOLERANCE);
    Run[] runs = {
      newton(n, chained, fallback), lbfgs(n, chained), gradientDescent(n, chained, lr, maxSteps)
    };
    out.printf(
        Locale.ROOT,
        "%-30s %10s %12s %12s %12s %12s%n",
        "method",
        "iterations",
        "evaluations",
        "f(x)",
        "|gradient|",
        "|x - 1|");
    for (Run r : runs) {
      out.printf(
          Locale.ROOT,
          "%-30s %10d %12d %12.3e %12.3e %12.3e%s%n",
          r.method(),
          r.iterations(),
          r.evaluations(),
          r.value(),
          r.gradientNorm(),
          r.distance(),
          r.converged() ? "" : "   (did not reach the tolerance)");
    }
    out.printf(
        Locale.ROOT,
        "%nNewton needs %d iterations, gradient descent %d: %.0fx as many.%n",
        runs[0].iterations(),
        runs[2].iterations(),
        (double) runs[2].iterations() / Math.max(1, runs[0].iterations()));
    return runs;
  }

  /**
   * Runs the example.
   *
   * @param args see {@link #USAGE}
   */
  public static void main(String[] args) {
    try {
      if (ExampleOptions.parse(args, Set.of("n", "lr", "max-steps"), Set.of("chained", "shifted"))
          .help()) {
        System.out.println(USAGE);
        return;
      }
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("RosenbrockNewton: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }
}
