package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The PyTorch tutorial "fitting y = sin(x) with a third order polynomial", with a gradient Adjoint
 * generates at compile time instead of autograd.
 *
 * <p>The loss below is ordinary Java; the annotation processor writes {@code SineFitDerivatives}
 * with {@code lossValueAndGradient(a, b, c, d, x, y, gradient)}, which returns the loss and
 * overwrites {@code gradient} with {@code (dL/da, dL/db, dL/dc, dL/dd)}. {@link #train} calls it in
 * a plain gradient-descent loop that allocates nothing. With {@code order = 2} it also writes the
 * forward-over-reverse {@code lossHessianVector} and {@code lossHessian}, which {@link
 * SineFitNewton} uses to solve the fit in one Newton step.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Psine-fit -DskipTests package} from the repository
 * root; see {@link SineFitOptions#USAGE} for the options.
 */
public final class SineFit {

  /** How often the loss is printed: at steps 99, 199, … like the tutorial. */
  public static final int LOG_EVERY = 100;

  private SineFit() {}

  /**
   * The tutorial's loss: the sum of squared errors of {@code a x^3 + b x^2 + c x + d} over the
   * data.
   *
   * @param a the coefficient of {@code x^3}
   * @param b the coefficient of {@code x^2}
   * @param c the coefficient of {@code x}
   * @param d the constant term
   * @param x the sample points
   * @param y the targets, at least as many as {@code x}
   * @return the sum of squared errors
   */
  @Differentiable(order = 2)
  static double loss(
      double a, double b, double c, double d, @NoDerivative double[] x, @NoDerivative double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
      sum += (yPred - y[i]) * (yPred - y[i]);
    }
    return sum;
  }

  /**
   * Receives the loss at every step of training; primitive arguments, so logging costs no boxing.
   */
  @FunctionalInterface
  public interface LossLog {
    /** A log that ignores everything. */
    LossLog NONE = (step, loss) -> {};

    /**
     * Receives the loss computed at a step, before that step's update.
     *
     * @param step the step index, from 0
     * @param loss the loss at the current coefficients
     */
    void step(int step, double loss);
  }

  /**
   * Plain gradient descent on {@link #loss}: {@code steps} times, compute the loss and its gradient
   * with the generated {@code SineFitDerivatives.lossValueAndGradient} and take {@code θ -=
   * learningRate * gradient}. The loop allocates nothing: the gradient array is allocated once.
   *
   * @param data the points and targets
   * @param init the initial {@code a, b, c, d}
   * @param learningRate the learning rate
   * @param steps the number of steps
   * @param log called at every step with the loss before the step's update
   * @return the coefficients after the last update
   */
  public static Cubic train(
      SineData data, double[] init, double learningRate, int steps, LossLog log) {
    if (init.length != 4) {
      throw new IllegalArgumentException("need 4 initial values, got " + init.length);
    }
    double[] x = data.x();
    double[] y = data.y();
    double a = init[0];
    double b = init[1];
    double c = init[2];
    double d = init[3];
    double lr = learningRate;
    double[] g = new double[4];
    for (int t = 0; t < steps; t++) {
      double loss = SineFitDerivatives.lossValueAndGradient(a, b, c, d, x, y, g);
      log.step(t, loss);
      a -= lr * g[0];
      b -= lr * g[1];
      c -= lr * g[2];
      d -= lr * g[3];
    }
    return new Cubic(a, b, c, d);
  }

  /**
   * Runs the fit as configured, printing to {@code out}: the loss every 100 steps as {@code "99
   * 1234.5"}, the resulting polynomial next to the least-squares optimum, and the PNG files
   * written.
   *
   * @param options the parsed command line
   * @param out where to print
   * @return the fitted cubic
   * @throws IOException if a PNG file cannot be written
   */
  public static Cubic run(SineFitOptions options, PrintStream out) throws IOException {
    SineData data = SineData.tutorial();
    double[] init = options.initialValues();
    out.printf(
        Locale.ROOT,
        "Fitting y = a x^3 + b x^2 + c x + d to sin x on %d points: lr %s, %d steps, from %s%n",
        data.size(),
        options.learningRate(),
        options.steps(),
        options.initDescription());
    double[] steps = new double[options.steps()];
    double[] losses = new double[options.steps()];
    LossLog log =
        (t, loss) -> {
          steps[t] = t;
          losses[t] = loss;
          if (t % LOG_EVERY == LOG_EVERY - 1) {
            out.println(t + " " + loss);
          }
        };
    Cubic fit = train(data, init, options.learningRate(), options.steps(), log);
    Cubic optimum = LeastSquaresCubic.fit(data);

    out.println("Result: " + fit);
    out.println();
    out.printf(Locale.ROOT, "Gradient descent: %s   loss %.6f%n", fit.toString(7), fit.loss(data));
    out.printf(
        Locale.ROOT, "Least squares:    %s   loss %.6f%n", optimum.toString(7), optimum.loss(data));

    Path dir = options.out();
    Path dataPng = SineFitCharts.writeData(data, dir);
    Path fitPng = SineFitCharts.writeFit(data, fit, optimum, dir);
    Path lossPng = SineFitCharts.writeLoss(steps, losses, dir, SineFitCharts.LOSS_FILE);
    out.println();
    out.println("Wrote " + dataPng.toAbsolutePath().normalize());
    out.println("Wrote " + fitPng.toAbsolutePath().normalize());
    out.println("Wrote " + lossPng.toAbsolutePath().normalize());
    return fit;
  }

  /**
   * Parses the command line (see {@link SineFitOptions#USAGE}) and runs the fit headless.
   *
   * @param args the command line
   * @throws IOException if a PNG file cannot be written
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    SineFitOptions options;
    try {
      options = SineFitOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("SineFit: " + e.getMessage());
      System.err.println(SineFitOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(SineFitOptions.USAGE);
      return;
    }
    run(options, System.out);
  }
}
