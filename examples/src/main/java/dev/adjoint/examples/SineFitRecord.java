package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * The sine fit of {@link SineFit} with the four coefficients in a record: the loss takes a {@link
 * Cubic} and the gradient comes back as a {@code Cubic} too.
 *
 * <p>The record parameter {@code p} is differentiated by default (its components are {@code
 * double}s), so the annotation processor writes {@code SineFitRecordDerivatives.lossGradient(p, x,
 * y)}, returning {@code LossGradient(double value, Cubic p)} whose {@code p().a()} is {@code
 * ∂loss/∂a}, and {@code lossValueAndGradient(p, x, y, gradient)} with the flat layout {@code (a, b,
 * c, d)}, the record's components in declaration order. A gradient-descent step is then one
 * expression: {@code new Cubic(p.a() - lr * g.a(), …)}.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Psine-fit-record -DskipTests package} from the
 * repository root; options ({@link #USAGE}) go through {@code -DsineFitRecord.args="--steps 5000"}.
 */
public final class SineFitRecord {

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: SineFitRecord [options]",
          "  Fits a Cubic record to sin x on 2000 points by gradient descent.",
          "  --init A,B,C,D  initial coefficients (default 0,0,0,0)",
          "  --steps N       gradient-descent steps (default 2000)",
          "  --lr X          learning rate (default 1e-6)",
          "  --help          print this text");

  private SineFitRecord() {}

  /**
   * The tutorial's loss with the coefficients in a record: the same expression as {@link
   * SineFit#loss}, term for term.
   *
   * @param p the coefficients
   * @param x the sample points
   * @param y the targets, at least as many as {@code x}
   * @return the sum of squared errors
   */
  @Differentiable
  static double loss(Cubic p, @NoDerivative double[] x, @NoDerivative double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double yPred = p.a() * x[i] * x[i] * x[i] + p.b() * x[i] * x[i] + p.c() * x[i] + p.d();
      sum += (yPred - y[i]) * (yPred - y[i]);
    }
    return sum;
  }

  /**
   * Plain gradient descent on {@link #loss}, stepping with the gradient record: {@code steps}
   * times, {@code g = lossGradient(p, x, y).p()} and {@code p = new Cubic(p.a() - lr * g.a(), …)}.
   *
   * @param data the points and targets
   * @param init the initial coefficients
   * @param learningRate the learning rate
   * @param steps the number of steps
   * @param log called at every step {@code t} with {@code t % 100 == 99}, with the loss before that
   *     step's update
   * @return the coefficients after the last update
   */
  public static Cubic train(
      SineData data, Cubic init, double learningRate, int steps, SineFit.LossLog log) {
    double[] x = data.x();
    double[] y = data.y();
    double lr = learningRate;
    Cubic p = init;
    for (int t = 0; t < steps; t++) {
      SineFitRecordDerivatives.LossGradient r = SineFitRecordDerivatives.lossGradient(p, x, y);
      log.step(t, r.value());
      Cubic g = r.p();
      p = new Cubic(p.a() - lr * g.a(), p.b() - lr * g.b(), p.c() - lr * g.c(), p.d() - lr * g.d());
    }
    return p;
  }

  /**
   * Runs the fit as {@code args} say, printing the loss every 100 steps and the fitted coefficients
   * next to the least-squares optimum.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the fitted coefficients
   */
  public static Cubic run(String[] args, PrintStream out) {
    ExampleOptions o = ExampleOptions.parse(args, Set.of("init", "steps", "lr"), Set.of());
    double[] init = o.getDoubles("init", new double[4]);
    int steps = o.getInt("steps", 2000, 0);
    double lr = o.getPositive("lr", 1e-6);
    SineData data = SineData.tutorial();
    Cubic start = new Cubic(init[0], init[1], init[2], init[3]);
    out.printf(
        Locale.ROOT,
        "Fitting %s to sin x on %d points: lr %s, %d steps%n",
        "Cubic(a, b, c, d)",
        data.size(),
        lr,
        steps);
    Cubic fit =
        train(
            data,
            start,
            lr,
            steps,
            (t, loss) -> {
              if (t % SineFit.LOG_EVERY == SineFit.LOG_EVERY - 1) {
                out.println(t + " " + loss);
              }
            });
    Cubic optimum = LeastSquaresCubic.fit(data);
    out.println("Result: " + fit);
    out.printf(Locale.ROOT, "Gradient descent: %s   loss %.6f%n", fit.toString(7), fit.loss(data));
    out.printf(
        Locale.ROOT, "Least squares:    %s   loss %.6f%n", optimum.toString(7), optimum.loss(data));
    return fit;
  }

  /**
   * Runs the example.
   *
   * @param args see {@link #USAGE}
   */
  public static void main(String[] args) {
    try {
      if (ExampleOptions.parse(args, Set.of("init", "steps", "lr"), Set.of()).help()) {
        System.out.println(USAGE);
        return;
      }
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("SineFitRecord: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }
}
