package dev.adjoint.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Java side of the PyTorch comparison ({@code benchmarks/pytorch/compare.py}): the seed's
 * training loop, plain gradient descent on {@link SineLoss#loss} with the generated {@code
 * SineLossDerivatives.lossValueAndGradient}, timed in microseconds per step.
 *
 * <p>Usage: {@code TrainingLoop [--data FILE] [--init A,B,C,D] [--steps N] [--lr X] [--warmup R]
 * [--repeats R]}. {@code FILE} holds one {@code "x y"} pair per line (as written by the script, so
 * both sides use bit-identical data); without it the 2000 points of {@link SineData#linspace} are
 * used. The whole training run is repeated {@code warmup} times untimed, then {@code repeats} times
 * timed, every run from the same initial values; the median wall-clock and thread-CPU time per step
 * are printed with the coefficients after the last run, as {@code key value} lines:
 *
 * <pre>
 * us_per_step 4.812
 * us_per_step_min 4.790
 * us_per_step_max 5.020
 * cpu_us_per_step 4.800
 * coefficients a b c d
 * loss 8.9
 * </pre>
 */
public final class TrainingLoop {

  /** The seed logs the loss every 100 steps ({@code loss.item()}); so does this loop. */
  public static final int LOG_EVERY = 100;

  private static volatile double sink;

  private TrainingLoop() {}

  /**
   * Trains from {@code init} and returns the final coefficients.
   *
   * @param x the sample points
   * @param y the targets
   * @param init the initial {@code a, b, c, d}
   * @param lr the learning rate
   * @param steps the number of steps
   * @return the coefficients after the last update
   */
  public static double[] train(double[] x, double[] y, double[] init, double lr, int steps) {
    double a = init[0];
    double b = init[1];
    double c = init[2];
    double d = init[3];
    double[] g = new double[4];
    double logged = 0;
    for (int t = 0; t < steps; t++) {
      double loss = SineLossDerivatives.lossValueAndGradient(a, b, c, d, x, y, g);
      if (t % LOG_EVERY == LOG_EVERY - 1) {
        logged += loss;
      }
      a -= lr * g[0];
      b -= lr * g[1];
      c -= lr * g[2];
      d -= lr * g[3];
    }
    sink = logged;
    return new double[] {a, b, c, d};
  }

  /**
   * Runs the timed training loop.
   *
   * @param args see the class comment
   * @throws IOException if the data file cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path dataFile = null;
    double[] init = {0, 0, 0, 0};
    int steps = 2000;
    double lr = 1e-6;
    int warmup = 30;
    int repeats = 30;
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--data" -> dataFile = Path.of(v);
        case "--init" ->
            init = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
        case "--steps" -> steps = Integer.parseInt(v);
        case "--lr" -> lr = Double.parseDouble(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--repeats" -> repeats = Integer.parseInt(v);
        default -> {
          System.err.println("TrainingLoop: unknown option " + args[i]);
          System.exit(2);
        }
      }
      i++;
    }
    if (init.length != 4) {
      throw new IllegalArgumentException("need 4 initial values, got " + init.length);
    }
    double[] x;
    double[] y;
    if (dataFile == null) {
      SineData data = SineData.linspace(SineData.POINTS);
      x = data.x();
      y = data.y();
    } else {
      List<String> lines = Files.readAllLines(dataFile);
      x = new double[lines.size()];
      y = new double[lines.size()];
      for (int k = 0; k < lines.size(); k++) {
        String[] xy = lines.get(k).trim().split("\\s+");
        x[k] = Double.parseDouble(xy[0]);
        y[k] = Double.parseDouble(xy[1]);
      }
    }
    double[] result = null;
    for (int r = 0; r < warmup; r++) {
      result = train(x, y, init, lr, steps);
    }
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    double[] perStep = new double[repeats];
    double[] cpuPerStep = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      result = train(x, y, init, lr, steps);
      perStep[r] = (System.nanoTime() - t0) / 1e3 / steps;
      cpuPerStep[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / steps;
    }
    Arrays.sort(perStep);
    Arrays.sort(cpuPerStep);
    System.out.printf(Locale.ROOT, "points %d%n", x.length);
    System.out.printf(Locale.ROOT, "us_per_step %.4f%n", Report.median(perStep));
    System.out.printf(Locale.ROOT, "us_per_step_min %.4f%n", perStep[0]);
    System.out.printf(Locale.ROOT, "us_per_step_max %.4f%n", perStep[repeats - 1]);
    System.out.printf(Locale.ROOT, "cpu_us_per_step %.4f%n", Report.median(cpuPerStep));
    System.out.println(
        "coefficients " + result[0] + " " + result[1] + " " + result[2] + " " + result[3]);
    System.out.println("loss " + SineLoss.loss(result[0], result[1], result[2], result[3], x, y));
  }
}
