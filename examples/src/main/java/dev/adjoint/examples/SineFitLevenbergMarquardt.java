package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import dev.adjoint.runtime.LevenbergMarquardt;
import dev.adjoint.runtime.Result;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * The sine fit as a residual model: {@link #residuals} returns one residual {@code a x³ + b x² + c
 * x + d - y} per point, Adjoint generates its Jacobian ({@code
 * SineFitLevenbergMarquardtDerivatives.residualsJacobian}, one row per residual, by forward sweeps
 * since there are fewer parameters than residuals), and the generated least-squares model {@code
 * residualsLeastSquares(a, b, c, d, x, y)} hands both to the runtime's {@link LevenbergMarquardt}
 * over the flat point {@code (a, b, c, d)}.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Psine-fit-lm -DskipTests package} from the
 * repository root; options ({@link #USAGE}) go through {@code -DsineFitLm.args="..."}.
 */
public final class SineFitLevenbergMarquardt {

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: SineFitLevenbergMarquardt [options]",
          "  Fits y = a x^3 + b x^2 + c x + d to sin x on 2000 points with Levenberg-Marquardt",
          "  on the residuals, with their generated Jacobian.",
          "  --start a,b,c,d   the starting point (default 0,0,0,0)",
          "  --help            print this text");

  private SineFitLevenbergMarquardt() {}

  /**
   * The residuals of the cubic {@code a x³ + b x² + c x + d} at the data: their sum of squares is
   * {@link SineFit#loss}.
   *
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   * @param x the sample points
   * @param y the targets, at least as many as {@code x}
   * @return one residual per point, prediction minus target
   */
  @Differentiable
  static double[] residuals(
      double a, double b, double c, double d, @NoDerivative double[] x, @NoDerivative double[] y) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d - y[i];
    }
    return r;
  }

  /**
   * Fits the cubic to {@code data} with Levenberg–Marquardt from {@code start}.
   *
   * @param data the points and targets
   * @param start the initial {@code a, b, c, d}
   * @return the optimizer's result: the coefficients, the residuals and their norm
   */
  public static Result fit(SineData data, double[] start) {
    // the generated model; the (a, b, c, d) it is made with only give the layout's shape
    return new LevenbergMarquardt()
        .minimize(
            data.size(),
            SineFitLevenbergMarquardtDerivatives.residualsLeastSquares(
                0, 0, 0, 0, data.x(), data.y()),
            start);
  }

  /**
   * Runs the fit as {@code args} say and prints the result next to the least-squares optimum.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the optimizer's result
   */
  public static Result run(String[] args, PrintStream out) {
    ExampleOptions options = ExampleOptions.parse(args, Set.of("start"), Set.of());
    double[] start = options.getDoubles("start", new double[4]);
    SineData data = SineData.tutorial();
    out.printf(
        Locale.ROOT,
        "Fitting y = a x^3 + b x^2 + c x + d to sin x on %d points with Levenberg-Marquardt%n"
            + "on %d residuals and their generated Jacobian, from (%s, %s, %s, %s)%n%n",
        data.size(),
        data.size(),
        start[0],
        start[1],
        start[2],
        start[3]);
    long t0 = System.nanoTime();
    Result r = fit(data, start);
    double millis = (System.nanoTime() - t0) / 1e6;
    double[] p = r.point();
    Cubic fit = new Cubic(p[0], p[1], p[2], p[3]);
    Cubic optimum = LeastSquaresCubic.fit(data);
    out.printf(Locale.ROOT, "Levenberg-Marquardt: %s   loss %.12f%n", fit.toString(15), r.value());
    out.printf(
        Locale.ROOT,
        "Least squares:       %s   loss %.12f%n",
        optimum.toString(15),
        optimum.loss(data));
    out.printf(
        Locale.ROOT,
        "cost |r| = %.12f, %d iterations, %d evaluations, %.0f ms;"
            + " max |coefficient error| %.1e%n",
        Math.sqrt(r.value()),
        r.iterations(),
        r.evaluations(),
        millis,
        SineFitNewton.maxError(p, optimum.coefficients()));
    return r;
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
      System.err.println("SineFitLevenbergMarquardt: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }
}
