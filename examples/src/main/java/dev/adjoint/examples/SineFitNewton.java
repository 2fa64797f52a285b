package dev.adjoint.examples;

import dev.adjoint.runtime.Newton;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.TwiceDifferentiableFunction;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * The tutorial's sine fit solved by Newton's method with the Hessian Adjoint generates for {@link
 * SineFit#loss} ({@code @Differentiable(order = 2)}).
 *
 * <p>The loss {@code Σ (a x³ + b x² + c x + d - y)²} is quadratic in {@code (a, b, c, d)}, so its
 * Hessian is constant and one Newton step {@code θ₁ = θ₀ - H⁻¹ ∇L(θ₀)} lands on the least-squares
 * optimum from any start, up to rounding: where gradient descent needs thousands of steps, Newton
 * needs one. The program takes that step from a few starting points with the runtime's {@link
 * Newton} optimizer (limited to one iteration) over the generated {@code
 * SineFitDerivatives.lossHessian}, and prints each result next to the optimum from the normal
 * equations ({@link LeastSquaresCubic}).
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Psine-fit-newton -DskipTests package} from the
 * repository root; options ({@link #USAGE}) go through {@code -DsineFitNewton.args="..."}.
 */
public final class SineFitNewton {

  /**
   * The least-squares optimum's {@code a} (the coefficient of x³), to the digits a reference solver
   * gives.
   */
  public static final double OPTIMUM_A = -0.0933303890405988;

  /** The least-squares optimum's {@code c} (the coefficient of x); {@code b = d = 0}. */
  public static final double OPTIMUM_C = 0.856740843073785;

  /** The starting points the program uses unless {@code --start} gives one. */
  static final double[][] DEFAULT_STARTS = {
    {0, 0, 0, 0},
    {1, -1, 1, -1},
    {0.4967, -0.1383, 0.6477, 1.5230},
    {10, -20, 50, -100},
  };

  /** The reference optimum, as {@code a, b, c, d}. */
  static final double[] QUOTED_OPTIMUM = {OPTIMUM_A, 0, OPTIMUM_C, 0};

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: SineFitNewton [options]",
          "  Fits y = a x^3 + b x^2 + c x + d to sin x on 2000 points with one Newton step",
          "  (the generated Hessian of the loss) and prints it next to the least-squares optimum.",
          "  --start a,b,c,d   one starting point (default: four, from zeros to 100)",
          "  --help            print this text");

  private SineFitNewton() {}

  /**
   * The loss as a function of the flat point {@code (a, b, c, d)}, with value, gradient and Hessian
   * from the generated {@code SineFitDerivatives}.
   *
   * @param data the points and targets
   * @return the function, backed by {@code lossValueAndGradient} and {@code lossHessian}
   */
  public static TwiceDifferentiableFunction function(SineData data) {
    // the generated objective (order = 2): the (a, b, c, d) it is made with only give the shape
    return SineFitDerivatives.lossObjective(0, 0, 0, 0, data.x(), data.y());
  }

  /**
   * Takes one Newton step from {@code start}.
   *
   * @param data the points and targets
   * @param start the initial {@code a, b, c, d}
   * @return the optimizer's result after one iteration (its point is the cubic after the step)
   */
  public static Result oneStep(SineData data, double[] start) {
    return new Newton()
        .withMaxIterations(1)
        .withGradientTolerance(0)
        .minimize(function(data), start);
  }

  /**
   * The largest absolute difference between the coefficients of two cubics.
   *
   * @param p the first, as {@code a, b, c, d}
   * @param q the second
   * @return {@code max |p_i - q_i|}
   */
  public static double maxError(double[] p, double[] q) {
    double max = 0;
    for (int i = 0; i < 4; i++) {
      max = Math.max(max, Math.abs(p[i] - q[i]));
    }
    return max;
  }

  /**
   * Runs the example as {@code args} say and prints the one-step results next to the optimum.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the largest coefficient error over the starting points
   */
  public static double run(String[] args, PrintStream out) {
    ExampleOptions options = ExampleOptions.parse(args, Set.of("start"), Set.of());
    double[][] starts =
        options.flag("start")
            ? new double[][] {options.getDoubles("start", new double[4])}
            : DEFAULT_STARTS;
    SineData data = SineData.tutorial();
    Cubic optimum = LeastSquaresCubic.fit(data);
    double[] best = optimum.coefficients();
    out.printf(
        Locale.ROOT,
        "Fitting y = a x^3 + b x^2 + c x + d to sin x on %d points by one Newton step%n"
            + "with the generated Hessian (SineFitDerivatives.lossHessian)%n%n",
        data.size());
    double worst = 0;
    for (double[] start : starts) {
      Result r = oneStep(data, start);
      Cubic step = new Cubic(r.point()[0], r.point()[1], r.point()[2], r.point()[3]);
      double error = maxError(r.point(), best);
      worst = Math.max(worst, error);
      out.printf(
          Locale.ROOT,
          "from (%s, %s, %s, %s), loss %.6g%n",
          fmt(start[0]),
          fmt(start[1]),
          fmt(start[2]),
          fmt(start[3]),
          SineFit.loss(start[0], start[1], start[2], start[3], data.x(), data.y()));
      out.printf(
          Locale.ROOT,
          "  one Newton step: %s   loss %.12f%n"
              + "  max |coefficient error|: %.1e against the least-squares optimum,"
              + " %.1e against the quoted one%n",
          step.toString(15),
          r.value(),
          error,
          maxError(r.point(), QUOTED_OPTIMUM));
    }
    out.printf(
        Locale.ROOT,
        "%nLeast squares (normal equations): %s   loss %.12f%n",
        optimum.toString(15),
        optimum.loss(data));
    out.printf(
        Locale.ROOT,
        "Reference optimum:                a = %s, b = 0, c = %s, d = 0%n",
        OPTIMUM_A,
        OPTIMUM_C);
    out.printf(Locale.ROOT, "Largest one-step error over %d starts: %.1e%n", starts.length, worst);
    return worst;
  }

  /** Prints whole numbers without a fraction, others in full. */
  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Runs the example.
   *
   * @param args see {@link #USAGE}
   */
  public static void main(String[] args) {
    try {
      if (ExampleOptions.parse(args, Set.of("start"), Set.of()).help()) {
        System.out.println(USAGE);
        return;
      }
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("SineFitNewton: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }
}
