package dev.adjoint.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Prints, for each variant of {@link CheckpointsLoss}, the bytes its gradient allocates per call
 * and the median time of a call relative to the primal, as a Markdown table: the memory and time
 * each snapshot count buys, without JMH.
 *
 * <p>{@code java -cp benchmarks/target/adjoint-benchmarks.jar
 * dev.adjoint.benchmarks.CheckpointsTable [--steps 20000] [--calls 11]}, or the {@code checkpoints}
 * profile of the benchmarks module. Each variant is warmed up first (at least 5 calls and 2 s); the
 * bytes are counted over 3 calls with the per-thread allocation counter ({@link Allocation}). Then
 * {@code --calls} rounds each call the primal and every variant once: the time column is the median
 * over the rounds of a variant's wall-clock time divided by the primal's in the same round
 * (wall-clock, so that it includes the collections full storage causes), the last column the median
 * time itself.
 */
public final class CheckpointsTable {

  /** A gradient of {@link CheckpointsLoss}: the signature every variant's generated code has. */
  @FunctionalInterface
  interface Gradient {
    double valueAndGradient(double[] u0, double kappa, int steps, double[] gradient);
  }

  /**
   * A variant.
   *
   * @param checkpoints its snapshot count, 0 for full storage
   * @param gradient its generated value and gradient
   */
  record Variant(int checkpoints, Gradient gradient) {

    /** The first column of the table. */
    String label() {
      return checkpoints == 0 ? "full storage" : Integer.toString(checkpoints);
    }
  }

  /** Every variant, full storage first, then fewer and fewer snapshots. */
  static final List<Variant> VARIANTS =
      List.of(
          new Variant(0, CheckpointsLossDerivatives::energyFullValueAndGradient),
          new Variant(1024, CheckpointsLossDerivatives::energyN1024ValueAndGradient),
          new Variant(256, CheckpointsLossDerivatives::energyN256ValueAndGradient),
          new Variant(64, CheckpointsLossDerivatives::energyN64ValueAndGradient),
          new Variant(32, CheckpointsLossDerivatives::energyN32ValueAndGradient),
          new Variant(16, CheckpointsLossDerivatives::energyN16ValueAndGradient),
          new Variant(8, CheckpointsLossDerivatives::energyN8ValueAndGradient));

  /** The number of cells. */
  static final int CELLS = 64;

  /** The diffusion number. */
  static final double KAPPA = 0.2;

  /** The default number of steps. */
  static final int STEPS = 20_000;

  private static final long WARMUP_NANOS = 2_000_000_000L;

  /** Keeps results alive so that calls cannot be removed. */
  private static volatile double sink;

  private CheckpointsTable() {}

  /**
   * One period of a sine over the ring plus seeded Gaussian noise of standard deviation 0.1.
   *
   * @param cells the number of cells
   * @return the initial values
   */
  static double[] initialState(int cells) {
    Random random = new Random(3);
    double[] u0 = new double[cells];
    for (int i = 0; i < cells; i++) {
      u0[i] = Math.sin(2 * Math.PI * i / cells) + 0.1 * random.nextGaussian();
    }
    return u0;
  }

  /**
   * Measures every variant and prints the table.
   *
   * @param args {@code --steps N} (default 20 000), {@code --calls N} timed calls per variant
   *     (default 11), made in rounds that call the primal and every variant once each
   */
  public static void main(String[] args) {
    int steps = STEPS;
    int calls = 11;
    for (int k = 0; k < args.length; k++) {
      String arg = args[k].strip();
      if (arg.isEmpty()) {
        continue;
      }
      int value = 0;
      if ((arg.equals("--steps") || arg.equals("--calls")) && k + 1 < args.length) {
        value = positive(args[++k].strip());
      }
      if (arg.equals("--steps") && value > 0) {
        steps = value;
      } else if (arg.equals("--calls") && value > 0) {
        calls = value;
      } else {
        System.err.println(
            "Usage: CheckpointsTable [--steps N] [--calls N]  (positive; default --steps "
                + STEPS
                + " --calls 11)");
        System.exit(2);
      }
    }
    print(steps, calls, System.out);
  }

  /** The positive integer {@code text}, or 0 if it is not one. */
  private static int positive(String text) {
    try {
      return Math.max(0, Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Measures the primal and every variant at {@code steps} steps and prints the table.
   *
   * @param steps the number of steps
   * @param rounds the number of timed rounds, each calling the primal and every variant once
   * @param out where to print
   */
  static void print(int steps, int rounds, PrintStream out) {
    double[] u0 = initialState(CELLS);
    double[] g = new double[CELLS + 1];
    out.printf(
        Locale.ROOT,
        "Diffusion on a ring of %d cells, %d explicit steps; %s %s, max heap %d MiB%n",
        CELLS,
        steps,
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    List<DoubleSupplier> calls = new ArrayList<>();
    calls.add(() -> CheckpointsLoss.energyFull(u0, KAPPA, steps));
    for (Variant v : VARIANTS) {
      calls.add(() -> v.gradient().valueAndGradient(u0, KAPPA, steps, g));
    }
    double[] bytes = new double[calls.size()];
    for (int c = 0; c < calls.size(); c++) {
      warmUp(calls.get(c));
      bytes[c] = bytesPerCall(calls.get(c));
    }
    // Rounds rather than one variant after the other, and ratios within a round: a change in the
    // machine's load during the run then weighs on the primal and the gradients alike.
    double[][] millis = new double[calls.size()][rounds];
    double s = 0;
    for (int r = 0; r < rounds; r++) {
      for (int c = 0; c < calls.size(); c++) {
        long start = System.nanoTime();
        s += calls.get(c).getAsDouble();
        millis[c][r] = (System.nanoTime() - start) / 1e6;
      }
    }
    sink = s;
    out.println();
    out.println("| N | bytes per call | time / primal | median ms |");
    out.println("|---|---:|---:|---:|");
    for (int c = 0; c < calls.size(); c++) {
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = millis[c][r] / millis[0][r];
      }
      out.printf(
          Locale.ROOT,
          "| %s | %s | %.2f | %.2f |%n",
          c == 0 ? "primal" : VARIANTS.get(c - 1).label(),
          formatBytes(bytes[c]),
          median(ratios),
          median(millis[c]));
    }
  }

  /**
   * The bytes one call allocates, after warm-up, or -1 where the JVM cannot count them.
   *
   * @param call the call
   * @return bytes per call, the mean of 3 calls
   */
  static double bytesPerCall(DoubleSupplier call) {
    return Allocation.supported() ? Allocation.bytesPerCall(call, 0, 3) : -1;
  }

  /** Calls {@code call} at least 5 times and for at least 2 s, so that the JIT has compiled it. */
  private static void warmUp(DoubleSupplier call) {
    double s = 0;
    long start = System.nanoTime();
    for (int k = 0; k < 5 || System.nanoTime() - start < WARMUP_NANOS; k++) {
      s += call.getAsDouble();
    }
    sink = s;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length;
    return m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
  }

  private static String formatBytes(double bytes) {
    if (bytes < 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,.0f", bytes);
  }
}
