package dev.adjoint.examples;

import dev.adjoint.runtime.Adam;
import dev.adjoint.runtime.LearningRateSchedule;
import dev.adjoint.runtime.LossHistory;
import dev.adjoint.runtime.Progress;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.StoppingCriteria;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The sine fit as a training loop with the runtime's optimizers and nothing written by hand between
 * the loss and the optimizer: the generated objective {@code SineFitDerivatives.lossObjective}
 * binds the data, Adam runs with a linear warm-up then cosine annealing of the learning rate, stops
 * early when the loss stops improving, reports progress, and the generated {@code LossParameters}
 * reads the coefficients back by name. The loss curve is written as a PNG.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Psine-fit-adam -DskipTests package}; options
 * ({@link #USAGE}) go through {@code -DsineFitAdam.args="--iterations 5000"}.
 */
public final class SineFitAdam {

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: SineFitAdam [options]",
          "  Fits a x^3 + b x^2 + c x + d to sin x with Adam, a warm-up and cosine schedule,",
          "  and early stopping.",
          "  --lr X          peak learning rate (default 0.05)",
          "  --iterations N  iteration limit (default 20000)",
          "  --out DIR       where to write the loss curve (default target)",
          "  --help          print this text");

  /** The file name of the loss curve. */
  public static final String LOSS_FILE = "sine-adam-loss.png";

  private SineFitAdam() {}

  /**
   * Trains the cubic on the tutorial's data.
   *
   * @param learningRate the peak learning rate
   * @param iterations the iteration limit
   * @param progress where progress is reported, or null for none
   * @param history receives the loss at every iteration
   * @return the optimizer's result, whose point is {@code (a, b, c, d)}
   */
  public static Result train(
      double learningRate, int iterations, PrintStream progress, LossHistory history) {
    SineData data = SineData.tutorial();
    // the arguments give the starting point (a, b, c, d) = 0 and bind the data
    SineFitDerivatives.LossObjective loss =
        SineFitDerivatives.lossObjective(0, 0, 0, 0, data.x(), data.y());
    Adam adam =
        new Adam(learningRate, iterations)
            .withSchedule(
                LearningRateSchedule.linearWarmup()
                    .then(5, LearningRateSchedule.cosineAnnealing(iterations - 5, 1e-4)))
            .withStopping(
                StoppingCriteria.none()
                    .withMaxIterations(iterations)
                    .withFunctionTolerance(1e-10, 50)
                    .withTimeLimit(Duration.ofMinutes(1)))
            .onStep(
                progress == null
                    ? history
                    : history.andThen(Progress.to(progress).withPeriod(100)));
    return adam.minimize(loss, loss.start());
  }

  /**
   * Runs the example, printing to {@code out}.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the fitted cubic
   * @throws IOException if the PNG cannot be written
   */
  public static Cubic run(String[] args, PrintStream out) throws IOException {
    ExampleOptions o = ExampleOptions.parse(args, Set.of("lr", "iterations", "out"), Set.of());
    if (o.help()) {
      out.println(USAGE);
      return null;
    }
    double lr = o.getPositive("lr", 0.05);
    int iterations = o.getInt("iterations", 20_000, 10);
    LossHistory history = new LossHistory();
    Result r = train(lr, iterations, out, history);
    SineData data = SineData.tutorial();
    SineFitDerivatives.LossParameters p =
        SineFitDerivatives.lossObjective(0, 0, 0, 0, data.x(), data.y()).parameters(r.point());
    Cubic fit = new Cubic(p.a(), p.b(), p.c(), p.d());
    out.printf(
        Locale.ROOT,
        "%s after %d iterations: %s   loss %.6f (least squares %.6f)%n",
        r.status(),
        r.iterations(),
        fit.toString(7),
        r.value(),
        LeastSquaresCubic.fit(data).loss(data));
    double[] steps = new double[history.size()];
    double[] values = history.values();
    for (int i = 0; i < steps.length; i++) {
      steps[i] = history.iteration(i);
    }
    Path png =
        SineFitCharts.writeLoss(steps, values, Path.of(o.getString("out", "target")), LOSS_FILE);
    out.println("Wrote " + png.toAbsolutePath().normalize());
    return fit;
  }

  /**
   * Runs the example headless.
   *
   * @param args the command line, see {@link #USAGE}
   * @throws IOException if the PNG cannot be written
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    run(args, System.out);
  }
}
