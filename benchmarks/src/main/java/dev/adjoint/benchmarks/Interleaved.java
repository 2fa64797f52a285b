package dev.adjoint.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * A cross-check of JMH's ratios that holds up on a loaded machine: the implementations run in
 * alternating blocks of about 20 ms, each block timed with the thread's CPU time, so background
 * load slows none of them more than the others and time spent descheduled is not counted. The ratio
 * of two implementations is the median over blocks of the ratio of neighbouring blocks.
 *
 * <p>JMH measures wall-clock time in separate JVMs one benchmark after another: when other work
 * starts or stops on a 2-core machine between two benchmarks, their ratio moves by tens of percent.
 * This check runs in one JVM with the gradients compiled side by side, so it does not replace JMH
 * (no forks, no blackhole); it shows whether a ratio JMH reports is the code's or the load's.
 */
public final class Interleaved {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final double BLOCK_NANOS = 20e6;
  private static volatile double sink;

  private Interleaved() {}

  /** A named implementation. */
  record Impl(String name, DoubleSupplier call) {}

  /**
   * Median CPU nanoseconds per call of each implementation, and the block-by-block ratios.
   *
   * @param impls the implementations, run in rotating order in each round
   * @param warmupNanos wall time each implementation runs before measuring
   * @param rounds measured rounds (one block of each implementation per round)
   * @return for each implementation, the per-round CPU nanoseconds per call
   */
  static double[][] measure(Impl[] impls, long warmupNanos, int rounds) {
    int k = impls.length;
    int[] calls = new int[k];
    for (int j = 0; j < k; j++) {
      long t0 = System.nanoTime();
      long n = 0;
      double s = 0;
      while (System.nanoTime() - t0 < warmupNanos) {
        s += impls[j].call().getAsDouble();
        n++;
      }
      sink = s;
      // Calls per block from the last tenth of the warm-up.
      long c0 = THREADS.getCurrentThreadCpuTime();
      long m = Math.max(1, n / 10);
      for (long i = 0; i < m; i++) {
        s += impls[j].call().getAsDouble();
      }
      double perCall = (double) (THREADS.getCurrentThreadCpuTime() - c0) / m;
      calls[j] = (int) Math.max(1, Math.min(1_000_000, BLOCK_NANOS / Math.max(perCall, 1)));
      sink = s;
    }
    double[][] perRound = new double[k][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int q = 0; q < k; q++) {
        int j = (q + r) % k;
        DoubleSupplier f = impls[j].call();
        double s = 0;
        long c0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls[j]; i++) {
          s += f.getAsDouble();
        }
        perRound[j][r] = (double) (THREADS.getCurrentThreadCpuTime() - c0) / calls[j];
        sink = s;
      }
    }
    return perRound;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return Report.median(s);
  }

  static double pairedRatio(double[] num, double[] den) {
    double[] r = new double[num.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = num[i] / den[i];
    }
    return median(r);
  }

  /**
   * Runs the cross-check on the sine fit and the growth and prints it.
   *
   * @param out where to print
   */
  static void print(PrintStream out) {
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      out.println("(thread CPU time unavailable: no interleaved check)");
      return;
    }
    THREADS.setThreadCpuTimeEnabled(true);
    SineData seed = SineData.linspace(SineData.POINTS);
    double[] x = seed.x();
    double[] y = seed.y();
    double[] g = new double[4];
    double a = -0.09;
    double b = 0.01;
    double c = 0.85;
    double d = 0.02;
    Impl[] impls = {
      new Impl("generated", () -> SineLossDerivatives.lossValueAndGradient(a, b, c, d, x, y, g)),
      new Impl("handWritten", () -> SineLoss.handWritten(a, b, c, d, x, y, g)),
      new Impl("primal", () -> SineLoss.loss(a, b, c, d, x, y)),
      new Impl("centralDifferences", () -> SineLoss.centralDifferences(a, b, c, d, x, y, g)),
      new Impl("hipparchus", () -> SineLoss.hipparchus(a, b, c, d, x, y, g)),
      new Impl("hipparchusPowers", () -> SineLoss.hipparchusPowers(a, b, c, d, x, y, g)),
    };
    int rounds = 51;
    double[][] t = measure(impls, 4_000_000_000L, rounds);
    out.println();
    out.println(
        "Interleaved cross-check (one JVM, alternating ~20 ms blocks, thread CPU time, "
            + rounds
            + " rounds), sine fit at 2000 points:");
    out.println("| implementation       | median µs/call (CPU) |");
    out.println("|----------------------|---------------------:|");
    for (int j = 0; j < impls.length; j++) {
      out.println(
          String.format(Locale.ROOT, "| %-20s | %20.3f |", impls[j].name(), median(t[j]) / 1e3));
    }
    out.println("  paired ratios (median over rounds):");
    ratio(out, "generated / hand-written", t[0], t[1]);
    ratio(out, "generated / primal", t[0], t[2]);
    ratio(out, "central differences / generated", t[3], t[0]);
    ratio(out, "Hipparchus (literal) / generated", t[4], t[0]);
    ratio(out, "Hipparchus (powers) / generated", t[5], t[0]);

    Impl[] steps = {
      new Impl(
          "previous generator",
          () -> GeneratedVsHandWritten.previousGenerated(a, b, c, d, x, y, g)),
      new Impl(
          "  same, x[i] in local",
          () -> GeneratedVsHandWritten.previousGeneratedLocalX(a, b, c, d, x, y, g)),
      new Impl(
          "generated (now)", () -> SineLossDerivatives.lossValueAndGradient(a, b, c, d, x, y, g)),
      new Impl(
          "+ primal on powers", () -> GeneratedVsHandWritten.sharedPowers(a, b, c, d, x, y, g)),
      new Impl(
          "+ factor 2 after loop", () -> GeneratedVsHandWritten.twoAfterLoop(a, b, c, d, x, y, g)),
      new Impl("hand-written", () -> SineLoss.handWritten(a, b, c, d, x, y, g)),
    };
    double[][] ts = measure(steps, 2_000_000_000L, rounds);
    out.println();
    out.println(
        "Interleaved cross-check, from generated to hand-written one change at a time"
            + " (see GeneratedVsHandWritten):");
    out.println("| variant                | median µs/call (CPU) | ÷ hand-written (paired) |");
    out.println("|------------------------|---------------------:|------------------------:|");
    for (int j = 0; j < steps.length; j++) {
      out.println(
          String.format(
              Locale.ROOT,
              "| %-22s | %20.3f | %22.2f× |",
              steps[j].name(),
              median(ts[j]) / 1e3,
              pairedRatio(ts[j], ts[steps.length - 1])));
    }

    int[] sizes = {2_000, 20_000, 200_000, 2_000_000};
    Impl[] growth = new Impl[2 * sizes.length];
    for (int s = 0; s < sizes.length; s++) {
      SineData data = SineData.linspace(sizes[s]);
      double[] xn = data.x();
      double[] yn = data.y();
      growth[2 * s] =
          new Impl(
              "generated", () -> SineLossDerivatives.lossValueAndGradient(a, b, c, d, xn, yn, g));
      growth[2 * s + 1] =
          new Impl("handWritten", () -> SineLoss.handWritten(a, b, c, d, xn, yn, g));
    }
    double[][] tg = measure(growth, 1_000_000_000L, 31);
    out.println();
    out.println("Interleaved cross-check, growth (CPU ns per point, medians of 31 rounds):");
    out.println("| N         | generated | hand-written | generated / hand-written |");
    out.println("|----------:|----------:|-------------:|-------------------------:|");
    for (int s = 0; s < sizes.length; s++) {
      out.println(
          String.format(
              Locale.ROOT,
              "| %9d | %9.3f | %12.3f | %23.2f× |",
              sizes[s],
              median(tg[2 * s]) / sizes[s],
              median(tg[2 * s + 1]) / sizes[s],
              pairedRatio(tg[2 * s], tg[2 * s + 1])));
    }
  }

  private static void ratio(PrintStream out, String name, double[] num, double[] den) {
    out.println(String.format(Locale.ROOT, "    %-34s %7.2f×", name, pairedRatio(num, den)));
  }
}
